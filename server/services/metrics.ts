// What /metrics reports: counters kept in this process (requests, job runs) and figures read from the
// database at scrape time (stored answers and purchases, the dispatch queue), so they survive restarts.
import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invitations, purchases, reminders, responses } from "../../db/schema";
import type { Family } from "../domain/prometheus";

type RequestKey = string;

export type Metrics = {
  /** One finished request: its route pattern (never the path: tokens), method and status. */
  request(method: string, route: string, status: number, ms: number): void;
  jobRun(job: string, ok: boolean, ms: number): void;
  families(db: Db, now: number): Promise<Family[]>;
};

export function createMetrics(startedAt: number): Metrics {
  const requests = new Map<RequestKey, { method: string; route: string; status: string; count: number; seconds: number }>();
  const jobs = new Map<string, { runs: number; failures: number; seconds: number }>();
  return {
    request(method, route, status, ms) {
      const key = `${method} ${route} ${status}`;
      let r = requests.get(key);
      if (!r) requests.set(key, (r = { method, route, status: String(status), count: 0, seconds: 0 }));
      r.count++;
      r.seconds += ms / 1000;
    },
    jobRun(job, ok, ms) {
      let j = jobs.get(job);
      if (!j) jobs.set(job, (j = { runs: 0, failures: 0, seconds: 0 }));
      j.runs++;
      if (!ok) j.failures++;
      j.seconds += ms / 1000;
    },
    async families(db, now) {
      const stored = await storedCounts(db, now);
      const requestSamples = [...requests.values()];
      const jobSamples = [...jobs.entries()];
      return [
        { name: "valuepulse_http_requests_total", help: "HTTP requests answered, by method, route pattern and status.", type: "counter", samples: requestSamples.map((r) => ({ labels: { method: r.method, route: r.route, status: r.status }, value: r.count })) },
        {
          name: "valuepulse_http_request_duration_seconds",
          help: "Time to answer HTTP requests, by method, route pattern and status (sum and count).",
          type: "summary",
          samples: requestSamples.flatMap((r) => [
            { labels: { method: r.method, route: r.route, status: r.status, __suffix: "sum" }, value: round(r.seconds) },
            { labels: { method: r.method, route: r.route, status: r.status, __suffix: "count" }, value: r.count },
          ]),
        },
        { name: "valuepulse_responses", help: "Survey responses stored (answers).", type: "gauge", samples: [{ value: stored.responses }] },
        { name: "valuepulse_purchases", help: "Purchases stored.", type: "gauge", samples: [{ value: stored.purchases }] },
        { name: "valuepulse_dispatch_queue_depth", help: "Emails due now and not yet sent, by outbox.", type: "gauge", samples: stored.queues.map((q) => ({ labels: { outbox: q.outbox }, value: q.depth })) },
        {
          name: "valuepulse_dispatch_queue_oldest_age_seconds",
          help: "How long the oldest email due has waited, by outbox (0 when none is due).",
          type: "gauge",
          samples: stored.queues.map((q) => ({ labels: { outbox: q.outbox }, value: q.oldestDueAt === null ? 0 : round(Math.max(0, now - q.oldestDueAt) / 1000) })),
        },
        { name: "valuepulse_job_runs_total", help: "Runs of the periodic jobs (dispatch, webhooks, housekeeping).", type: "counter", samples: jobSamples.map(([job, j]) => ({ labels: { job }, value: j.runs })) },
        { name: "valuepulse_job_failures_total", help: "Runs of the periodic jobs that failed.", type: "counter", samples: jobSamples.map(([job, j]) => ({ labels: { job }, value: j.failures })) },
        { name: "valuepulse_job_duration_seconds_total", help: "Time spent in the periodic jobs.", type: "counter", samples: jobSamples.map(([job, j]) => ({ labels: { job }, value: round(j.seconds) })) },
        { name: "valuepulse_start_time_seconds", help: "When this process started (Unix time).", type: "gauge", samples: [{ value: Math.floor(startedAt / 1000) }] },
      ];
    },
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

async function storedCounts(db: Db, now: number) {
  const count = sql<number>`count(*)`;
  const oldest = (dueAt: typeof invitations.dueAt | typeof reminders.dueAt) => sql<number | null>`min(${dueAt})`;
  const [[r], [p], [inv], [rem]] = await Promise.all([
    db.select({ n: count }).from(responses),
    db.select({ n: count }).from(purchases),
    db.select({ n: count, oldest: oldest(invitations.dueAt) }).from(invitations).where(and(eq(invitations.status, "scheduled"), lte(invitations.dueAt, now))),
    db.select({ n: count, oldest: oldest(reminders.dueAt) }).from(reminders).where(and(eq(reminders.status, "scheduled"), lte(reminders.dueAt, now))),
  ]);
  return {
    responses: Number(r?.n ?? 0),
    purchases: Number(p?.n ?? 0),
    queues: [
      { outbox: "invitation", depth: Number(inv?.n ?? 0), oldestDueAt: inv?.oldest ?? null },
      { outbox: "reminder", depth: Number(rem?.n ?? 0), oldestDueAt: rem?.oldest ?? null },
    ],
  };
}
