// The business's time zone, for cutting the dashboard's days, weeks and months at its midnight.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./time";

/** How far `zone` is ahead of UTC at instant `t`, in ms (Asia/Ho_Chi_Minh: +7 h); null for an unknown zone. */
export function utcOffsetMs(zone: string, t: number): number | null {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(t).find((p) => p.type === "timeZoneName")?.value;
  } catch {
    return null;
  }
  // "GMT" for UTC itself, else "GMT+07:00" / "GMT-03:30".
  const m = name?.match(/^GMT(?:([+-])(\d{2}):(\d{2}))?$/);
  if (!m) return null;
  return m[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * HOUR_MS + Number(m[3]) * MINUTE_MS) : 0;
}

/**
 * The zone's one offset from UTC, or why it cannot be used: rollups are stored per day, so a zone whose
 * offset changes during the year (daylight saving) would need days of 23 and 25 hours.
 */
export function fixedOffsetMs(zone: string, now: number): { offsetMs: number } | { error: string } {
  const year = new Date(now).getUTCFullYear();
  const offsets = [0, 3, 6, 9].map((month) => utcOffsetMs(zone, Date.UTC(year, month, 15)));
  if (offsets[0] === null) return { error: `unknown time zone "${zone}" (use an IANA name such as Asia/Ho_Chi_Minh)` };
  if (offsets.some((o) => o !== offsets[0])) return { error: `"${zone}" changes its offset during the year (daylight saving time); use a zone with one offset all year, or UTC` };
  return { offsetMs: offsets[0] };
}

/** Midnight (in a zone `offsetMs` ahead of UTC) that starts the day holding `t`. */
export const dayStart = (t: number, offsetMs: number) => Math.floor((t + offsetMs) / DAY_MS) * DAY_MS - offsetMs;

/** Midnight that starts the month holding `t`, in a zone `offsetMs` ahead of UTC. */
export function monthStart(t: number, offsetMs: number): number {
  const local = new Date(t + offsetMs);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offsetMs;
}
