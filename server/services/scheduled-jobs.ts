// The periodic work of a deployment, one list for both runtimes: Node runs it on a timer, Workers from the Cron Trigger.
import type { Deps } from "../deps";
import { alertEmailsJob } from "./alerts";
import { dispatchDue } from "./dispatch";
import type { Job } from "./jobs";
import { runOutgoingWebhooks } from "./outgoing-webhooks";
import { runRetentionIfDue } from "./privacy";
import { runValueJob } from "./customer-values";

/** Invitations and reminders, alert emails, outgoing webhooks, housekeeping and retention (at most hourly). */
export function scheduledJobs(deps: Deps): Job[] {
  return [
    { name: "dispatch", run: () => dispatchDue(deps) },
    alertEmailsJob(deps),
    { name: "webhooks", run: () => runOutgoingWebhooks(deps) },
    { name: "housekeeping", run: () => runRetentionIfDue(deps) },
    // Customer value tiers: thresholds, 12-month windows and current tiers, at most hourly (customer-values.ts).
    { name: "value tiers", run: () => runValueJob(deps) },
  ];
}
