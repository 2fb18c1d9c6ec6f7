// The cost of writing an answer and a purchase now against the code before issue 22 (kept customer values and
// answer rollups added to their transactions): the database's CPU per write and the server's throughput, in one run.
import { join } from "node:path";
import { startNodeServer, type RunningServer } from "../test/node-server";
import { baselineTree, BASELINE_COMMIT } from "./lib/baseline";
import { load, type LoadResult } from "./lib/load";
import type { Benchmark } from "./lib/report";
import { sqliteFloor } from "./lib/sqlite-floor";
import { fmt, spread } from "./lib/stats";

const KEY = "vp_bench_ingest_key_0123456789";
const CONNECTIONS = 32;
/** Issue 22: the ingestion bench must not lose more than 10 %. */
const MAX_LOSS = 0.1;

type Floor = typeof sqliteFloor;

function answerBody(i: number): string {
  const score = i % 11;
  return `score=${score}&csat=${1 + (i % 5)}&benefit_functional=${1 + ((i + 1) % 5)}&benefit_monetary=${1 + ((i + 2) % 5)}&cost_money=${1 + ((i + 3) % 5)}&cost_time=${1 + ((i + 4) % 5)}&comment=Good+value&locale=en`;
}

/** The database's CPU per answer and per purchase of one tree's services (bench/lib/sqlite-floor.ts of that tree). */
async function floorOf(floor: Floor, count: number, tag: string) {
  let p = 0;
  return floor({
    count,
    concurrency: CONNECTIONS,
    answerBody: (k) => Object.fromEntries(new URLSearchParams(answerBody(k))),
    // Returning customers too (one in three buys again): a purchase then updates kept values rather than creating them.
    purchase: () => (p++, { id: `floor-${tag}-${p}`, customer: { email: `floor-${p % 3 === 0 ? p - 1 : p}@example.com`, name: "Buyer" }, amount: 250_000, currency: "VND", items: [{ name: "Tea", category: "tea" }], channel: "web" }),
  });
}

const api = (server: RunningServer, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, { method: body === undefined ? "GET" : "POST", headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

async function surveyTokens(server: RunningServer, n: number): Promise<string[]> {
  const fulfilledAt = new Date(Date.now() - 4 * 86_400_000).toISOString();
  for (let i = 0; i < n; i += 50)
    await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => api(server, "/api/v1/purchases", { id: `seed-${i + j}`, customer: { email: `seed-${i + j}@example.com` }, amount: 100_000, currency: "VND", fulfilledAt })));
  await api(server, "/api/v1/dispatch", {});
  const { emails } = (await (await api(server, `/api/v1/mailbox?limit=${n}`)).json()) as { emails: { html: string }[] };
  return emails.map((e) => e.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)![1]);
}

const bench: Benchmark = {
  name: "write-cost",
  async run({ quick }) {
    const tree = baselineTree();
    const before = (await import(join(tree, "bench/lib/sqlite-floor.ts"))).sqliteFloor as Floor;
    const runs = quick ? 2 : 3;
    const count = quick ? 640 : 2000;
    // Interleaved, lowest of each side (a floor: noise only adds).
    const floors: { before: Awaited<ReturnType<Floor>>[]; after: Awaited<ReturnType<Floor>>[] } = { before: [], after: [] };
    for (let r = 0; r < runs; r++) {
      floors.before.push(await floorOf(before, count, `b${r}`));
      floors.after.push(await floorOf(sqliteFloor, count, `a${r}`));
    }
    const low = (xs: Awaited<ReturnType<Floor>>[], k: "answerUs" | "purchaseUs") => Math.min(...xs.map((x) => x[k]));

    // Throughput: the real Node entry of each tree, the same requests, runs interleaved.
    const env = { INGEST_API_KEY: KEY, ADMIN_PASSWORD: "bench-password-1", DISPATCH_INTERVAL_MS: "3600000", RATE_LIMIT_SURVEY_PER_MINUTE: "0", RATE_LIMIT_SURVEY_PER_TOKEN_PER_MINUTE: "0" };
    const servers = { before: await startNodeServer(env, { nodeArgs: ["--import", "tsx"], entry: join(tree, "server/node.ts") }), after: await startNodeServer(env) };
    const seconds = quick ? 2 : 5;
    const loads = { before: { answers: [] as LoadResult[], purchases: [] as LoadResult[] }, after: { answers: [] as LoadResult[], purchases: [] as LoadResult[] } };
    try {
      const tokens = { before: await surveyTokens(servers.before, quick ? 300 : 1000), after: await surveyTokens(servers.after, quick ? 300 : 1000) };
      let p = 0;
      const form = { "Content-Type": "application/x-www-form-urlencoded" };
      const json = { "Content-Type": "application/json", Authorization: `Bearer ${KEY}` };
      for (let r = 0; r < (quick ? 2 : 5); r++)
        for (const side of ["before", "after"] as const) {
          let i = 0;
          const server = servers[side];
          loads[side].answers.push(await load({ url: server.url, connections: CONNECTIONS, seconds, headers: form, next: () => ({ path: `/s/${tokens[side][i % tokens[side].length]}`, body: answerBody(i++) }), serverPid: server.process.pid! }));
          loads[side].purchases.push(
            await load({ url: server.url, connections: CONNECTIONS, seconds, headers: json, serverPid: server.process.pid!, next: () => ((p += 1), { path: "/api/v1/purchases", body: JSON.stringify({ id: `wc-${side}-${p}`, customer: { email: `buyer-${p % 3 === 0 ? p - 1 : p}@example.com` }, amount: 250_000, currency: "VND", items: [{ name: "Tea", category: "tea" }], channel: "web" }) }) }),
          );
        }
    } finally {
      await servers.before.stop();
      await servers.after.stop();
    }
    const med = (xs: LoadResult[], f: (x: LoadResult) => number) => spread(xs.map(f)).median;
    const change = (a: number, b: number) => `${a >= b ? "+" : "−"}${fmt((Math.abs(a - b) / b) * 100, 0)} %`;
    const kinds = [
      ["answer (`POST /s/{token}`)", "answers", "answerUs"],
      ["purchase (`POST /api/v1/purchases`)", "purchases", "purchaseUs"],
    ] as const;
    const verdicts = kinds.map(([label, k]) => {
      const ratio = med(loads.after[k], (x) => x.rps) / med(loads.before[k], (x) => x.rps);
      return `${label.split(" ")[0]}s ${ratio >= 1 - MAX_LOSS ? "**met**" : "**not met**"} (${fmt(ratio * 100, 0)} % of before)`;
    });
    const markdown = [
      `Before: commit \`${BASELINE_COMMIT.slice(0, 7)}\` (the code before issue 22: no kept customer values, no answer rollups beyond the dashboard's), checked out beside this tree (\`bench/lib/baseline.ts\`); after: this tree. ` +
        `**Database CPU per write**: each tree's own \`bench/lib/sqlite-floor.ts\` (its \`recordAnswer\` and \`recordPurchase\` against an embedded file, ${CONNECTIONS} at a time, CPU inside libsql only), ${count} writes a run, ${runs} runs interleaved, lowest; ` +
        "one purchase in three is a returning customer's. **Throughput**: each tree's Node entry (`server/node.ts`), the same request streams at " +
        `${CONNECTIONS} connections, ${seconds} s per run, ${quick ? 2 : 5} runs interleaved; req/s and server CPU per request, median.`,
      "",
      "| write | database CPU µs: before | after | change | req/s: before | after | change | server CPU µs/req: before | after |",
      "|---|---|---|---|---|---|---|---|---|",
      ...kinds.map(([label, k, f]) => {
        const [b, a] = [low(floors.before, f), low(floors.after, f)];
        const [rb, ra] = [med(loads.before[k], (x) => x.rps), med(loads.after[k], (x) => x.rps)];
        return `| ${label} | ${fmt(b, 0)} | ${fmt(a, 0)} | ${change(a, b)} | ${fmt(rb, 0)} | ${fmt(ra, 0)} | ${change(ra, rb)} | ${fmt(med(loads.before[k], (x) => x.serverCpuUs), 0)} | ${fmt(med(loads.after[k], (x) => x.serverCpuUs), 0)} |`;
      }),
      "",
      `Goal (issue 22): ingestion loses no more than ${MAX_LOSS * 100} % — ${verdicts.join(", ")}. ` +
        "A purchase now also recomputes its customer's kept value from their purchases of the year (two statements in its transaction, `server/services/customer-values.ts`, and the totals' triggers); " +
        "an answer also updates its customer's latest answer (a trigger) and, with issue 22's answer rollups, the Analytics sums.",
    ].join("\n");
    return { title: "Write cost per answer and per purchase: before and after issue 22", markdown };
  },
};
export default bench;
