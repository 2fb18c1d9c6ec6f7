// Request log lines and GET /metrics (Prometheus text): what an operator reads and scrapes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPrometheus } from "../../server/domain/prometheus";
import { runJobs } from "../../server/services/jobs";
import { DAY, makeApp, postJson, purchase, tokenFromEmail, bearer, type TestApp } from "../helpers";

const METRICS_TOKEN = "metrics-token-0123456789abcdef";
type Line = { msg: string } & Record<string, unknown>;

let t: TestApp;
let lines: Line[];
beforeAll(async () => {
  t = await makeApp({ env: { METRICS_TOKEN } });
  lines = [];
  // The app reads deps.log at each request: capture what it would print.
  t.deps.log = { info: (msg, data) => lines.push({ msg, ...data }), error: (msg, data) => lines.push({ msg, level: "error", ...data }) };
});
afterAll(() => t.close());

const scrape = async () => {
  const res = await t.app.request("/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};
/** The value of one sample line, e.g. `valuepulse_responses` or `valuepulse_job_failures_total{job="boom"}`. */
const sample = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

// One story in steps, in order even when a run shuffles tests: the requests, purchases and job runs of the log tests
// are what the metrics test then counts.
describe("logs, then the metrics that count them", { shuffle: false }, () => {
  describe("request log", () => {
    it("writes one line per request with method, route pattern (never the token), status, ms, request id and client address", async () => {
      await postJson(t.app, "/api/v1/purchases", purchase({ id: "obs-1" }));
      await postJson(t.app, "/api/v1/dispatch", {});
      const mail = (await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails[0];
      const token = tokenFromEmail(mail.html);
      lines.length = 0;
      const res = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json", "cf-connecting-ip": "203.0.113.44" }, body: JSON.stringify({ score: 9 }) });
      expect(res.status).toBe(201);
      const requestLines = lines.filter((l) => l.msg === "request");
      expect(requestLines).toHaveLength(1);
      expect(requestLines[0]).toMatchObject({ method: "POST", route: "/s/:token", status: 201, requestId: res.headers.get("x-request-id"), client: "203.0.113.44" });
      expect(requestLines[0]!.ms).toEqual(expect.any(Number));
      expect(JSON.stringify(lines)).not.toContain(token);
    });

    it("logs each job run that did something or failed, with its time", async () => {
      lines.length = 0;
      await postJson(t.app, "/api/v1/purchases", purchase({ id: "obs-2", customer: { email: "obs2@example.com" } }));
      const failed = await runJobs(t.deps, [
        { name: "dispatch", run: () => Promise.resolve({ sent: 1, failed: 0 }) },
        { name: "boom", run: () => Promise.reject(new Error("disk full")) },
        { name: "idle", run: () => Promise.resolve({ sent: 0 }) },
      ]);
      expect(failed).toEqual(["boom"]);
      expect(lines.find((l) => l.msg === "dispatch")).toMatchObject({ job: "dispatch", sent: 1, ms: expect.any(Number) });
      expect(lines.find((l) => l.msg === "boom failed")).toMatchObject({ level: "error", job: "boom", error: expect.stringContaining("disk full") });
      expect(lines.some((l) => l.job === "idle")).toBe(false);
    });
  });

  describe("GET /metrics", () => {
    it("needs METRICS_TOKEN when one is set", async () => {
      expect((await t.app.request("/metrics")).status).toBe(401);
      expect((await t.app.request("/metrics", { headers: { Authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    });

    it("counts requests by route and status, stored answers and purchases, the dispatch queue and job failures", async () => {
      // One more purchase due (fulfilled 4 days ago) and not yet dispatched: the queue holds it.
      await postJson(t.app, "/api/v1/purchases", purchase({ id: "obs-3", customer: { email: "obs3@example.com" }, fulfilledAt: new Date(t.clock.now() - 4 * DAY).toISOString() }));
      t.clock.advance(60_000);
      const text = await scrape();
      expect(sample(text, 'valuepulse_http_requests_total{method="POST",route="/s/:token",status="201"}')).toBe(1);
      expect(sample(text, 'valuepulse_http_requests_total{method="GET",route="/metrics",status="401"}')).toBe(2);
      expect(sample(text, "valuepulse_responses")).toBe(1);
      expect(sample(text, "valuepulse_purchases")).toBe(3);
      const depth = sample(text, 'valuepulse_dispatch_queue_depth{outbox="invitation"}')!;
      expect(depth).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'valuepulse_dispatch_queue_oldest_age_seconds{outbox="invitation"}')).toBeGreaterThanOrEqual(60);
      expect(sample(text, 'valuepulse_job_failures_total{job="boom"}')).toBe(1);
      expect(sample(text, 'valuepulse_job_runs_total{job="dispatch"}')).toBe(1);
      expect(text).toContain("# TYPE valuepulse_http_requests_total counter");

      // Dispatching empties the queue.
      await postJson(t.app, "/api/v1/dispatch", {});
      const after = await scrape();
      expect(sample(after, 'valuepulse_dispatch_queue_depth{outbox="invitation"}')).toBe(0);
      expect(sample(after, 'valuepulse_dispatch_queue_oldest_age_seconds{outbox="invitation"}')).toBe(0);
    });
  });
});

describe("GET /metrics without METRICS_TOKEN", () => {
  let local: TestApp;
  beforeAll(async () => {
    local = await makeApp();
  });
  afterAll(() => local.close());
  // In app.request the peer is cf-connecting-ip; on the Node entry it is the socket (test/api/trust-proxy.test.ts).
  const get = (headers: Record<string, string>) => local.app.request("/metrics", { headers });

  it("answers a client on this machine only, and never one that came through a proxy", async () => {
    expect((await get({ "cf-connecting-ip": "127.0.0.1" })).status).toBe(200);
    expect((await get({ "cf-connecting-ip": "::1" })).status).toBe(200);
    expect((await get({ "cf-connecting-ip": "198.51.100.9" })).status).toBe(403);
    expect((await get({ "cf-connecting-ip": "127.0.0.1", "X-Forwarded-For": "198.51.100.9" })).status).toBe(403);
  });
});

describe("Prometheus text format", () => {
  it("escapes label values and names summary parts", () => {
    const text = formatPrometheus([
      { name: "x_total", help: "a\nb", type: "counter", samples: [{ labels: { route: 'a"b\\c' }, value: 2 }] },
      { name: "y_seconds", help: "y", type: "summary", samples: [{ labels: { __suffix: "sum" }, value: 0.5 }, { labels: { __suffix: "count" }, value: 3 }] },
    ]);
    expect(text).toBe('# HELP x_total a\\nb\n# TYPE x_total counter\nx_total{route="a\\"b\\\\c"} 2\n# HELP y_seconds y\n# TYPE y_seconds summary\ny_seconds_sum 0.5\ny_seconds_count 3\n');
  });
});
