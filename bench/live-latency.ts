// Answer → live dashboard latency: from sending POST /s/{token} to the matching SSE event on GET /api/v1/live, on the real server.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNodeServer, type RunningServer } from "../test/node-server";
import { COALESCE_MS } from "../server/services/live-scores";
import { BENCH_SECRET_KEY, generatedResponsesDb } from "./lib/generate-responses";
import type { Benchmark } from "./lib/report";
import { fmt, fmtSpread, percentile, spread } from "./lib/stats";

const KEY = "vp_bench_live_key_0123456789";
/** The dashboard issue's goal: an answer reaches an open dashboard in under 250 ms (p95). */
const GOAL_MS = 250;
/** No answer waits longer than this for its event; the run fails instead. */
const EVENT_TIMEOUT_MS = 10_000;
const WARMUP_ANSWERS = 5;

const api = (server: RunningServer, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Creates `n` purchases due now, sends their invitations to the dev mailbox, and returns the survey tokens. */
async function surveyTokens(server: RunningServer, n: number, prefix: string): Promise<string[]> {
  const fulfilledAt = new Date(Date.now() - 4 * 86_400_000).toISOString();
  for (let i = 0; i < n; i += 50)
    await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, async (_, j) => {
        const k = i + j;
        const res = await api(server, "/api/v1/purchases", {
          id: `${prefix}-${k}`,
          customer: { email: `${prefix}-${k}@example.com`, name: "Live Bench", locale: k % 3 ? "vi" : "en" },
          amount: 350_000,
          currency: "VND",
          items: [{ name: "Trà sen", category: "tea" }],
          channel: "web",
          fulfilledAt,
        });
        if (res.status !== 202) throw new Error(`purchase ${k}: ${res.status} ${await res.text()}`);
      }),
    );
  const sent = (await (await api(server, "/api/v1/dispatch", {})).json()) as { sent: number };
  if (sent.sent < n) throw new Error(`dispatch sent ${sent.sent} of ${n}`);
  const { emails } = (await (await api(server, `/api/v1/mailbox?limit=${n}`)).json()) as { emails: { html: string }[] };
  const tokens = emails.map((e) => e.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)?.[1]).filter((t): t is string => !!t);
  if (tokens.length < n) throw new Error(`found ${tokens.length} survey links for ${n} purchases`);
  return tokens;
}

/** A reader of one `GET /api/v1/live` stream that notes when each response's `scores` event arrived. */
async function openLive(server: RunningServer) {
  const abort = new AbortController();
  const res = await fetch(`${server.url}/api/v1/live`, { headers: { Authorization: `Bearer ${KEY}`, Accept: "text/event-stream" }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`live stream: ${res.status}`);
  const arrived = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  let first!: () => void;
  const firstEvent = new Promise<void>((r) => (first = r));
  const reading = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (!block.includes("event: scores") || !data) continue;
          first();
          const id = (JSON.parse(data.slice(6)) as { response: { id: string } | null }).response?.id;
          if (!id) continue;
          arrived.set(id, at);
          waiting.get(id)?.(at);
        }
      }
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  })();
  // The stream sends the current scores first: after that it is subscribed.
  await Promise.race([firstEvent, new Promise((_, rej) => setTimeout(() => rej(new Error("no first live event in 10 s")), 10_000))]);
  return {
    /** When the event for `responseId` arrived (now or later), or a rejection after EVENT_TIMEOUT_MS. */
    eventFor(responseId: string): Promise<number> {
      const at = arrived.get(responseId);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no live event for ${responseId} in ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
        waiting.set(responseId, (t) => {
          clearTimeout(timer);
          waiting.delete(responseId);
          resolve(t);
        });
      });
    },
    async close() {
      abort.abort();
      await reading.catch(() => {});
    },
  };
}

type Sample = { ackMs: number; eventMs: number };

/** Answers one survey at a time; each answer's clock starts as its POST is sent and stops at its SSE event. */
async function answerAll(server: RunningServer, live: Awaited<ReturnType<typeof openLive>>, tokens: string[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const [i, token] of tokens.entries()) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: i % 11 }) });
    const body = (await res.json()) as { responseId?: string };
    const ack = performance.now();
    if (res.status !== 201 || !body.responseId) throw new Error(`answer ${i}: ${res.status} ${JSON.stringify(body)}`);
    const at = await live.eventFor(body.responseId);
    samples.push({ ackMs: ack - t0, eventMs: at - t0 });
  }
  return samples;
}

type Config = { label: string; preload: number; answersPerRun: number };
type ConfigResult = Config & { runs: { p50: number; p95: number; max: number; ackP50: number; n: number }[] };

async function measure(config: Config, runs: number): Promise<ConfigResult> {
  let dataDir: string | undefined;
  if (config.preload > 0) {
    const g = await generatedResponsesDb(config.preload, { log: (m) => console.error(`  ${m}`) });
    dataDir = mkdtempSync(join(tmpdir(), "valuepulse-live-bench-"));
    copyFileSync(g.path, join(dataDir, "valuepulse.db"));
  }
  const server = await startNodeServer(
    { INGEST_API_KEY: KEY, ADMIN_PASSWORD: "bench-password-1", SECRET_KEY: BENCH_SECRET_KEY, DISPATCH_INTERVAL_MS: "3600000" },
    // A preloaded database may first have its rollups built (a million responses take a while).
    dataDir ? { dataDir, startTimeoutMs: 300_000 } : {},
  );
  try {
    const tokens = await surveyTokens(server, WARMUP_ANSWERS + runs * config.answersPerRun, `live-${config.preload}`);
    const result: ConfigResult = { ...config, runs: [] };
    let next = 0;
    const take = (k: number) => tokens.slice(next, (next += k));
    {
      const live = await openLive(server);
      await answerAll(server, live, take(WARMUP_ANSWERS));
      await live.close();
    }
    for (let r = 0; r < runs; r++) {
      // A new stream per run, as a freshly opened Live page would have.
      const live = await openLive(server);
      try {
        const samples = await answerAll(server, live, take(config.answersPerRun));
        const ev = samples.map((s) => s.eventMs);
        result.runs.push({ p50: percentile(ev, 50), p95: percentile(ev, 95), max: Math.max(...ev), ackP50: percentile(samples.map((s) => s.ackMs), 50), n: samples.length });
      } finally {
        await live.close();
      }
    }
    return result;
  } finally {
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const bench: Benchmark = {
  name: "live-latency",
  async run({ quick }) {
    const runs = 3;
    const configs: Config[] = quick
      ? [{ label: "fresh (only this bench's answers)", preload: 0, answersPerRun: 30 }]
      : [
          { label: "fresh (only this bench's answers)", preload: 0, answersPerRun: 200 },
          { label: "100,000 generated responses", preload: 100_000, answersPerRun: 200 },
          { label: "1,000,000 generated responses", preload: 1_000_000, answersPerRun: 50 },
        ];
    const results: ConfigResult[] = [];
    for (const c of configs) results.push(await measure(c, runs));

    const cell = (r: ConfigResult, k: "p50" | "p95" | "max" | "ackP50") => fmtSpread(spread(r.runs.map((x) => x[k])), 0);
    const verdicts = results.map((r) => {
      const worst = Math.max(...r.runs.map((x) => x.p95));
      return `${r.label}: ${worst < GOAL_MS ? "**met**" : "**not met**"} (worst run's p95 ${fmt(worst, 0)} ms)`;
    });
    const markdown = [
      `The real Node entry (\`server/node.ts\`, dev mailbox, \`synchronous=FULL\`) on loopback. The bench opens \`GET /api/v1/live\` with a Bearer API key (read through \`fetch\` streaming), ` +
        `creates purchases, dispatches their invitations and takes the survey tokens from the dev mailbox, then answers one survey at a time with \`POST /s/{token}\` (JSON \`{"score":N}\`): ` +
        `each answer's clock starts when its POST is sent and stops when the \`scores\` event whose \`response.id\` equals the POST's \`responseId\` arrives; the next answer is sent only then. ` +
        `${WARMUP_ANSWERS} untimed answers first; then ${runs} runs, each on a new stream. ` +
        `Each row gives min / **median** / max over the runs of the per-run percentile, in ms. "POST acknowledged" is the answer's own round trip (committed, fsynced).`,
      "",
      "| database | answers per run | POST acknowledged p50 | event p50 | event p95 | event max |",
      "|---|---|---|---|---|---|",
      ...results.map((r) => `| ${r.label} | ${r.answersPerRun} | ${cell(r, "ackP50")} | ${cell(r, "p50")} | ${cell(r, "p95")} | ${cell(r, "max")} |`),
      "",
      `Where the time goes: \`server/services/live-scores.ts\` waits ${COALESCE_MS} ms to coalesce a burst of answers, then reads \`scoreSummary(db, {})\` from the score rollups (kept in step in each answer's transaction) and looks the response up, ` +
        `so the latency hardly depends on how many responses the database holds.` +
        (quick ? " Quick mode measures the fresh database only; the full run adds 100,000 and 1,000,000 preloaded responses." : ""),
      "",
      `Goal (dashboard issue): an answer reaches an open dashboard in under ${GOAL_MS} ms (p95) — ${verdicts.join("; ")}.`,
    ].join("\n");
    return { title: "Live latency: answer to SSE event", markdown };
  },
};
export default bench;
