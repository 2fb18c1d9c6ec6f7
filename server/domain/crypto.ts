// The cryptographic building blocks, once: base64 and base64url, constant-time comparison, random tokens, SHA-256 and
// HMAC-SHA256. Edge-safe (no node:*): base64 through Hono's encode utilities (btoa/atob), randomness from Web Crypto,
// hashing from @noble/hashes — synchronous pure JS that runs on Node and Workers alike and is far cheaper per call
// than WebCrypto's async round trip on the hot answer path.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { decodeBase64, encodeBase64 } from "hono/utils/encode";

/** Standard base64 (RFC 4648 §4), padded: what Shopify and Standard Webhooks put in headers and secrets. */
export function base64(bytes: Uint8Array): string {
  // Hono's encoder copies its argument into a Uint8Array, so a view works as well as its buffer.
  return encodeBase64(bytes as unknown as ArrayBuffer);
}

/** base64url (RFC 4648 §5) without padding: tokens that travel in URLs, cookies and headers. */
export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of standard base64 text, padded or not; null when the text is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  try {
    return decodeBase64(text);
  } catch {
    return null;
  }
}

/** `n` bytes from the platform's cryptographic random source. */
export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A random token of `bytes` bytes (default 32 = 256 bits), base64url: 43 characters for the default. */
export function randomToken(bytes = 32): string {
  return base64url(randomBytes(bytes));
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function hmacSha256(key: Uint8Array | string, message: Uint8Array | string): Uint8Array {
  return hmac(sha256, typeof key === "string" ? utf8ToBytes(key) : key, typeof message === "string" ? utf8ToBytes(message) : message);
}

/**
 * True when `a` and `b` are equal (two strings, or two byte arrays). Runs through every character or byte of the longer
 * input whatever the inputs, so an attacker timing responses learns nothing about how much of a guess was right.
 * (Length is not secret for fixed-size signatures, hashes and tokens.)
 */
export function constantTimeEqual(a: string, b: string): boolean;
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean;
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const at = (v: string | Uint8Array, i: number) => (typeof v === "string" ? v.charCodeAt(i) : v[i]) || 0;
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) diff |= at(a, i) ^ at(b, i);
  return diff === 0;
}
