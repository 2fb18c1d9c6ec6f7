// Keeps DESIGN.md's arrows true: http → services → domain; only the entries know the runtime.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "domain/ imports nothing of ours but other domain modules",
      severity: "error",
      from: { path: "^server/domain/" },
      to: { path: "^(server/(?!domain/)|db/|emails/|web/)" },
    },
    {
      name: "services-not-http",
      comment: "services never reach back into routes",
      severity: "error",
      from: { path: "^server/services/" },
      to: { path: "^server/http/" },
    },
    {
      name: "routes-not-db",
      comment: "routes parse, call a service, map: no tables and no SQL in http/ (a query belongs in a service)",
      severity: "error",
      from: { path: "^server/http/" },
      to: { path: "^(db/|node_modules/drizzle-orm)" },
    },
    {
      name: "edge-safe",
      comment: "services, domain, db (but db/node/), emails and http run on Workers too: no runtime-specific server or database client",
      severity: "error",
      from: { path: "^(server/(services|domain|http)/|db/|emails/|server/(app|worker|config|deps|events|ids|errors)\\.ts)", pathNot: "^db/(migrate\\.ts$|node/)" },
      // npm paths as resolved (node_modules/…): @libsql/client's Node build, not its web build
      to: { path: "^(node:|(node_modules/)?@hono/node-server|node_modules/@libsql/client/lib-(cjs|esm)/node|node_modules/libsql/|db/node/)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "edge-safe-core-modules",
      severity: "error",
      from: { path: "^(server/(services|domain|http)/|db/|emails/|server/(app|worker|config|deps|events|ids|errors)\\.ts)", pathNot: "^db/(migrate\\.ts$|node/)" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "web-only-types-from-server",
      comment: "the dashboard talks to the server over HTTP; it may import the shared schemas only (the template editor validates with the server's own template schema; the set-password page states the server's password rules; the alert rules page knows the built-in rule by its id; the template editor offers the item bank)",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^(server|db|emails)/", pathNot: "^server/(app|http/(schemas/[a-z-]+|template-schemas)|domain/(template-content|password-rules|time|vocabulary|alert-defaults|item-bank))\\.ts$" },
    },
    {
      name: "web-app-type-only",
      comment: "the dashboard's typed client (web/src/api-client.ts) takes the routes' types from server/app.ts (AppType), never its code",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^server/app\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // node_modules is not followed but kept, so the rules above can name npm packages
    exclude: { path: "^web/dist" },
  },
};
