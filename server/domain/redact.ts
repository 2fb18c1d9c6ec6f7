// Scrubs personal data and credentials from text bound for logs: a last line of defence for messages we do not
// control (driver errors quote query parameters, provider errors quote addresses).

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const API_KEY = /\bvp_[A-Za-z0-9_-]{8,}/g;
/** Survey/unsubscribe tokens in URLs, and any other 43-character base64url secret (256-bit tokens). */
const LINK_TOKEN = /\/(s|u)\/[A-Za-z0-9_-]{43}\b/g;
const BEARER = /\b(Bearer)\s+[^\s"',]+/gi;

export function redact(text: string): string {
  return text.replace(EMAIL, "[email]").replace(API_KEY, "vp_[redacted]").replace(LINK_TOKEN, "/$1/[token]").replace(BEARER, "$1 [redacted]");
}
