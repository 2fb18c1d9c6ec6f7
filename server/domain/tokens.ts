// Random and derived tokens and their hashes, with WebCrypto so the same code runs on Node and Workers.

const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A random token of `bytes` bytes (default 32 = 256 bits), URL-safe. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A survey token is HMAC(secret, invitation id): 256 unguessable bits that the sender can
 * derive again at send time (and on a retried send), so only its hash needs storing.
 */
export async function surveyToken(secretKey: string, invitationId: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secretKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = await crypto.subtle.sign("HMAC", key, encoder.encode(`survey:${invitationId}`));
  return base64url(new Uint8Array(sig));
}

/** Survey tokens are 43 base64url characters; reject anything else before touching the database. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
