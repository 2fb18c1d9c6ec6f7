// Signatures of webhooks we receive (Shopify, Stripe) and send (Standard Webhooks), by their documented algorithms.
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { base64, constantTimeEqual, fromBase64, hmacSha256 } from "./crypto";

/** Shopify: X-Shopify-Hmac-Sha256 is base64(HMAC-SHA256(app secret, raw body)). */
export function verifyShopifyHmac(secret: string, rawBody: Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  const given = fromBase64(header.trim());
  return given !== null && constantTimeEqual(hmacSha256(secret, rawBody), given);
}

export function shopifyHmac(secret: string, rawBody: Uint8Array): string {
  return base64(hmacSha256(secret, rawBody));
}

export type StripeVerdict = { ok: true; timestamp: number } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

/**
 * Stripe: `Stripe-Signature: t=<unix s>,v1=<hex>[,v1=…]`, v1 = hex(HMAC-SHA256(secret, "<t>.<raw body>")).
 * Any v1 may match (during secret rotation Stripe sends several); t must be within the tolerance.
 */
export function verifyStripeSignature(secret: string, rawBody: Uint8Array, header: string | undefined, nowMs: number, toleranceS = 300): StripeVerdict {
  if (!header) return { ok: false, reason: "missing" };
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const signatures = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v);
  if (!t || !/^\d+$/.test(t) || signatures.length === 0) return { ok: false, reason: "malformed" };
  const timestamp = Number(t);
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceS) return { ok: false, reason: "stale" };
  const expected = stripeSignature(secret, rawBody, timestamp);
  return signatures.some((s) => constantTimeEqual(s.toLowerCase(), expected)) ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}

export function stripeSignature(secret: string, rawBody: Uint8Array, timestamp: number): string {
  const prefix = utf8ToBytes(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + rawBody.length);
  message.set(prefix);
  message.set(rawBody, prefix.length);
  return bytesToHex(hmacSha256(secret, message));
}

/**
 * Standard Webhooks (standardwebhooks.com): the secret is `whsec_` + base64 of the key bytes;
 * `webhook-signature: v1,<base64(HMAC-SHA256(key, "<msg id>.<timestamp s>.<body>"))>`.
 */
export function standardWebhookSignature(secret: string, msgId: string, timestampS: number, body: string): string {
  const key = fromBase64(secret.replace(/^whsec_/, ""));
  if (!key) throw new Error("malformed webhook secret");
  return `v1,${base64(hmacSha256(key, `${msgId}.${timestampS}.${body}`))}`;
}

/** A per-endpoint signing secret derived from the app secret: nothing secret is stored, rotating bumps `version`. */
export function webhookSecret(secretKey: string, endpointId: string, version: number): string {
  return `whsec_${base64(hmacSha256(secretKey, `webhook:${endpointId}:${version}`))}`;
}
