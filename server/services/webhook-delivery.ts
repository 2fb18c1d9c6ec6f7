// Outgoing webhook delivery: sends what the outbox queued (signed, Standard Webhooks or Slack), retries on a schedule,
// logs every attempt, and prunes the finished history.
import { and, asc, eq, inArray, isNull, lt, lte, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookReceipts } from "../../db/schema";
import { nextAttemptAt, slackMessage, type WebhookEvent } from "../domain/webhook-events";
import { standardWebhookSignature, webhookSecret } from "../domain/webhook-signatures";
import { newId } from "../ids";
import { DAY_MS, HOUR_MS } from "../domain/time";
import { targetPolicy, webhookTargetProblem } from "./webhook-endpoints";

/** What sending needs: the database, the clock, the secret the signing keys derive from, where webhooks may go, fetch. */
export type DeliveryDeps = Pick<Deps, "db" | "clock" | "config" | "resolveHost" | "webhookFetch">;

const TIMEOUT_MS = 10_000;

class RefusedTarget extends Error {}

/** fetch's own errors say "fetch failed"; what happened (refused address, connection refused, timeout) is their cause. */
function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : null;
  if (cause?.startsWith("Refused: ")) return cause;
  return cause ? `${err.name}: ${err.message} (${cause})` : `${err.name}: ${err.message}`;
}
const BATCH = 50;

export type DeliveryReport = { delivered: number; retrying: number; failed: number };

/** Sends every due delivery once; failures are retried later on RETRY_DELAYS_MS, each attempt logged. */
export async function deliverDueWebhooks(deps: DeliveryDeps): Promise<DeliveryReport> {
  const { db } = deps;
  const now = deps.clock.now();
  const policy = targetPolicy(deps);
  const due = await db
    .select({ d: webhookDeliveries, url: webhookEndpoints.url, format: webhookEndpoints.format, secretVersion: webhookEndpoints.secretVersion })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), isNull(webhookEndpoints.disabledAt)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(BATCH);
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const doFetch = deps.webhookFetch ?? fetch;
  await Promise.all(
    due.map(async ({ d, url, format, secretVersion }) => {
      const event = JSON.parse(d.payload) as WebhookEvent;
      const body = format === "slack" ? JSON.stringify(slackMessage(event, deps.config.publicUrl)) : d.payload;
      const timestamp = Math.floor(now / 1000);
      const signature = standardWebhookSignature(webhookSecret(deps.config.secretKey, d.endpointId, secretVersion), d.id, timestamp, body);
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        // Checked again on every attempt: what a name resolves to can change after registration.
        const problem = await webhookTargetProblem(policy, url);
        if (problem) throw new RefusedTarget(problem);
        const res = await doFetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "ValuePulse-Webhooks/1.0", "webhook-id": d.id, "webhook-timestamp": String(timestamp), "webhook-signature": signature },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        statusCode = res.status;
        // The status only: the target's reply is not ours to show (it could be an internal page).
        if (!res.ok) error = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => {});
      } catch (err) {
        error = err instanceof RefusedTarget ? `Refused: the URL ${err.message}` : describeFetchError(err);
      }
      const attempt = d.attempts + 1;
      const next = error ? nextAttemptAt(attempt, now) : null;
      const status = !error ? "succeeded" : next === null ? "failed" : "pending";
      report[status === "succeeded" ? "delivered" : status === "failed" ? "failed" : "retrying"]++;
      await db.commit([
        db.insert(webhookAttempts).values({ id: newId(now), deliveryId: d.id, attempt, at: now, statusCode, error }),
        db.update(webhookDeliveries).set({ status, attempts: attempt, nextAttemptAt: next ?? now }).where(eq(webhookDeliveries.id, d.id)),
      ]);
    }),
  );
  return report;
}

/** The delivery log and the store-webhook receipts are kept this long (providers retry for at most 3 days). */
export const RETENTION_MS = 30 * DAY_MS;
const PRUNE_EVERY_MS = HOUR_MS;
const lastPrune = new WeakMap<Db, number>();

/** Drops finished deliveries (with their attempts) and store-webhook receipts older than RETENTION_MS, at most hourly. */
export async function pruneWebhookHistory(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const { db } = deps;
  const now = deps.clock.now();
  if ((lastPrune.get(db) ?? -Infinity) > now - PRUNE_EVERY_MS) return;
  lastPrune.set(db, now);
  const before = now - RETENTION_MS;
  await db.commit([
    db.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(ne(webhookDeliveries.status, "pending"), lt(webhookDeliveries.createdAt, before))))),
    db.delete(webhookDeliveries).where(and(ne(webhookDeliveries.status, "pending"), lt(webhookDeliveries.createdAt, before))),
    db.delete(webhookReceipts).where(lt(webhookReceipts.receivedAt, before)),
  ]);
}
