// Random and derived tokens and their hashes; synchronous pure-JS hashing (runs on Node and Workers alike,
// and is far cheaper per call than WebCrypto's async round trip on the hot answer path).
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A random token of `bytes` bytes (default 32 = 256 bits), URL-safe. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * A survey token is HMAC-SHA256(secret, invitation id): 256 unguessable bits that the sender can
 * derive again at send time (and on a retried send), so only its hash needs storing.
 */
export function surveyToken(secretKey: string, invitationId: string): string {
  return base64url(hmac(sha256, utf8ToBytes(secretKey), utf8ToBytes(`survey:${invitationId}`)));
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
  return bytesToHex(hmac(sha256, utf8ToBytes(secretKey), utf8ToBytes(`email:${email.trim().toLowerCase()}`)));
}
