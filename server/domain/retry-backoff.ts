// When to try a refused send again: exponential back-off with jitter, never sooner than the provider's Retry-After.
import { HOUR_MS, MINUTE_MS } from "./time";

/** First retry after at most this long; each later one doubles it. */
export const RETRY_BASE_MS = 30_000;
/** No wait grows beyond this. */
export const RETRY_MAX_MS = 30 * MINUTE_MS;
/**
 * Resend keeps an Idempotency-Key for 24 hours. A batch still unsent this long after its key was made
 * is given up: re-sending it later could deliver it twice if an earlier attempt got through unseen.
 */
export const RETRY_WINDOW_MS = 23 * HOUR_MS;

/**
 * Wait before attempt `attempts + 1` ("equal jitter": half fixed, half random, so many senders refused
 * together do not come back together), at least `retryAfterMs` when the provider said so.
 */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const exponential = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.ceil(Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After is seconds or an HTTP date; anything else (or a date in the past) is ignored. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) || at <= now ? undefined : at - now;
}
