// npm run bench:edge: the Worker (workerd via `wrangler dev`, as `npm run test:edge` runs it) serving the Analytics
// page's reads from a database of 100,000 responses behind the Turso stand-in (Hrana over HTTP, test/fakes). Reports
// each read's time and what the database returned to the Worker for it, and writes that section of
// docs/BENCHMARKS-EDGE.md. Bounded: the database is prepared once (cached generator), each read runs 5 times.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../db/client";
import { connectNode } from "../db/node/connect-node";
import { migrateDb } from "../db/migrate";
import { upgradeCustomerValues } from "../server/services/customer-values";
import { bootstrap } from "../server/services/bootstrap";
import { loadConfig } from "../server/config";
import { startHranaServer } from "../test/fakes/hrana-server";
import { run, startWorker } from "../test/edge/workerd";
import { generatedResponsesDb } from "./lib/generate-responses";
import { fmt, spread } from "./lib/stats";

const N = Number(process.env.EDGE_BENCH_RESPONSES ?? 100_000);
const RUNS = 5;
const KEY = "vp_edge_bench_read_key_0123456789ab";
const DOC = "docs/BENCHMARKS-EDGE.md";
const MARK = "<!-- bench:edge -->";

/** What the Analytics page asks for when it opens (web/src/pages/Analytics.tsx), all time, and its "show more" of the at-risk list. */
const READS: [string, string][] = [
  ["overview: NPS per tier, customers and revenue per tier, revenue at risk", "/api/v1/analytics/overview"],
  ["revenue at risk, next page", "/api/v1/analytics/at-risk?offset=100&limit=100"],
  ["key drivers", "/api/v1/analytics/drivers"],
  ["scale reliability", "/api/v1/analytics/reliability"],
  ["expectations and touchpoints", "/api/v1/analytics/expectations"],
  ["segments by tier", "/api/v1/analytics/segments?dimension=tier"],
  ["comment themes", "/api/v1/analytics/themes"],
];

async function main() {
  const started = Date.now();
  const log = (m: string) => console.error(`  ${m}`);
  const g = await generatedResponsesDb(N, { log });
  const dir = mkdtempSync(join(tmpdir(), "valuepulse-edge-bench-"));
  const file = join(dir, "turso.db");
  copyFileSync(g.path, file);
  const now = Date.now();
  // Upgraded on this machine as `npm run db:migrate` would (migrations, kept customer values, rollups), then served.
  const client = await connectNode(`file:${file}`);
  const prep = performance.now();
  try {
    const db = createDb(client);
    await migrateDb(db);
    const deps = { db, clock: { now: () => now }, log: { info() {}, error() {} } };
    await upgradeCustomerValues(deps);
    const config = loadConfig({ DATABASE_URL: `file:${file}`, PUBLIC_URL: "http://localhost:8787", ADMIN_EMAIL: "bench@example.com", ADMIN_PASSWORD: "bench-password-1" });
    await bootstrap({ ...deps, config: { ...config, secretKey: "edge-bench-secret-key-0123456789abcdef" } });
    await client.execute({ sql: `insert into api_keys (id, name, prefix, key_hash, scope, created_at) values ('edge-bench', 'bench', ?, ?, 'read', ?)`, args: [KEY.slice(0, 8), createHash("sha256").update(KEY).digest("hex"), now] });
  } finally {
    client.close();
  }
  const prepMs = performance.now() - prep;
  if (!existsSync("web/dist/index.html")) await run("npx", ["vite", "build"]);
  const turso = await startHranaServer({ file });
  const stats = { statements: 0, rows: 0, requests: 0 };
  const worker = await startWorker({ DATABASE_URL: turso.url, DATABASE_AUTH_TOKEN: turso.authToken, SECRET_KEY: "edge-bench-secret-key-0123456789abcdef", PUBLIC_URL: "http://localhost:8787" }, dir);
  const results: { label: string; ms: ReturnType<typeof spread>; statements: number; rows: number; requests: number; bytes: number; status: number }[] = [];
  try {
    for (const [label, path] of READS) {
      const times: number[] = [];
      let per = { statements: 0, rows: 0, requests: 0, bytes: 0, status: 0 };
      // The first read warms the isolate's caches (API key, templates); the runs after it are timed.
      const readStart = performance.now();
      // A read that takes long gets fewer runs (at least one timed): the bench stops by itself.
      for (let r = 0; r <= RUNS && (r < 2 || performance.now() - readStart < 30_000); r++) {
        const before = { ...turso.stats, requests: turso.requests.length };
        const t0 = performance.now();
        const res = await fetch(worker.url + path, { headers: { Authorization: `Bearer ${KEY}` } });
        const body = await res.text();
        const ms = performance.now() - t0;
        if (r > 0) times.push(ms);
        per = { statements: turso.stats.statements - before.statements, rows: turso.stats.rows - before.rows, requests: turso.requests.length - before.requests, bytes: body.length, status: res.status };
        if (res.status !== 200) {
          log(`${path}: ${res.status} ${body.slice(0, 300)}`);
          break;
        }
      }
      results.push({ label, ms: spread(times.length ? times : [NaN]), ...per });
      log(`${label}: ${fmt(spread(times.length ? times : [NaN]).median)} ms, ${per.rows} rows in ${per.statements} statements`);
    }
    Object.assign(stats, turso.stats);
  } finally {
    await worker.stop();
    await turso.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const section = [
    MARK,
    "## The Analytics page on the edge",
    "",
    `Written by \`npm run bench:edge\` on ${new Date(started).toISOString().slice(0, 16).replace("T", " ")} UTC, in ${((Date.now() - started) / 60_000).toFixed(1)} min. ` +
      `The Worker bundle in workerd (\`wrangler dev --local\`, as \`npm run test:edge\` runs it) reads a database of ${N.toLocaleString("en-US")} responses ` +
      `(\`bench/lib/generate-responses.ts\`, upgraded first as \`npm run db:migrate\` does: ${fmt(prepMs / 1000, 0)} s on this machine) through the Turso stand-in (\`test/fakes/hrana-server.ts\`: Hrana over HTTP on loopback, a real libSQL file). ` +
      `Each read of the Analytics page (all time, as the page opens) once to warm the isolate, then up to ${RUNS} times (fewer once a read has taken 30 s); ms min / **median** / max from the request to the last byte. ` +
      "**Rows returned** is what the database sent the Worker for one read (the stand-in counts the rows of every statement's result), **statements** how many it ran; Turso bills rows *read*, which is at least that and, for a statement that scans, the whole table.",
    "",
    "| read | ms | rows returned | statements | database round trips | JSON bytes | status |",
    "|---|---|---|---|---|---|---|",
    ...results.map((r) => `| ${r.label} | ${fmt(r.ms.min)} / **${fmt(r.ms.median)}** / ${fmt(r.ms.max)} | ${r.rows.toLocaleString("en-US")} | ${r.statements} | ${r.requests} | ${r.bytes.toLocaleString("en-US")} | ${r.status} |`),
    "",
    `The page in all: ${results.reduce((s, r) => s + r.rows, 0).toLocaleString("en-US")} rows returned, ${fmt(results.reduce((s, r) => s + r.ms.median, 0), 0)} ms if read one after another (the page asks for them at once).`,
    "",
  ].join("\n");
  const doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";
  const head = doc.includes(MARK) ? doc.slice(0, doc.indexOf(MARK)) : `${doc.trimEnd()}\n\n`;
  writeFileSync(DOC, head + section);
  console.log(section);
  console.error(`wrote ${DOC}`);
}

await main();
process.exit(0);
