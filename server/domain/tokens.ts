// The product's tokens: survey tokens derived from the invitation, their shape check, and the keyed digest of an
// address. The primitives (random tokens, SHA-256, base64url) are in crypto.ts.
import { bytesToHex } from "@noble/hashes/utils.js";
import { base64url, hmacSha256 } from "./crypto";

/**
 * A survey token is HMAC-SHA256(secret, invitation id): 256 unguessable bits that the sender can
 * derive again at send time (and on a retried send), so only its hash needs storing.
 */
export function surveyToken(secretKey: string, invitationId: string): string {
  return base64url(hmacSha256(secretKey, `survey:${invitationId}`));
}

/** Survey tokens are 43 base64url characters; reject anything else before touching the database. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * HMAC-SHA256(secret, address) of a lower-cased email: recognises an address seen before without keeping it
 * (a plain hash of an address is guessed by hashing likely ones; this needs SECRET_KEY too).
 */
export function emailDigest(secretKey: string, email: string): string {
  return bytesToHex(hmacSha256(secretKey, `email:${email.trim().toLowerCase()}`));
}
