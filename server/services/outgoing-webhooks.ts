// Outgoing webhooks, one pass: queue new events (webhook-outbox.ts), send what is due (webhook-delivery.ts), prune.
// Endpoints and their SSRF checks are webhook-endpoints.ts.
import { deliverDueWebhooks, pruneWebhookHistory, type DeliveryDeps, type DeliveryReport } from "./webhook-delivery";
import { collectWebhookEvents, type OutboxOptions } from "./webhook-outbox";

/** One pass of the outbox: queue new events, then send what is due. A scheduled job on both runtimes. */
export async function runOutgoingWebhooks(deps: DeliveryDeps, opts: OutboxOptions = {}): Promise<DeliveryReport & { queued: number }> {
  const queued = await collectWebhookEvents(deps, opts);
  const report = await deliverDueWebhooks(deps);
  await pruneWebhookHistory(deps);
  return { queued, ...report };
}
