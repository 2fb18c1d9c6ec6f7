// The periodic work of a deployment, one list for both runtimes: Node runs it on a timer, Workers from the Cron Trigger.
import type { Deps } from "../deps";
import { emailPendingAlerts } from "./alerts";
import { dispatchDue } from "./dispatch";
import { runOutgoingWebhooks, webhookContext } from "./outgoing-webhooks";
import { runRetentionIfDue } from "./privacy";
import { runValueJob } from "./customer-values";

export type Job = { name: string; run(): Promise<unknown> };

/**
 * Invitations and reminders, outgoing webhooks, housekeeping and retention (at most hourly). `alertEmails`: also
 * retry alert emails — on Node the live hub already does that after each burst of answers, in the same process.
 */
export function scheduledJobs(deps: Deps, opts: { alertEmails: boolean }): Job[] {
  return [
    { name: "dispatch", run: () => dispatchDue(deps) },
    ...(opts.alertEmails ? [{ name: "alert emails", run: () => emailPendingAlerts(deps) }] : []),
    { name: "webhooks", run: () => runOutgoingWebhooks(webhookContext(deps)) },
    { name: "housekeeping", run: () => runRetentionIfDue(deps) },
    // Customer value tiers: thresholds, 12-month windows and current tiers, at most hourly (customer-values.ts).
    { name: "value tiers", run: () => runValueJob(deps) },
  ];
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
