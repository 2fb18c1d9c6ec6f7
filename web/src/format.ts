// Number and time formatting shared by the pages; `now` ticks so relative times stay fresh.
import { createSignal } from "solid-js";

const [now, setNow] = createSignal(Date.now());
setInterval(() => setNow(Date.now()), 30_000);
export { now };

export const round = (n: number | null | undefined) => (n == null ? "—" : String(Math.round(n) || 0));
export const percent = (n: number | null | undefined) => (n == null ? "—" : `${Math.round(n)}%`);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export const formatDateTime = (ms: number | null | undefined) => (ms == null ? "—" : dateTime.format(ms));

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
export function formatRelative(ms: number, at = now()): string {
  const s = Math.round((ms - at) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return "just now";
  if (abs < 3600) return rtf.format(Math.round(s / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), "hour");
  if (abs < 7 * 86_400) return rtf.format(Math.round(s / 86_400), "day");
  return dateTime.format(ms);
}

export type NpsCategory = "promoter" | "passive" | "detractor" | "none";
export const npsCategory = (score: number | null): NpsCategory =>
  score == null ? "none" : score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";

/** A duration in the largest sensible unit: "45 min", "3 h", "2 d". */
export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.round(ms / 3_600_000);
  if (h < 48) return `${h} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}
