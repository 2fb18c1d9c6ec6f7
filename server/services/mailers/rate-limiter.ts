// Spaces provider requests so they stay under a requests-per-second limit (per process; each Worker isolate has its own).

export type RateLimiter = () => Promise<void>;

/**
 * Resolves when the next request may start: at most `perSecond` requests per second, evenly spaced.
 * `perSecond` 0 (or less) means no limit.
 */
export function createRateLimiter(
  perSecond: number,
  time: { now(): number; sleep(ms: number): Promise<void> } = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
): RateLimiter {
  if (!(perSecond > 0)) return async () => {};
  const gap = 1000 / perSecond;
  let nextAt = -Infinity;
  return async () => {
    const now = time.now();
    const at = Math.max(now, nextAt);
    // Reserve the slot before waiting, so concurrent callers queue behind each other.
    nextAt = at + gap;
    if (at > now) await time.sleep(at - now);
  };
}
