// Running jobs: the scheduled list (scheduled-jobs.ts) on a timer or a Cron Trigger, and a job kicked by the change that makes it due.
import type { Deps } from "../deps";

export type Job = { name: string; run(): Promise<unknown> };

type Kicked = { again: boolean; done: Promise<void> };
/** Per app (keyed by its database): the kicked jobs running now. */
const kicked = new WeakMap<object, Map<string, Kicked>>();

/**
 * Runs a job now, besides its schedule: the change that makes it due kicks it. One run at a time per job and app; a kick
 * during a run makes one more run after it, so a burst of kicks costs two runs, and nothing kicked waits for the schedule.
 */
export function kickJob(deps: Pick<Deps, "db" | "log" | "metrics">, job: Job): void {
  let running = kicked.get(deps.db);
  if (!running) kicked.set(deps.db, (running = new Map()));
  const current = running.get(job.name);
  if (current) {
    current.again = true;
    return;
  }
  const state: Kicked = { again: true, done: Promise.resolve() };
  running.set(job.name, state);
  state.done = (async () => {
    while (state.again) {
      state.again = false;
      await runJobs(deps, [job]);
    }
    running.delete(job.name);
  })();
}

/** Settles when the kicked jobs running now are done (Workers keep the isolate alive for them: ctx.waitUntil). */
export async function kickedJobsDone(deps: Pick<Deps, "db">): Promise<void> {
  await Promise.all([...(kicked.get(deps.db)?.values() ?? [])].map((k) => k.done));
}

/** A result worth a log line: something happened (not null, not all counts zero). */
const eventful = (r: unknown) => r != null && r !== 0 && (typeof r !== "object" || Object.values(r).some((v) => typeof v !== "number" || v !== 0));

/** Runs each job in turn, logging what happened; one failing does not stop the others. Returns the names of those that failed. */
export async function runJobs(deps: Pick<Deps, "log" | "metrics">, jobs: Job[], context: Record<string, unknown> = {}): Promise<string[]> {
  const failed: string[] = [];
  for (const job of jobs) {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const r = await job.run();
      deps.metrics?.jobRun(job.name, true, ms());
      // Idle runs (nothing due) are counted in /metrics, not logged: a line every few seconds would bury the rest.
      if (eventful(r)) deps.log.info(job.name, { job: job.name, ms: ms(), ...(typeof r === "object" ? r : { result: r }), ...context });
    } catch (err) {
      failed.push(job.name);
      deps.metrics?.jobRun(job.name, false, ms());
      deps.log.error(`${job.name} failed`, { job: job.name, ms: ms(), ...context, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }
  return failed;
}
