// Start time and memory of the Node entry: the built output (`npm run start:prod`, node build/node.js) against
// the TypeScript run through tsx (what `npm start` runs after building the dashboard). Each start is on a fresh
// data folder (migrations, seeding: a first start) and again on the same folder (a restart).
// Run: npm run build && npx tsx bench/start.ts
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNodeServer } from "../test/node-server";
import { rssBytes } from "../test/faults/support";

const RUNS = Number(process.env.RUNS ?? 3);
const variants = [
  { name: "node build/node.js (start:prod)", entry: "build/node.js" },
  { name: "tsx server/node.ts (npm start)", entry: undefined },
];

if (!existsSync("build/node.js")) throw new Error("build/node.js is missing: npm run build first");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const env = { ADMIN_EMAIL: "bench@example.com", ADMIN_PASSWORD: "bench-password-123", BACKUP_INTERVAL_HOURS: "0", LOG_REQUESTS: "false" };

console.log(`| how | first start (fresh data) | restart | memory after start (RSS) |`);
console.log(`|---|---|---|---|`);
for (const v of variants) {
  const first: number[] = [];
  const again: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), "valuepulse-start-"));
    let t = performance.now();
    const s = await startNodeServer(env, { entry: v.entry, dataDir });
    first.push(performance.now() - t);
    await s.stop("SIGTERM").catch(() => {});
    // Same data folder: what a restart (an upgrade, a reboot) costs.
    t = performance.now();
    const r = await startNodeServer(env, { entry: v.entry, dataDir });
    again.push(performance.now() - t);
    // Settled: the read thread and the first timers are up.
    await new Promise((res) => setTimeout(res, 1000));
    rss.push(rssBytes(r.process.pid!));
    await r.stop("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`| ${v.name} | ${(median(first) / 1000).toFixed(2)} s | ${(median(again) / 1000).toFixed(2)} s | ${(median(rss) / 1024 / 1024).toFixed(0)} MiB |`);
}
