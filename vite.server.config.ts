// `npm run build:server`: the Node entry and its command-line tools bundled to build/ as plain ESM
// JavaScript, run by `npm run start:prod` with node alone (no tsx, no TypeScript at start).
// Packages stay in node_modules (imported at run time); our own code and JSX are compiled in.
import { cpSync, rmSync } from "node:fs";
import { defineConfig } from "vite";

export default defineConfig({
  // Not the dashboard's web/ root: this build reads server code only.
  root: ".",
  publicDir: false,
  // hono/jsx for the customer pages and emails, as tsconfig.json says for tsx.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  build: {
    ssr: true,
    // build/ sits beside web/: server/node.ts finds the dashboard at ../web/dist from either place.
    outDir: "build",
    emptyOutDir: true,
    target: "node20",
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: {
        node: "server/node.ts",
        "read-thread-worker": "server/read-thread-worker.ts",
        "backup-cli": "server/backup-cli.ts",
        "db-migrate": "server/db-migrate.ts",
        "admin-reset-password": "server/admin-reset-password.ts",
      },
      output: { format: "esm", entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js" },
    },
  },
  plugins: [
    {
      name: "copy-migrations",
      // db/migrate.ts reads ./migrations beside its module: every file of the build is in build/ itself.
      closeBundle() {
        rmSync("build/migrations", { recursive: true, force: true });
        cpSync("db/migrations", "build/migrations", { recursive: true });
      },
    },
  ],
});
