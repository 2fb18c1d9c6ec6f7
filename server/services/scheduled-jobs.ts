// The periodic work of a deployment, one list for both runtimes: Node runs it on a timer, Workers from the Cron Trigger.
import type { Deps } from "../deps";
import { emailPendingAlerts } from "./alerts";
import { dispatchDue } from "./dispatch";
import { runOutgoingWebhooks, webhookContext } from "./outgoing-webhooks";
import { runRetentionIfDue } from "./privacy";

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
  ];
}

/** A result worth a log line: something happened (not null, not all counts zero). */
const eventful = (r: unknown) => r != null && r !== 0 && (typeof r !== "object" || Object.values(r).some((v) => typeof v !== "number" || v !== 0));

/** Runs each job in turn, logging what happened; one failing does not stop the others. Returns the names of those that failed. */
export async function runJobs(deps: Pick<Deps, "log">, jobs: Job[], context: Record<string, unknown> = {}): Promise<string[]> {
  const failed: string[] = [];
  for (const job of jobs) {
    try {
      const r = await job.run();
      if (eventful(r)) deps.log.info(job.name, { ...(typeof r === "object" ? r : { result: r }), ...context });
    } catch (err) {
      failed.push(job.name);
      deps.log.error(`${job.name} failed`, { ...context, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }
  return failed;
}
