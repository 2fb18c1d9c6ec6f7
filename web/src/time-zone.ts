// The business's time zone (the server's TIMEZONE, from /api/v1/auth/me): the dashboard's days start at its midnight.
import { createSignal } from "solid-js";

const [timeZone, setTimeZone] = createSignal("UTC");
export { setTimeZone, timeZone };

/** The date (YYYY-MM-DD) holding `ms` in the business's time zone. */
export const localDate = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: timeZone() }).format(ms);
