// Answer and purchase ingestion over loopback, side by side with a bare Hono server in the same run.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { startNodeServer, type RunningServer } from "../test/node-server";
import { profileShares } from "./lib/cpu-profile";
import { sqliteFloor } from "./lib/sqlite-floor";
import { load, type LoadResult } from "./lib/load";
import type { Benchmark } from "./lib/report";
import { fmt, fmtSpread, spread } from "./lib/stats";

const KEY = "vp_bench_ingest_key_0123456789";
const CONNECTIONS = 32;

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

async function startHello(): Promise<{ url: string; pid: number; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", resolve("bench/hello-server.ts")], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((r) => child.stdout!.once("data", () => r()));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill("SIGKILL") };
}

const api = (server: RunningServer, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Creates `n` due invitations, sends them to the dev mailbox, and returns their survey tokens. */
async function surveyTokens(server: RunningServer, n: number): Promise<string[]> {
  const fulfilledAt = new Date(Date.now() - 4 * 86_400_000).toISOString();
  for (let i = 0; i < n; i += 50)
    await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, (_, j) =>
        api(server, "/api/v1/purchases", { id: `seed-${i + j}`, customer: { email: `seed-${i + j}@example.com`, locale: (i + j) % 2 ? "vi" : "en" }, amount: 100_000, currency: "VND", fulfilledAt }),
      ),
    );
  await api(server, "/api/v1/dispatch", {});
  const { emails } = (await (await api(server, `/api/v1/mailbox?limit=${n}`)).json()) as { emails: { html: string }[] };
  return emails.map((e) => e.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)![1]);
}

function answerBody(i: number): string {
  const score = i % 11;
  return `score=${score}&csat=${1 + (i % 5)}&benefit_functional=${1 + ((i + 1) % 5)}&benefit_monetary=${1 + ((i + 2) % 5)}&cost_money=${1 + ((i + 3) % 5)}&cost_time=${1 + ((i + 4) % 5)}&comment=Good+value&locale=en`;
}

const median = (runs: LoadResult[], pick: (r: LoadResult) => number) => spread(runs.map(pick)).median;

const FLOOR_RUNS = 3;

/** The database's share per answer and per purchase, lowest of a few runs (a floor, so noise only adds). */
async function databaseFloor(quick: boolean) {
  let p = 0;
  const runs = [];
  for (let r = 0; r < FLOOR_RUNS; r++)
    runs.push(
      await sqliteFloor({
        count: quick ? 640 : 2000,
        concurrency: CONNECTIONS,
        answerBody: (k) => Object.fromEntries(new URLSearchParams(answerBody(k))),
        purchase: () => ({ id: `floor-${++p}`, customer: { email: `floor-${p}@example.com`, name: "Buyer" }, amount: 250_000, currency: "VND", items: [{ name: "Tea", category: "tea" }], channel: "web" }),
      }),
    );
  return { answerUs: Math.min(...runs.map((r) => r.answerUs)), purchaseUs: Math.min(...runs.map((r) => r.purchaseUs)) };
}

function row(label: string, runs: LoadResult[], baseline?: number[]) {
  const rps = spread(runs.map((r) => r.rps));
  const ratio = baseline ? spread(runs.map((r, i) => r.rps / baseline[i])) : null;
  return (
    `| ${label} | ${fmtSpread(rps, 0)} | ${fmtSpread(spread(runs.map((r) => r.p50)), 0)} | ${fmtSpread(spread(runs.map((r) => r.p99)), 0)} | ${runs.reduce((a, r) => a + r.errors + r.non2xx, 0)} | ` +
    `${fmt(median(runs, (r) => r.serverCpuUs), 0)} | ${fmt(median(runs, (r) => r.clientCpuUs), 0)} | ${ratio ? `${fmt(ratio.median * 100, 0)} % (${fmt(ratio.min * 100, 0)}–${fmt(ratio.max * 100, 0)})` : "—"} |`
  );
}

type Request = () => { path: string; body?: string };

/**
 * One more run of each endpoint against a server started with `--cpu-prof`: the shares of its CPU
 * per layer say where an answer's time goes (profiling slows the server, so no throughput from it).
 */
async function profiled(seconds: number, make: (server: RunningServer) => Promise<{ headers: Record<string, string>; next: Request }>) {
  const dir = mkdtempSync(join(tmpdir(), "valuepulse-prof-"));
  const server = await startNodeServer({ INGEST_API_KEY: KEY, ADMIN_PASSWORD: "bench-password-1", DISPATCH_INTERVAL_MS: "3600000" }, { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  try {
    const { headers, next } = await make(server);
    await load({ url: server.url, connections: CONNECTIONS, seconds, headers, next });
    const loadEnd = Date.now();
    await server.stop("SIGINT");
    return profileShares(dir, seconds * 1000, Date.now() - loadEnd);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Benchmark = {
  name: "ingestion",
  async run({ quick }) {
    const runs = quick ? 2 : 5;
    const seconds = quick ? 2 : 5;
    const floor = await databaseFloor(quick);
    const hello = await startHello();
    const server = await startNodeServer({ INGEST_API_KEY: KEY, ADMIN_PASSWORD: "bench-password-1", DISPATCH_INTERVAL_MS: "3600000", RATE_LIMIT_SURVEY_PER_MINUTE: "0", RATE_LIMIT_SURVEY_PER_TOKEN_PER_MINUTE: "0" });
    try {
      const tokens = await surveyTokens(server, quick ? 500 : 2000);
      // Both servers get the same stream of requests (each its own counter), so the load generator does the same
      // work per request for either: the ratio compares the servers alone.
      const answerStream = (): Request => {
        let i = 0;
        return () => ({ path: `/s/${tokens[i % tokens.length]}`, body: answerBody(i++) });
      };
      let p = 0;
      const purchaseStream = (): Request => () => {
        p++;
        return {
          path: "/api/v1/purchases",
          body: JSON.stringify({ id: `bench-${Date.now()}-${p}`, customer: { email: `buyer-${p}@example.com`, name: "Buyer" }, amount: 250_000, currency: "VND", items: [{ name: "Tea", category: "tea" }], channel: "web" }),
        };
      };
      // The product's streams run on across its runs: later answers change earlier ones, purchases stay new.
      const nextAnswer = answerStream();
      const nextPurchase = purchaseStream();
      const form = { "Content-Type": "application/x-www-form-urlencoded" };
      const json = { "Content-Type": "application/json", Authorization: `Bearer ${KEY}` };

      const helloForm: LoadResult[] = [], answers: LoadResult[] = [], helloJson: LoadResult[] = [], purchases: LoadResult[] = [];
      // Interleave runs so both servers see the same machine conditions.
      const [helloPid, serverPid] = [hello.pid, server.process.pid!];
      for (let r = 0; r < runs; r++) {
        helloForm.push(await load({ url: hello.url, connections: CONNECTIONS, seconds, headers: form, next: answerStream(), serverPid: helloPid }));
        answers.push(await load({ url: server.url, connections: CONNECTIONS, seconds, headers: form, next: nextAnswer, serverPid }));
        helloJson.push(await load({ url: hello.url, connections: CONNECTIONS, seconds, headers: json, next: purchaseStream(), serverPid: helloPid }));
        purchases.push(await load({ url: server.url, connections: CONNECTIONS, seconds, headers: json, next: nextPurchase, serverPid }));
      }
      // Profiles run alone: stop the measured servers first.
      hello.stop();
      await server.stop();
      const answerProfile = await profiled(seconds, async (s) => {
        const tokens = await surveyTokens(s, 300);
        let k = 0;
        return { headers: form, next: () => ({ path: `/s/${tokens[k % tokens.length]}`, body: answerBody(k++) }) };
      });
      const purchaseProfile = await profiled(seconds, async () => ({ headers: json, next: nextPurchase }));
      const shares = (profile: { layer: string; share: number }[], layer: string) => fmt((profile.find((x) => x.layer === layer)?.share ?? 0) * 100, 0);
      const layers = [...new Set([...answerProfile, ...purchaseProfile].map((x) => x.layer))];
      const answerRatio = spread(answers.map((a, k) => a.rps / helloForm[k].rps)).median;
      const purchaseRatio = spread(purchases.map((a, k) => a.rps / helloJson[k].rps)).median;
      const verdict = (x: number) => (x >= 0.5 ? `**met** (${fmt(x * 100, 0)} % ≥ 50 %)` : `**not met** (${fmt(x * 100, 0)} % < 50 %)`);

      // What the goal leaves per request: at half hello-world's rate, all cores' time per request, less what the
      // load generator itself spends per request (measured on the product runs) and the HTTP work hello-world does.
      const budget = (hellos: LoadResult[], runs: LoadResult[], sqliteUs: number) => {
        const rate = median(hellos, (r) => r.rps) / 2;
        const perRequest = (cpus().length * 1e6) / rate;
        // The generator's cheaper per-request cost of the two runs (the same requests; the answers differ): generous to the goal.
        const client = Math.min(median(hellos, (r) => r.clientCpuUs), median(runs, (r) => r.clientCpuUs));
        const http = median(hellos, (r) => r.serverCpuUs);
        const left = perRequest - client - http;
        return { rate, perRequest, client, http, left, sqliteUs, spent: median(runs, (r) => r.serverCpuUs) };
      };
      const b = [budget(helloForm, answers, floor.answerUs), budget(helloJson, purchases, floor.purchaseUs)];
      const cell = (f: (x: (typeof b)[number]) => number) => b.map((x) => fmt(f(x), 0)).join(" | ");
      const reach = (x: (typeof b)[number], what: string) =>
        x.sqliteUs > x.left
          ? `${what}: the database's share alone (${fmt(x.sqliteUs, 0)} µs) is more than the ${fmt(x.left, 0)} µs the goal leaves; even with routing and validation free, these writes cannot reach it on this machine`
          : `${what}: ${fmt(x.left - x.sqliteUs, 0)} µs per request are left for routing and validation, against ${fmt(x.spent - x.http, 0)} µs spent now`;

      const markdown = [
        `${CONNECTIONS} concurrent connections over loopback (autocannon, in the bench process), ${seconds} s per run, ${runs} runs, runs of the two servers interleaved. ` +
          `The product server is the real Node entry (\`server/node.ts\`) on an embedded libSQL file with \`synchronous=FULL\`; the yardstick is a bare Hono app on @hono/node-server that reads the body and answers \`{"ok":true}\`, sent the very same requests (paths, headers and bodies, built per request by the same code), so the load generator's own work is the same for both. ` +
          `Answers are full no-JavaScript form posts (\`POST /s/{token}\`, 303) spread over ${tokens.length} invitations, so most update an existing response; purchases are new orders, each scheduling an invitation. ` +
          "CPU per request is the server process's user + system time (all its threads, from /proc) and the load generator's, divided by the requests answered.",
        "",
        "| endpoint | req/s min / **median** / max | p50 ms | p99 ms | errors | server CPU µs/req | load generator CPU µs/req | vs hello-world (median, range) |",
        "|---|---|---|---|---|---|---|---|",
        row("hello-world POST (form body)", helloForm),
        row("`POST /s/{token}` (answer)", answers, helloForm.map((h) => h.rps)),
        row("hello-world POST (JSON body)", helloJson),
        row("`POST /api/v1/purchases`", purchases, helloJson.map((h) => h.rps)),
        "",
        `Goal ≥ 50 % of hello-world with the database durable: answers ${verdict(answerRatio)}, purchases ${verdict(purchaseRatio)}.`,
        "",
        `**What the goal leaves per request on this machine** (${cpus().length} cores shared by server and load generator), in µs:`,
        "",
        "| | answer | purchase |",
        "|---|---|---|",
        `| req/s at 50 % of hello-world | ${cell((x) => x.rate)} |`,
        `| CPU time per request at that rate, all cores | ${cell((x) => x.perRequest)} |`,
        `| − load generator's CPU per request (the lower of its hello-world and product runs) | ${cell((x) => x.client)} |`,
        `| − HTTP alone (hello-world server's CPU per request) | ${cell((x) => x.http)} |`,
        `| **= left for the product's own work** | ${cell((x) => x.left)} |`,
        `| the database's share alone (bench/lib/sqlite-floor.ts, lowest of ${FLOOR_RUNS} runs) | ${cell((x) => x.sqliteUs)} |`,
        `| the product's work now (server CPU − HTTP) | ${cell((x) => x.spent - x.http)} |`,
        "",
        "The database's share is measured apart, before the load runs: the product's own services (`recordAnswer`, `recordPurchase`) against an embedded file with `synchronous=FULL` on the bench's thread, " +
          `${CONNECTIONS} at a time so group commit batches them as in the server, counting only the CPU time (user + system) spent inside the libsql engine: preparing (once per statement text: db/node/file-client.ts keeps them prepared) and running the reads, the writes, the dashboard's rollup updates, the alert check and \`COMMIT\`, but not the wait for fsync. ` +
          "It is a floor: no HTTP, no validation.",
        "",
        `${reach(b[0], "Answers")}. ${reach(b[1], "Purchases")}.`,
        "",
        `**Where the server's CPU goes** — one more ${seconds} s run of each endpoint at the same concurrency against a server started with \`node --cpu-prof\`, samples grouped by the file of the running function (bench/lib/cpu-profile.ts):`,
        "",
        "| layer | answers % | purchases % |",
        "|---|---|---|",
        ...layers.map((l) => `| ${l} | ${shares(answerProfile, l)} | ${shares(purchaseProfile, l)} |`),
        "",
        "How to read it: hello-world spends its CPU almost only in the HTTP layer. An answer adds the token check (HMAC + cached lookup), form parsing, security headers and the write; " +
          "answers arriving together share one transaction: a read of the rows they change, a few multi-row upserts, the dashboard's rollup deltas (summed in JS between the two, a statement per rollup row touched) and the alert check. " +
          "A purchase adds API-key authentication, schema validation, three reads, then four writes (customer, purchase, items, invitation) in one transaction. " +
          "With \`synchronous=FULL\`, libsql's \`COMMIT\` (and its fsync) runs on the event loop thread: the server parses no request while a commit syncs.",
      ].join("\n");
      return { title: "Ingestion: answers and purchases", markdown };
    } finally {
      hello.stop();
      await server.stop();
    }
  },
};
export default bench;
