// Login lockout with exponential backoff: pure rules, the service stores the state.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./time";

/** Failures allowed before the account locks. */
export const LOCKOUT_THRESHOLD = 5;
/** First lock lasts this long; each further failure doubles it, up to LOCKOUT_MAX_MS. */
export const LOCKOUT_BASE_MS = MINUTE_MS;
export const LOCKOUT_MAX_MS = HOUR_MS;
/** Failures older than this are forgotten, so an occasional typo never adds up to a lock. */
export const FAILURE_MEMORY_MS = DAY_MS;

export type LoginFailures = { failures: number; lastFailedAt: number; lockedUntil: number | null };

/** Milliseconds until the account may try again; 0 when it is not locked. */
export function lockRemainingMs(state: LoginFailures | null | undefined, now: number): number {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil - now : 0;
}

/** When an account with `failures` consecutive failures, the last one `now`, may try again; null: not locked. */
export function lockedUntilAfter(failures: number, now: number): number | null {
  const over = failures - LOCKOUT_THRESHOLD;
  return over >= 0 ? now + Math.min(LOCKOUT_MAX_MS, LOCKOUT_BASE_MS * 2 ** over) : null;
}

/** The state after one more wrong password. */
export function afterFailure(state: LoginFailures | null | undefined, now: number): LoginFailures {
  const previous = state && now - state.lastFailedAt < FAILURE_MEMORY_MS ? state.failures : 0;
  const failures = previous + 1;
  return { failures, lastFailedAt: now, lockedUntil: lockedUntilAfter(failures, now) };
}
