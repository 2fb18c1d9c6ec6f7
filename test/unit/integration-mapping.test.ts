import { describe, expect, it } from "vitest";
import { purchaseFromCsvRow, readHeader } from "../../server/domain/purchase-csv";
import { purchaseFromShopifyOrder, purchaseFromStripeObject } from "../../server/domain/store-orders";
import { MAX_ATTEMPTS, nextAttemptAt, slackMessage, type WebhookEvent } from "../../server/domain/webhook-events";

describe("a CSV row of a purchase", () => {
  const header = ["Order_ID", "email", "amount", "currency", "purchased_at", "item_sku"];
  const { index, missing } = readHeader(header);
  const row = (values: string[]) => purchaseFromCsvRow(index, values, header.length);

  it("reads the header case-insensitively and names missing required columns", () => {
    expect(missing).toEqual([]);
    expect(readHeader(["order_id", "amount"]).missing).toEqual(["email", "currency"]);
  });
  it("becomes a purchase: amount in minor units, dates without offset read as UTC", () => {
    expect(row(["o-1", "Lan@Example.com", "19.90", "usd", "2026-10-01 08:30", ""])).toEqual({
      ok: true,
      purchase: { id: "o-1", customer: { email: "Lan@Example.com" }, amount: 1990, currency: "USD", purchasedAt: Date.parse("2026-10-01T08:30:00Z") },
    });
  });
  it("names every bad field of a row", () => {
    expect(row(["", "nope", "-5", "EURO", "01/10/2026", "SKU"])).toEqual({
      ok: false,
      errors: [
        { field: "order_id", reason: "is required" },
        { field: "email", reason: "is not an email address" },
        { field: "currency", reason: "must be an ISO 4217 code such as VND or USD" },
        { field: "amount", reason: "must be a non-negative number such as 19.99" },
        { field: "purchased_at", reason: "must be an ISO 8601 date or date-time, e.g. 2026-11-20T10:00:00Z" },
        { field: "item_name", reason: "is required when item_sku or item_category is given" },
      ],
    });
  });
});

describe("store orders", () => {
  it("maps a Shopify order with a fulfilment", () => {
    const r = purchaseFromShopifyOrder({ id: "450789469", email: "a@example.com", currency: "VND", total_price: "1250000.00", customer: { first_name: "Lan" }, line_items: [{ title: "Trà", sku: "T1" }], created_at: "2026-10-01T00:00:00Z", fulfillments: [{ created_at: "2026-10-02T00:00:00Z" }, { created_at: "2026-10-03T00:00:00Z" }] }, false);
    expect(r).toEqual({ ok: true, purchase: { id: "shopify:450789469", customer: { email: "a@example.com", name: "Lan" }, amount: 1250000, currency: "VND", items: [{ name: "Trà", sku: "T1" }], channel: "shopify", purchasedAt: Date.parse("2026-10-01T00:00:00Z"), fulfilledAt: Date.parse("2026-10-03T00:00:00Z") } });
  });
  it("refuses a Shopify total with more decimals than its currency", () => {
    expect(purchaseFromShopifyOrder({ id: 1, email: "a@example.com", currency: "VND", total_price: "10.5" }, false)).toEqual({ ok: false, reason: "order has no valid total_price and currency" });
  });
  it("keys a Stripe payment on its payment intent, whatever the metadata says", () => {
    const r = purchaseFromStripeObject({ object: "charge", id: "ch_1", amount: 500, currency: "vnd", billing_details: { email: "b@example.com" }, metadata: { order_id: "A-42", locale: "vi" }, payment_intent: "pi_1" });
    expect(r).toMatchObject({ ok: true, purchase: { id: "stripe:pi_1", amount: 500, currency: "VND", customer: { locale: "vi" } } });
  });
});

describe("webhook retries and Slack messages", () => {
  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const waits = [];
    for (let n = 1; n < MAX_ATTEMPTS; n++) waits.push(nextAttemptAt(n, 0));
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(nextAttemptAt(MAX_ATTEMPTS, 0)).toBeNull();
  });
  it("writes an unsubscribe as one line", () => {
    const event: WebhookEvent = { type: "customer.unsubscribed", timestamp: "", data: { customer: { id: "c", email: "x@example.com", name: null }, unsubscribedAt: "" } };
    expect(slackMessage(event, "http://h")).toEqual({ text: ":no_bell: x@example.com <x@example.com> unsubscribed from surveys." });
  });
});
