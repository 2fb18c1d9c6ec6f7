// Retention cut-off: "N months ago" in calendar months of the business's time zone, so 6 months is the same day of the month.

/** The same local time N calendar months before `now`, in a zone `utcOffsetMs` ahead of UTC (config TIMEZONE). */
export function monthsBefore(now: number, months: number, utcOffsetMs = 0): number {
  const d = new Date(now + utcOffsetMs);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  // Clamp to the last day of a shorter month (31 March − 1 month = 28/29 February).
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime() - utcOffsetMs;
}

/** Pseudonymous address that replaces a customer's email when retention removes it: unique, undeliverable (RFC 2606 .invalid). */
export const erasedEmail = (customerId: string) => `erased-${customerId.toLowerCase()}@erased.invalid`;
export const isErasedEmail = (email: string) => email.endsWith("@erased.invalid");
