// Outgoing webhooks, one pass: queue new events (webhook-outbox.ts), send what is due (webhook-delivery.ts), prune.
// Endpoints and their SSRF checks are webhook-endpoints.ts.
import type { Deps } from "../deps";
import { deliverDueWebhooks, pruneWebhookHistory, type DeliveryCtx, type DeliveryReport } from "./webhook-delivery";
import { collectWebhookEvents, type OutboxCtx } from "./webhook-outbox";

type Ctx = DeliveryCtx & OutboxCtx;

/** The outbox's context from the app's dependencies (the scheduled job, tests). */
export function webhookContext(deps: Pick<Deps, "db" | "config" | "clock" | "resolveHost" | "webhookFetch">): Ctx {
  return { db: deps.db, secretKey: deps.config.secretKey, now: deps.clock.now, publicUrl: deps.config.publicUrl, allowedHosts: deps.config.webhookAllowedHosts, resolveHost: deps.resolveHost, fetch: deps.webhookFetch };
}

/** One pass of the outbox: queue new events, then send what is due. The Node entry runs it on an interval. */
export async function runOutgoingWebhooks(ctx: Ctx): Promise<DeliveryReport & { queued: number }> {
  const queued = await collectWebhookEvents(ctx);
  const report = await deliverDueWebhooks(ctx);
  await pruneWebhookHistory(ctx.db, ctx.now());
  return { queued, ...report };
}
