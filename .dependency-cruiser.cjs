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
      name: "edge-safe",
      comment: "services, domain, db (but db/node/), emails and http run on Workers too: no runtime-specific server or database client",
      severity: "error",
      from: { path: "^(server/(services|domain|http)/|db/|emails/|server/(app|worker|config|deps|events|ids|errors)\\.ts)", pathNot: "^db/(migrate\\.ts$|node/)" },
      to: { path: "^(node:|@hono/node-server|@libsql/client$|libsql$|db/node/)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "edge-safe-core-modules",
      severity: "error",
      from: { path: "^(server/(services|domain|http)/|db/|emails/|server/(app|worker|config|deps|events|ids|errors)\\.ts)", pathNot: "^db/(migrate\\.ts$|node/)" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "web-only-types-from-server",
      comment: "the dashboard talks to the server over HTTP; it may import the shared schemas only (the template editor validates with the server's own template schema; the set-password page states the server's password rules)",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^(server|db|emails)/", pathNot: "^server/(http/(schemas|template-schemas)|domain/(template-content|password-rules))\\.ts$" },
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
    exclude: { path: "^(node_modules|web/dist)" },
  },
};
