// Shopify and Stripe purchase webhooks: each delivery handled once (by its id), mapped to a purchase.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { webhookReceipts } from "../../db/schema";
import { purchaseFromShopifyOrder, purchaseFromStripeObject, shopifyFulfilledAt, shopifyOrderId, type Mapped } from "../domain/store-orders";
import { AppError } from "../errors";
import { recordFulfilment } from "./record-fulfilment";
import { recordPurchase } from "./record-purchase";

export type StoreOutcome = { status: "recorded" | "fulfilled" | "duplicate" | "ignored"; orderId?: string; reason?: string };

type StoreDeps = Pick<Deps, "db" | "clock" | "config">;

async function seen(db: Db, id: string): Promise<boolean> {
  const [r] = await db.select({ id: webhookReceipts.id }).from(webhookReceipts).where(eq(webhookReceipts.id, id));
  return r !== undefined;
}

/** Remembered only after the purchase is written: a crash in between means the provider's retry does it again (idempotent anyway). */
async function remember(db: Db, id: string, topic: string, now: number) {
  await db.commit([db.insert(webhookReceipts).values({ id, topic, receivedAt: now }).onConflictDoNothing()]);
}

/** recordPurchase, treating "already recorded with other content" as already handled: the provider must not retry it forever. */
async function recordMapped(deps: StoreDeps, mapped: Mapped): Promise<StoreOutcome> {
  if (!mapped.ok) return { status: "ignored", reason: mapped.reason };
  try {
    const r = await recordPurchase(deps, mapped.purchase);
    if (!r.replayed) return { status: "recorded", orderId: r.orderId };
  } catch (err) {
    if (!(err instanceof AppError && err.status === 409)) throw err;
  }
  if (mapped.purchase.fulfilledAt !== undefined) await recordFulfilment(deps, { orderId: mapped.purchase.id, fulfilledAt: mapped.purchase.fulfilledAt });
  return { status: "duplicate", orderId: mapped.purchase.id };
}

export const SHOPIFY_TOPICS = ["orders/paid", "orders/fulfilled", "fulfillments/create"] as const;

export async function handleShopifyWebhook(
  deps: StoreDeps,
  { topic, webhookId, payload }: { topic: string; webhookId: string; payload: Record<string, unknown> },
): Promise<StoreOutcome> {
  const now = deps.clock.now();
  const receipt = `shopify:${webhookId}`;
  if (await seen(deps.db, receipt)) return { status: "duplicate" };
  let outcome: StoreOutcome;
  if (topic === "orders/paid" || topic === "orders/fulfilled") outcome = await recordMapped(deps, purchaseFromShopifyOrder(payload, topic === "orders/fulfilled"));
  else if (topic === "fulfillments/create") {
    // A fulfilment carries no order total: it can only complete an order we already have.
    const orderId = shopifyOrderId(payload.order_id);
    const at = typeof payload.created_at === "string" ? Date.parse(payload.created_at) : NaN;
    const fulfilledAt = Number.isFinite(at) ? at : (shopifyFulfilledAt(payload) ?? now);
    outcome = (await recordFulfilment(deps, { orderId, fulfilledAt })) ? { status: "fulfilled", orderId } : { status: "ignored", orderId, reason: "no purchase with this order id yet" };
  } else outcome = { status: "ignored", reason: `topic ${topic} is not handled` };
  await remember(deps.db, receipt, topic, now);
  return outcome;
}

export const STRIPE_EVENTS = ["checkout.session.completed", "charge.succeeded"] as const;

export async function handleStripeEvent(deps: StoreDeps, event: { id: string; type: string; data?: { object?: Record<string, unknown> } }): Promise<StoreOutcome> {
  const now = deps.clock.now();
  const receipt = `stripe:${event.id}`;
  if (await seen(deps.db, receipt)) return { status: "duplicate" };
  const object = event.data?.object ?? {};
  let outcome: StoreOutcome;
  if (event.type === "checkout.session.completed" && object.payment_status === "unpaid") outcome = { status: "ignored", reason: "session not paid yet" };
  else if ((STRIPE_EVENTS as readonly string[]).includes(event.type)) outcome = await recordMapped(deps, purchaseFromStripeObject(object));
  else outcome = { status: "ignored", reason: `event type ${event.type} is not handled` };
  await remember(deps.db, receipt, event.type, now);
  return outcome;
}
