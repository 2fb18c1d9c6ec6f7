// Time units in milliseconds (times are epoch ms everywhere), defined once.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** The same in seconds, for what counts in seconds (Unix timestamps, Delighted's delays, chart axes). */
export const HOUR_S = HOUR_MS / 1000;
export const DAY_S = DAY_MS / 1000;

/** A date (YYYY-MM-DD): a day in the business's time zone (TIMEZONE), which parsing does not know; resolveDates makes it an instant. */
export type LocalDay = { day: string; endOfDay: boolean };
/** A point in time as a query gives it: epoch ms, or a day still to be placed in a zone. */
export type Instant = number | LocalDay;

/** The epoch ms of an Instant, dates taken in a zone `utcOffsetMs` ahead of UTC; `endOfDay` is the next midnight. */
export const epochMs = (v: Instant, utcOffsetMs: number) => (typeof v === "number" ? v : Date.parse(`${v.day}T00:00:00Z`) - utcOffsetMs + (v.endOfDay ? DAY_MS : 0));
