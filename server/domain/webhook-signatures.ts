// Signatures of webhooks we receive (Shopify, Stripe) and send (Standard Webhooks), by their documented algorithms.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Compares without stopping at the first difference, so timing tells nothing about the expected value. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const hmacSha256 = (key: Uint8Array, message: Uint8Array) => hmac(sha256, key, message);

/** Shopify: X-Shopify-Hmac-Sha256 is base64(HMAC-SHA256(app secret, raw body)). */
export function verifyShopifyHmac(secret: string, rawBody: Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  const given = fromBase64(header.trim());
  return given !== null && constantTimeEqual(hmacSha256(utf8ToBytes(secret), rawBody), given);
}

export function shopifyHmac(secret: string, rawBody: Uint8Array): string {
  return toBase64(hmacSha256(utf8ToBytes(secret), rawBody));
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
  const expected = utf8ToBytes(stripeSignature(secret, rawBody, timestamp));
  return signatures.some((s) => constantTimeEqual(utf8ToBytes(s.toLowerCase()), expected)) ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}

export function stripeSignature(secret: string, rawBody: Uint8Array, timestamp: number): string {
  const prefix = utf8ToBytes(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + rawBody.length);
  message.set(prefix);
  message.set(rawBody, prefix.length);
  return bytesToHex(hmacSha256(utf8ToBytes(secret), message));
}

/**
 * Standard Webhooks (standardwebhooks.com): the secret is `whsec_` + base64 of the key bytes;
 * `webhook-signature: v1,<base64(HMAC-SHA256(key, "<msg id>.<timestamp s>.<body>"))>`.
 */
export function standardWebhookSignature(secret: string, msgId: string, timestampS: number, body: string): string {
  const key = fromBase64(secret.replace(/^whsec_/, ""));
  if (!key) throw new Error("malformed webhook secret");
  return `v1,${toBase64(hmacSha256(key, utf8ToBytes(`${msgId}.${timestampS}.${body}`)))}`;
}

/** A per-endpoint signing secret derived from the app secret: nothing secret is stored, rotating bumps `version`. */
export function webhookSecret(secretKey: string, endpointId: string, version: number): string {
  return `whsec_${toBase64(hmacSha256(utf8ToBytes(secretKey), utf8ToBytes(`webhook:${endpointId}:${version}`)))}`;
}
