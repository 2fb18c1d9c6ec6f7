// Maps Shopify orders and Stripe payments, as their webhooks deliver them, to our purchase input.
import { isEmail } from "./email";
import { toMinorUnits } from "./money";

export type StorePurchase = {
  id: string;
  customer: { email: string; name?: string; locale?: string };
  amount: number;
  currency: string;
  items?: { sku?: string; name: string; category?: string }[];
  channel?: string;
  purchasedAt?: number;
  fulfilledAt?: number;
};

export type Mapped = { ok: true; purchase: StorePurchase } | { ok: false; reason: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : undefined);
const time = (v: unknown): number | undefined => {
  const t = typeof v === "string" ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

export const shopifyOrderId = (orderId: unknown) => `shopify:${String(orderId)}`;

/** The latest fulfilment time of a Shopify order, if it has any fulfilment. */
export function shopifyFulfilledAt(order: Obj): number | undefined {
  const times = (Array.isArray(order.fulfillments) ? order.fulfillments : []).map((f) => time(obj(f).created_at)).filter((t): t is number => t !== undefined);
  return times.length ? Math.max(...times) : undefined;
}

/** A Shopify Order resource (orders/paid, orders/fulfilled payloads). */
export function purchaseFromShopifyOrder(order: Obj, fulfilled: boolean): Mapped {
  if (order.id === undefined) return { ok: false, reason: "order has no id" };
  const customer = obj(order.customer);
  const email = str(order.email) ?? str(order.contact_email) ?? str(customer.email);
  if (!email || !isEmail(email)) return { ok: false, reason: "order has no valid customer email" };
  const currency = str(order.currency)?.toUpperCase();
  const amount = currency ? toMinorUnits(str(order.total_price) ?? "", currency) : null;
  if (!currency || amount === null) return { ok: false, reason: "order has no valid total_price and currency" };
  const name = [str(customer.first_name), str(customer.last_name)].filter(Boolean).join(" ") || undefined;
  const items = (Array.isArray(order.line_items) ? order.line_items : []).map(obj).flatMap((li) => {
    const title = str(li.title) ?? str(li.name);
    return title ? [{ name: title.slice(0, 500), ...(str(li.sku) && { sku: str(li.sku)!.slice(0, 200) }), ...(str(li.product_type) && { category: str(li.product_type)! }) }] : [];
  });
  const fulfilledAt = fulfilled ? (shopifyFulfilledAt(order) ?? time(order.updated_at)) : shopifyFulfilledAt(order);
  return {
    ok: true,
    purchase: {
      id: shopifyOrderId(order.id),
      customer: { email, ...(name && { name }), ...(str(order.customer_locale) && { locale: str(order.customer_locale) }) },
      amount,
      currency,
      ...(items.length && { items: items.slice(0, 500) }),
      channel: "shopify",
      purchasedAt: time(order.processed_at) ?? time(order.created_at),
      ...(fulfilledAt !== undefined && { fulfilledAt }),
    },
  };
}

/**
 * A Stripe Checkout Session (checkout.session.completed) or Charge (charge.succeeded). Both name the
 * same payment intent, which becomes the order id, so one sale reported twice is one purchase.
 * Stripe amounts are already in minor units.
 */
export function purchaseFromStripeObject(o: Obj): Mapped {
  const meta = obj(o.metadata);
  const details = o.object === "checkout.session" ? obj(o.customer_details) : obj(o.billing_details);
  const email = str(details.email) ?? str(o.customer_email) ?? str(o.receipt_email);
  if (!email || !isEmail(email)) return { ok: false, reason: "payment has no valid customer email" };
  const amount = o.object === "checkout.session" ? o.amount_total : o.amount;
  const currency = str(o.currency)?.toUpperCase();
  if (typeof amount !== "number" || !Number.isInteger(amount) || amount < 0 || !currency) return { ok: false, reason: "payment has no amount and currency" };
  const locale = str(o.locale) && o.locale !== "auto" ? str(o.locale) : str(meta.locale);
  return {
    ok: true,
    purchase: {
      // Always the payment intent when there is one: Checkout's metadata does not reach the charge, so a
      // metadata order id would make one sale two purchases.
      id: `stripe:${str(o.payment_intent) ?? str(o.id)}`,
      customer: { email, ...(str(details.name) && { name: str(details.name) }), ...(locale && { locale }) },
      amount,
      currency,
      channel: "stripe",
      ...(typeof o.created === "number" && { purchasedAt: o.created * 1000 }),
    },
  };
}
