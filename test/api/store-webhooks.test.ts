// Shopify and Stripe call us: signatures are computed here by each provider's documented algorithm.
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, purchaseItems, purchases } from "../../db/schema";
import { DAY, makeApp, T0, type TestApp } from "../helpers";

const SHOPIFY_SECRET = "shpss_test_secret_0123456789";
const STRIPE_SECRET = "whsec_test_secret_0123456789";

/** Shaped like Shopify's documented orders/paid example payload (trimmed). */
function shopifyOrder(overrides: Record<string, unknown> = {}) {
  return {
    id: "820982911946154508",
    admin_graphql_api_id: "gid://shopify/Order/820982911946154508",
    contact_email: "jon@example.com",
    created_at: "2026-10-20T19:00:00-05:00",
    currency: "USD",
    customer_locale: "vi-VN",
    email: "jon@example.com",
    financial_status: "paid",
    fulfillment_status: null,
    name: "#9999",
    order_number: 1234,
    processed_at: "2026-10-20T19:00:00-05:00",
    source_name: "web",
    total_price: "403.00",
    customer: { id: 115310627314723950, email: "john@example.com", first_name: "John", last_name: "Smith" },
    line_items: [
      { id: 866550311766439000, name: "IPod Nano - 8GB", price: "199.00", product_id: 632910392, quantity: 1, sku: "IPOD2008PINK", title: "IPod Nano - 8GB" },
      { id: 141249953214522980, name: "IPod Nano - 8GB", price: "199.00", product_id: 632910392, quantity: 1, sku: "IPOD2008BLACK", title: "IPod Nano - 8GB" },
    ],
    fulfillments: [],
    ...overrides,
  };
}

function shopify(t: TestApp, topic: string, payload: unknown, opts: { id?: string; secret?: string; tamper?: (body: string) => string } = {}) {
  // Shopify sends 64-bit ids as bare JSON numbers; JavaScript cannot hold them, so the test writes them as text.
  const body = JSON.stringify(payload).replace(/"(id|order_id)":"(\d{16,})"/g, '"$1":$2');
  const hmac = createHmac("sha256", opts.secret ?? SHOPIFY_SECRET).update(body, "utf8").digest("base64");
  return t.app.request("/webhooks/shopify", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Shop-Domain": "example.myshopify.com",
      "X-Shopify-Webhook-Id": opts.id ?? crypto.randomUUID(),
      "X-Shopify-API-Version": "2025-10",
    },
    body: opts.tamper ? opts.tamper(body) : body,
  });
}

function stripe(t: TestApp, event: unknown, opts: { secret?: string; timestamp?: number; tamper?: (body: string) => string } = {}) {
  const body = JSON.stringify(event);
  const ts = opts.timestamp ?? Math.floor(t.clock.now() / 1000);
  const v1 = createHmac("sha256", opts.secret ?? STRIPE_SECRET).update(`${ts}.${body}`, "utf8").digest("hex");
  return t.app.request("/webhooks/stripe", {
    method: "POST",
    headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": `t=${ts},v1=${v1},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39` },
    body: opts.tamper ? opts.tamper(body) : body,
  });
}

/** Shaped like Stripe's documented checkout.session.completed event (trimmed). */
function checkoutCompleted(id = "evt_1Q0checkout") {
  return {
    id,
    object: "event",
    api_version: "2025-09-30.clover",
    created: Math.floor(T0 / 1000),
    type: "checkout.session.completed",
    livemode: false,
    data: {
      object: {
        id: "cs_test_a1b2c3",
        object: "checkout.session",
        amount_subtotal: 2000,
        amount_total: 2000,
        created: Math.floor((T0 - DAY) / 1000),
        currency: "usd",
        customer_details: { email: "mai@example.com", name: "Mai Tran", address: { country: "VN" } },
        customer_email: null,
        locale: "vi",
        metadata: {},
        mode: "payment",
        payment_intent: "pi_3Q0abc",
        payment_status: "paid",
        status: "complete",
      },
    },
  };
}

function chargeSucceeded(id = "evt_3Q0charge") {
  return {
    id,
    object: "event",
    created: Math.floor(T0 / 1000),
    type: "charge.succeeded",
    data: {
      object: {
        id: "ch_3Q0abc",
        object: "charge",
        amount: 2000,
        amount_captured: 2000,
        billing_details: { email: "mai@example.com", name: "Mai Tran" },
        created: Math.floor((T0 - DAY) / 1000),
        currency: "usd",
        metadata: {},
        paid: true,
        payment_intent: "pi_3Q0abc",
        receipt_email: "mai@example.com",
        status: "succeeded",
      },
    },
  };
}

describe("POST /webhooks/shopify", () => {
  let t: TestApp;
  beforeAll(async () => (t = await makeApp({ env: { SHOPIFY_WEBHOOK_SECRET: SHOPIFY_SECRET } })));
  afterAll(() => t.close());

  const stored = async (orderId: string) => (await t.db.select().from(purchases).where(eq(purchases.orderId, orderId)))[0];

  it("records orders/paid as a purchase: email, locale, line items, amount in minor units", async () => {
    const res = await shopify(t, "orders/paid", shopifyOrder());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "recorded", orderId: "shopify:820982911946154508" });
    const p = await stored("shopify:820982911946154508");
    expect(p).toMatchObject({ amount: 40300, currency: "USD", channel: "shopify", purchasedAt: Date.parse("2026-10-21T00:00:00Z"), fulfilledAt: null });
    const items = await t.db.select().from(purchaseItems).where(eq(purchaseItems.purchaseId, p.id));
    expect(items.map((i) => i.sku)).toEqual(["IPOD2008PINK", "IPOD2008BLACK"]);
    const [inv] = await t.db.select().from(invitations).where(eq(invitations.purchaseId, p.id));
    expect(inv.locale).toBe("vi");
  });

  it("moves the survey to 3 days after fulfilment when fulfillments/create arrives", async () => {
    const p = await stored("shopify:820982911946154508");
    const fulfilledAt = "2026-11-02T08:00:00Z";
    const res = await shopify(t, "fulfillments/create", { id: 123456, order_id: "820982911946154508", status: "success", created_at: fulfilledAt, email: "jon@example.com", name: "#9999.1", tracking_company: "UPS", line_items: [] });
    expect(await res.json()).toEqual({ status: "fulfilled", orderId: "shopify:820982911946154508" });
    expect((await stored("shopify:820982911946154508")).fulfilledAt).toBe(Date.parse(fulfilledAt));
    const [inv] = await t.db.select().from(invitations).where(eq(invitations.purchaseId, p.id));
    expect(inv.dueAt).toBe(Date.parse(fulfilledAt) + 3 * DAY);
  });

  it("records orders/fulfilled for an order it has not seen, with its fulfilment time", async () => {
    const res = await shopify(t, "orders/fulfilled", shopifyOrder({ id: 450789469, fulfillment_status: "fulfilled", fulfillments: [{ id: 255858046, created_at: "2026-10-25T10:00:00Z", status: "success" }] }));
    expect((await res.json()).status).toBe("recorded");
    expect((await stored("shopify:450789469")).fulfilledAt).toBe(Date.parse("2026-10-25T10:00:00Z"));
  });

  it("is idempotent on X-Shopify-Webhook-Id: a redelivery changes nothing", async () => {
    const order = shopifyOrder({ id: 5001, total_price: "10.00" });
    expect((await (await shopify(t, "orders/paid", order, { id: "wh-5001" })).json()).status).toBe("recorded");
    const res = await shopify(t, "orders/paid", { ...order, total_price: "99.00" }, { id: "wh-5001" });
    expect(await res.json()).toEqual({ status: "duplicate" });
    expect((await stored("shopify:5001")).amount).toBe(1000);
  });

  it("refuses a tampered body, a wrong secret or no signature with 401 and records nothing", async () => {
    const order = shopifyOrder({ id: 6001 });
    const tampered = await shopify(t, "orders/paid", order, { tamper: (b) => b.replace('"403.00"', '"1.00"') });
    expect(tampered.status).toBe(401);
    expect((await tampered.json()).error).toMatchObject({ code: "invalid_signature", details: { field: "X-Shopify-Hmac-Sha256" } });
    expect((await shopify(t, "orders/paid", order, { secret: "another-shop-secret" })).status).toBe(401);
    const unsigned = await t.app.request("/webhooks/shopify", { method: "POST", headers: { "X-Shopify-Topic": "orders/paid", "X-Shopify-Webhook-Id": "x" }, body: JSON.stringify(order) });
    expect(unsigned.status).toBe(401);
    expect(await stored("shopify:6001")).toBeUndefined();
  });

  it("answers 200 (so Shopify stops retrying) for an order without an email, recording nothing", async () => {
    const res = await shopify(t, "orders/paid", shopifyOrder({ id: 7001, email: null, contact_email: null, customer: null }));
    expect(await res.json()).toMatchObject({ status: "ignored", reason: "order has no valid customer email" });
    expect(await stored("shopify:7001")).toBeUndefined();
  });
});

describe("POST /webhooks/shopify without SHOPIFY_WEBHOOK_SECRET", () => {
  it("answers 404 not_configured", async () => {
    const t = await makeApp();
    const res = await shopify(t, "orders/paid", shopifyOrder());
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_configured");
    t.close();
  });
});

describe("POST /webhooks/stripe", () => {
  let t: TestApp;
  beforeAll(async () => (t = await makeApp({ env: { STRIPE_WEBHOOK_SECRET: STRIPE_SECRET } })));
  afterAll(() => t.close());

  it("records checkout.session.completed as a purchase keyed by its payment intent", async () => {
    const res = await stripe(t, checkoutCompleted());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "recorded", orderId: "stripe:pi_3Q0abc" });
    const [p] = await t.db.select().from(purchases).where(eq(purchases.orderId, "stripe:pi_3Q0abc"));
    expect(p).toMatchObject({ amount: 2000, currency: "USD", channel: "stripe", purchasedAt: T0 - DAY });
    const [inv] = await t.db.select().from(invitations).where(eq(invitations.purchaseId, p.id));
    expect(inv.locale).toBe("vi");
  });

  it("treats the charge.succeeded of the same payment as the same purchase", async () => {
    const res = await stripe(t, chargeSucceeded());
    expect(await res.json()).toEqual({ status: "duplicate", orderId: "stripe:pi_3Q0abc" });
    expect(await t.db.select().from(purchases).where(eq(purchases.orderId, "stripe:pi_3Q0abc"))).toHaveLength(1);
  });

  it("records a charge.succeeded on its own", async () => {
    const event = chargeSucceeded("evt_other");
    event.data.object.payment_intent = "pi_other";
    expect(await (await stripe(t, event)).json()).toEqual({ status: "recorded", orderId: "stripe:pi_other" });
  });

  it("handles each event id once", async () => {
    expect(await (await stripe(t, checkoutCompleted())).json()).toEqual({ status: "duplicate" });
  });

  it("refuses a tampered body, a wrong secret and a stale timestamp with 401", async () => {
    const event = checkoutCompleted("evt_tampered");
    event.data.object.payment_intent = "pi_tampered";
    const tampered = await stripe(t, event, { tamper: (b) => b.replace('"amount_total":2000', '"amount_total":1') });
    expect(tampered.status).toBe(401);
    expect((await tampered.json()).error).toMatchObject({ code: "invalid_signature", details: { field: "Stripe-Signature", reason: "mismatch" } });
    expect((await stripe(t, event, { secret: "whsec_wrong" })).status).toBe(401);
    const stale = await stripe(t, event, { timestamp: Math.floor(t.clock.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect((await stale.json()).error.details.reason).toBe("stale");
    expect(await t.db.select().from(purchases).where(eq(purchases.orderId, "stripe:pi_tampered"))).toHaveLength(0);
    // Within the tolerance it is accepted.
    expect((await stripe(t, event, { timestamp: Math.floor(t.clock.now() / 1000) - 299 })).status).toBe(200);
  });

  it("acknowledges event types it does not handle without recording anything", async () => {
    const res = await stripe(t, { id: "evt_refund", object: "event", type: "charge.refunded", data: { object: { id: "ch_1", object: "charge" } } });
    expect(await res.json()).toMatchObject({ status: "ignored" });
  });
});
