// A minute of mixed traffic against the real server: no errors, every live dashboard keeps receiving, memory stays bounded.
import { request as httpRequest, type Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { call, duePurchase, KEY, liveMemory, MEMORY_PROBE_ARGS, newAgent, rssBytes, seedDuePurchases, serverEnv, sleep, tokensByRecipient, type Reply } from "./support";
import { announcedRandom } from "../seeded-random";
const random = announcedRandom("mixed-load", 3622);

const SECONDS = Number(process.env.FAULTS_LOAD_SECONDS ?? 60);
const WARM_UP_MS = Math.min(10_000, (SECONDS * 1000) / 3);
const IN_FLIGHT = 32;
const SSE_CLIENTS = 20;
const INVITATIONS = 600;
/**
 * Memory in use after a full garbage collection, at the end, may be at most this multiple of the same after
 * warm-up, for the JS heap and outside it. Not raw RSS: V8 grows its heap with the allocation rate before it
 * collects (measured: 250 → 450 MB RSS in one run with the same ~60 MB live after each full collection), so raw
 * RSS says how fast requests came, not whether memory leaks.
 */
const MEMORY_GROWTH_LIMIT = 1.5;

type Kind = "answer-json" | "answer-form" | "survey-page" | "purchase" | "scores" | "responses";
/** Share of requests per kind (sums to 100). */
const MIX: [Kind, number][] = [
  ["answer-json", 50],
  ["answer-form", 10],
  ["survey-page", 5],
  ["purchase", 10],
  ["scores", 15],
  ["responses", 10],
];

type SseClient = { events: number; badEvents: number; errors: string[]; ended: boolean; close(): void };

/** A dashboard on /api/v1/live: counts `scores` events (checking their shape on the first client only, to spare the CPU). */
function openLive(base: string, check: boolean): SseClient {
  const url = new URL("/api/v1/live", base);
  let closing = false;
  const client: SseClient = {
    events: 0,
    badEvents: 0,
    errors: [],
    ended: false,
    close: () => {
      closing = true;
      req.destroy();
    },
  };
  const req = httpRequest(
    { host: url.hostname, port: url.port, path: url.pathname, agent: false, headers: { authorization: `Bearer ${KEY}`, accept: "text/event-stream" } },
    (res) => {
      if (res.statusCode !== 200 || !String(res.headers["content-type"]).startsWith("text/event-stream"))
        client.errors.push(`status ${res.statusCode} ${res.headers["content-type"]}`);
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!/^event: scores$/m.test(block)) continue;
          client.events++;
          if (!check) continue;
          try {
            const data = JSON.parse(block.match(/^data: (.*)$/m)![1]);
            if (typeof data.scores?.nps?.responses !== "number") client.badEvents++;
          } catch {
            client.badEvents++;
          }
        }
      });
      res.on("end", () => (client.ended = true));
      res.on("error", (err) => !closing && client.errors.push(String(err)));
    },
  );
  req.on("error", (err) => !closing && client.errors.push(String(err)));
  req.end();
  return client;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

let server: RunningServer;
let agent: Agent;
let tokens: string[] = [];

beforeAll(async () => {
  // The dispatcher runs every second, so invitations for the purchases below go out under load too.
  // Twenty dashboards on one API key: the per-credential stream cap (5 by default) is raised for them.
  server = await startNodeServer(serverEnv({ DISPATCH_INTERVAL_MS: "1000", LIVE_STREAMS_PER_CREDENTIAL: String(SSE_CLIENTS) }), { nodeArgs: MEMORY_PROBE_ARGS });
  agent = newAgent(IN_FLIGHT + 8);
  const emails = await seedDuePurchases(agent, server.url, "load-seed", INVITATIONS);
  expect((await call(agent, server.url, "POST", "/api/v1/dispatch", { auth: true })).status).toBe(200);
  const byRecipient = await tokensByRecipient(agent, server.url);
  tokens = emails.map((e) => byRecipient.get(e)!).filter(Boolean);
  expect(tokens).toHaveLength(INVITATIONS);
});

afterAll(async () => {
  agent?.destroy();
  if (server && server.process.exitCode === null && server.process.signalCode === null) await server.stop("SIGTERM");
});

describe(`${SECONDS} s of mixed load`, () => {
  it("answers every request without an error, keeps every live dashboard updated, and does not grow in memory", async () => {
    const pid = server.process.pid!;
    const live = Array.from({ length: SSE_CLIENTS }, (_, i) => openLive(server.url, i === 0));
    await sleep(500);

    const latencies = new Map<Kind, number[]>(MIX.map(([k]) => [k, []]));
    const failures: string[] = [];
    let failureCount = 0;
    const answered = new Set<number>();
    let purchases = 0;

    const rss: { t: number; bytes: number }[] = [{ t: 0, bytes: rssBytes(pid) }];
    const started = Date.now();
    const endAt = started + SECONDS * 1000;
    const sampler = setInterval(() => rss.push({ t: Date.now() - started, bytes: rssBytes(pid) }), 1000);
    let afterWarmUp: Promise<{ heapUsed: number; native: number }> | undefined;
    const warmUp = setTimeout(() => (afterWarmUp = liveMemory(server)), WARM_UP_MS);

    const pick = (): Kind => {
      let r = random() * 100;
      for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
      return MIX[0][0];
    };
    const once = async (kind: Kind): Promise<void> => {
      const i = Math.floor(random() * tokens.length);
      const answer = { score: Math.floor(random() * 11), csat: 1 + Math.floor(random() * 5), cost_money: 1 + Math.floor(random() * 5) };
      const t0 = performance.now();
      let reply: Reply;
      try {
        switch (kind) {
          case "answer-json":
            reply = await call(agent, server.url, "POST", `/s/${tokens[i]}`, { body: { ...answer, comment: `load ${i}` } });
            break;
          case "answer-form":
            reply = await call(agent, server.url, "POST", `/s/${tokens[i]}`, { form: Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, String(v)])) });
            break;
          case "survey-page":
            reply = await call(agent, server.url, "GET", `/s/${tokens[i]}?score=9`);
            break;
          case "purchase": {
            const n = purchases++;
            reply = await call(agent, server.url, "POST", "/api/v1/purchases", { auth: true, body: duePurchase(`load-${n}`, `load-${n}@example.com`) });
            break;
          }
          case "scores":
            reply = await call(agent, server.url, "GET", "/api/v1/scores", { auth: true });
            break;
          case "responses":
            reply = await call(agent, server.url, "GET", "/api/v1/responses?limit=50", { auth: true });
            break;
        }
      } catch (err) {
        if (failureCount++ < 10) failures.push(`${kind}: ${String(err)}`);
        return;
      }
      latencies.get(kind)!.push(performance.now() - t0);
      if (reply.status >= 400) {
        if (failureCount++ < 10) failures.push(`${kind}: ${reply.status} ${reply.body.slice(0, 200)}`);
      } else if (kind.startsWith("answer")) answered.add(i);
    };
    const worker = async () => {
      while (Date.now() < endAt) await once(pick());
    };
    try {
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    } finally {
      clearInterval(sampler);
      clearTimeout(warmUp);
    }
    const elapsed = (Date.now() - started) / 1000;
    rss.push({ t: Date.now() - started, bytes: rssBytes(pid) });
    // Let the last coalesced live update reach the dashboards.
    await sleep(1000);

    const scores = await call(agent, server.url, "GET", "/api/v1/scores", { auth: true });
    const warmMemory = await afterWarmUp!;
    const endMemory = await liveMemory(server);
    for (const c of live) c.close();

    const end = rss[rss.length - 1];
    const peak = Math.max(...rss.map((s) => s.bytes));
    const total = [...latencies.values()].reduce((n, l) => n + l.length, 0);
    const lines = [
      `mixed load: ${elapsed.toFixed(1)} s, ${total} requests (${(total / elapsed).toFixed(0)}/s), ${IN_FLIGHT} in flight, ${SSE_CLIENTS} live dashboards`,
      ...[...latencies].map(([kind, l]) => {
        const s = [...l].sort((a, b) => a - b);
        return `  ${kind.padEnd(12)} ${String(l.length).padStart(7)}  p50 ${percentile(s, 50).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${percentile(s, 100).toFixed(1)} ms`;
      }),
      `  errors ${failureCount}; answered invitations ${answered.size}; purchases ${purchases}`,
      `  live events per dashboard: min ${Math.min(...live.map((c) => c.events))}, max ${Math.max(...live.map((c) => c.events))}`,
      `  server RSS: start ${mb(rss[0].bytes)} MB, peak ${mb(peak)} MB, end ${mb(end.bytes)} MB`,
      `  in use after a full GC, after warm-up (${WARM_UP_MS / 1000} s) → end: JS heap ${mb(warmMemory.heapUsed)} → ${mb(endMemory.heapUsed)} MB (×${(endMemory.heapUsed / warmMemory.heapUsed).toFixed(2)}), ` +
        `outside it ${mb(warmMemory.native)} → ${mb(endMemory.native)} MB (×${(endMemory.native / warmMemory.native).toFixed(2)})`,
    ];
    console.log(lines.join("\n"));

    expect(failures, `${failureCount} failed requests (first 10 shown)`).toEqual([]);
    expect(scores.status).toBe(200);
    expect(scores.json().nps.responses, "one response per answered invitation").toBe(answered.size);
    for (const [i, c] of live.entries()) {
      expect(c.errors, `dashboard ${i}`).toEqual([]);
      expect(c.ended, `dashboard ${i}: the stream ended under load`).toBe(false);
      // The first event is the current state; the rest are live updates.
      expect(c.events, `dashboard ${i}: live events`).toBeGreaterThan(1);
      expect(c.badEvents, `dashboard ${i}: malformed events`).toBe(0);
    }
    expect(endMemory.heapUsed, "JS heap in use after a full GC, end vs after warm-up").toBeLessThanOrEqual(warmMemory.heapUsed * MEMORY_GROWTH_LIMIT);
    expect(endMemory.native, "memory outside the JS heap after a full GC, end vs after warm-up").toBeLessThanOrEqual(warmMemory.native * MEMORY_GROWTH_LIMIT);
  });
});
