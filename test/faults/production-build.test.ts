// `npm run build` + `npm run start:prod`: the bundled server in build/ runs with node alone (no tsx), applies
// its migrations, serves the dashboard, the customer pages (compiled JSX), the analytics read thread and backups.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { call, newAgent, seedDuePurchases, serverEnv, tokensByRecipient } from "./support";

let server: RunningServer;
beforeAll(async () => {
  // The dashboard is built by the suite's own `vite build` (npm test); the server bundle here, as `npm run build` does.
  expect(existsSync("web/dist/index.html"), "web/dist is missing: npx vite build").toBe(true);
  const built = spawnSync("npx", ["vite", "build", "-c", "vite.server.config.ts"], { encoding: "utf8" });
  expect(built.status, built.stdout + built.stderr).toBe(0);
  server = await startNodeServer(serverEnv(), { entry: "build/node.js" });
});
afterAll(() => server?.stop());

describe("the built server (npm run start:prod)", () => {
  it("runs with node alone: no tsx loader, no TypeScript", () => {
    const cmdline = readFileSync(`/proc/${server.process.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    expect(cmdline.slice(1)).toEqual([join(process.cwd(), "build/node.js")]);
    const maps = readFileSync(`/proc/${server.process.pid}/maps`, "utf8");
    expect(maps).not.toContain("tsx");
  });

  it("serves the dashboard, a survey page and answers, analytics on its read thread, and metrics", async () => {
    const agent = newAgent();
    try {
      const index = await call(agent, server.url, "GET", "/");
      expect(index.status).toBe(200);
      expect(index.body).toContain('<div id="root">');
      await seedDuePurchases(agent, server.url, "prod", 3);
      expect((await call(agent, server.url, "POST", "/api/v1/dispatch", { auth: true })).status).toBe(200);
      const token = [...(await tokensByRecipient(agent, server.url)).values()][0]!;
      const page = await call(agent, server.url, "GET", `/s/${token}?score=9`);
      expect(page.status).toBe(200);
      expect(page.body).toContain("<form");
      expect((await call(agent, server.url, "POST", `/s/${token}`, { body: { score: 9, comment: "built" } })).status).toBe(201);
      const drivers = await call(agent, server.url, "GET", "/api/v1/analytics/drivers", { auth: true });
      expect(drivers.status, drivers.body).toBe(200);
      const metrics = await call(agent, server.url, "GET", "/metrics");
      expect(metrics.body).toMatch(/^valuepulse_responses 1$/m);
      // The built command-line tools run with node alone too: an online backup of the running server's file.
      const backup = spawnSync(process.execPath, ["build/backup-cli.js", "backup", join(server.dataDir, "copies")], {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: `file:${join(server.dataDir, "valuepulse.db")}` },
      });
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/^Backed up .*valuepulse-\d{8}T\d{9}Z\.db/);
    } finally {
      agent.destroy();
    }
  });
});
