// Number and time formatting shared by the pages, in the dashboard's language (intlLocale()); `now` ticks so
// relative times stay fresh. Formatters are made once per language and read the locale signal, so a text
// formatted in a reactive place re-renders when the language changes.
import { createSignal } from "solid-js";
import { intlLocale, t } from "./i18n";
import { DAY_MS, DAY_S, HOUR_MS, HOUR_S, MINUTE_MS } from "../../server/domain/time";

const [now, setNow] = createSignal(Date.now());
setInterval(() => setNow(Date.now()), 30_000);
export { now };

/** One formatter per language and kind: building an Intl formatter is slow, a table row needs many. */
function perLocale<F>(make: (locale: string) => F): () => F {
  const made = new Map<string, F>();
  return () => {
    const locale = intlLocale();
    let f = made.get(locale);
    if (!f) made.set(locale, (f = make(locale)));
    return f;
  };
}

const integer = perLocale((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }));
const dateTime = perLocale((l) => new Intl.DateTimeFormat(l, { dateStyle: "medium", timeStyle: "short" }));
const relative = perLocale((l) => new Intl.RelativeTimeFormat(l, { numeric: "auto" }));
const units = {
  minute: perLocale((l) => new Intl.NumberFormat(l, { style: "unit", unit: "minute", unitDisplay: "short" })),
  hour: perLocale((l) => new Intl.NumberFormat(l, { style: "unit", unit: "hour", unitDisplay: "short" })),
  day: perLocale((l) => new Intl.NumberFormat(l, { style: "unit", unit: "day", unitDisplay: "short" })),
};

/** A whole number with the language's grouping ("12,345" / "12.345"); "—" when there is none. */
export const round = (n: number | null | undefined) => (n == null ? "—" : integer().format(Math.round(n) || 0));
export const percent = (n: number | null | undefined) => (n == null ? "—" : `${integer().format(Math.round(n) || 0)}%`);

export const formatDateTime = (ms: number | null | undefined) => (ms == null ? "—" : dateTime().format(ms));

export function formatRelative(ms: number, at = now()): string {
  const s = Math.round((ms - at) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return t("common.justNow");
  if (abs < HOUR_S) return relative().format(Math.round(s / 60), "minute");
  if (abs < DAY_S) return relative().format(Math.round(s / HOUR_S), "hour");
  if (abs < 7 * DAY_S) return relative().format(Math.round(s / DAY_S), "day");
  return dateTime().format(ms);
}

export type NpsCategory = "promoter" | "passive" | "detractor" | "none";
export const npsCategory = (score: number | null): NpsCategory =>
  score == null ? "none" : score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";

/** A duration in the largest sensible unit: "45 min", "3 hr", "2 days" (in Vietnamese "45 phút", "3 giờ", "2 ngày"). */
export function formatDuration(ms: number): string {
  const min = Math.round(ms / MINUTE_MS);
  if (min < 60) return units.minute().format(min);
  const h = Math.round(ms / HOUR_MS);
  if (h < 48) return units.hour().format(h);
  return units.day().format(Math.round(ms / DAY_MS));
}
