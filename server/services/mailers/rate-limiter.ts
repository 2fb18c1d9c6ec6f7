// Spaces provider requests so they stay under a requests-per-second limit (per process; each Worker isolate has its own).

export type RateLimiter = {
  /** Resolves when the next request may start. */
  (): Promise<void>;
  /** The provider said its window is used up: no request before `ms` from now. */
  pauseFor(ms: number): void;
};

type Time = { now(): number; sleep(ms: number): Promise<void> };

/**
 * At most `perSecond` requests per second, evenly spaced (0 or less: no spacing), and none while the
 * provider said its window is used up (`pauseFor`).
 */
export function createRateLimiter(
  perSecond: number,
  time: Time = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
): RateLimiter {
  const gap = perSecond > 0 ? 1000 / perSecond : 0;
  let nextAt = -Infinity;
  const limiter = async () => {
    const now = time.now();
    const at = Math.max(now, nextAt);
    // Reserve the slot before waiting, so concurrent callers queue behind each other.
    nextAt = at + gap;
    if (at > now) await time.sleep(at - now);
  };
  return Object.assign(limiter, {
    pauseFor(ms: number) {
      nextAt = Math.max(nextAt, time.now() + ms);
    },
  });
}
