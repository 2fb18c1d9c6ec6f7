import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { toMinorUnits } from "../../server/domain/money";
import { standardWebhookSignature, stripeSignature, verifyShopifyHmac, verifyStripeSignature, webhookSecret } from "../../server/domain/webhook-signatures";

describe("toMinorUnits", () => {
  it("reads money as shops write it, per the currency's minor unit", () => {
    expect(toMinorUnits("403.00", "USD")).toBe(40300);
    expect(toMinorUnits("19.9", "USD")).toBe(1990);
    expect(toMinorUnits("1250000", "VND")).toBe(1250000);
    expect(toMinorUnits("1250000.00", "VND")).toBe(1250000);
    expect(toMinorUnits("1.234", "KWD")).toBe(1234);
  });
  it("refuses what it cannot represent exactly", () => {
    expect(toMinorUnits("19.999", "USD")).toBeNull();
    expect(toMinorUnits("12.5", "VND")).toBeNull();
    expect(toMinorUnits("-1", "USD")).toBeNull();
    expect(toMinorUnits("1e3", "USD")).toBeNull();
    expect(toMinorUnits("10", "ZZZ1")).toBeNull();
  });
});

describe("signatures", () => {
  const body = new TextEncoder().encode('{"id":1}');
  it("Shopify: base64 HMAC-SHA256 of the raw body", () => {
    const good = createHmac("sha256", "s3cret").update(body).digest("base64");
    expect(verifyShopifyHmac("s3cret", body, good)).toBe(true);
    expect(verifyShopifyHmac("other", body, good)).toBe(false);
    expect(verifyShopifyHmac("s3cret", body, "not base64!")).toBe(false);
    expect(verifyShopifyHmac("s3cret", body, undefined)).toBe(false);
  });
  it("Stripe: any v1 may match, within the tolerance", () => {
    const now = 1_800_000_000_000;
    const t = now / 1000;
    const v1 = stripeSignature("whsec_x", body, t);
    expect(v1).toBe(createHmac("sha256", "whsec_x").update(`${t}.{"id":1}`).digest("hex"));
    expect(verifyStripeSignature("whsec_x", body, `t=${t},v1=${"0".repeat(64)},v1=${v1}`, now)).toEqual({ ok: true, timestamp: t });
    expect(verifyStripeSignature("whsec_x", body, `t=${t - 301},v1=${stripeSignature("whsec_x", body, t - 301)}`, now)).toEqual({ ok: false, reason: "stale" });
    expect(verifyStripeSignature("whsec_x", body, `v1=${v1}`, now)).toEqual({ ok: false, reason: "malformed" });
  });
  it("Standard Webhooks: verified by the reference library", () => {
    const secret = webhookSecret("app-secret", "ep_1", 1);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(webhookSecret("app-secret", "ep_1", 2)).not.toBe(secret);
    const ts = 1_800_000_000;
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(ts), "webhook-signature": standardWebhookSignature(secret, "msg_1", ts, '{"a":1}') };
    const wh = new Webhook(secret);
    // The library checks the timestamp against the real clock: sign at "now" for it.
    const nowS = Math.floor(Date.now() / 1000);
    const live = { ...headers, "webhook-timestamp": String(nowS), "webhook-signature": standardWebhookSignature(secret, "msg_1", nowS, '{"a":1}') };
    expect(wh.verify('{"a":1}', live)).toEqual({ a: 1 });
    expect(() => wh.verify('{"a":2}', live)).toThrow();
    expect(headers["webhook-signature"]).toMatch(/^v1,/);
  });
});
