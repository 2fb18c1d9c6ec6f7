// Fixed-window rate limit per client IP: over the limit, 429 with Retry-After.
// The default store is in memory: on Node that is the whole server; on Workers it is per isolate
// (each isolate counts on its own) unless a shared store (Durable Object, KV) is given as deps.rateLimitStore.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Clock, RateLimitStore } from "../../deps";
import { tooManyRequests } from "../../errors";
import type { AppEnv } from "../app-env";
import { MINUTE_MS } from "../../domain/time";

export type RateLimitHit = { count: number; resetAt: number };
export type { RateLimitStore };

/** Process-local counters; expired windows are swept once the map holds `maxKeys`. */
export function memoryRateLimitStore(maxKeys = 50_000): { hit(key: string, windowMs: number, now: number): RateLimitHit } {
  const windows = new Map<string, RateLimitHit>();
  return {
    hit(key, windowMs, now) {
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
          // Still full of live windows (a flood of distinct IPs): forget the oldest rather than grow.
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        }
        windows.set(key, (w = { count: 0, resetAt: now + windowMs }));
      }
      w.count++;
      return w;
    },
  };
}

/**
 * The caller's address, worked out by middleware/client-address.ts: the socket's peer (a client cannot
 * forge it), or behind trusted proxies (TRUST_PROXY) the client they name; on Workers, cf-connecting-ip.
 */
export function clientIp(c: Context<AppEnv>): string {
  return c.get("clientAddress") ?? "unknown";
}

export type RateLimitOptions = {
  /** Names the counter, so limits mounted on different paths count separately. */
  name: string;
  /** Requests per window; 0 turns the limit off. */
  limit: number;
  windowMs?: number;
  clock: Clock;
  store: RateLimitStore;
  /** Only these methods count (default: POST). */
  methods?: string[];
  key?: (c: Context<AppEnv>) => string;
};

export function rateLimit(opts: RateLimitOptions) {
  const windowMs = opts.windowMs ?? MINUTE_MS;
  const methods = opts.methods ?? ["POST"];
  const keyOf = opts.key ?? clientIp;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (opts.limit <= 0 || !methods.includes(c.req.method)) return next();
    const now = opts.clock.now();
    const { count, resetAt } = await opts.store.hit(`${opts.name}:${keyOf(c)}`, windowMs, now);
    if (count > opts.limit) {
      const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
      throw tooManyRequests("rate_limited", `Too many requests; try again in ${retryAfter} s`, retryAfter);
    }
    await next();
  });
}
