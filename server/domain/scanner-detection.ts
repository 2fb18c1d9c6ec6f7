// Tells a mail scanner's clicks from a person's: scanners (Safe Links, Proofpoint, Mimecast…) open every link of an email within seconds of delivery.
import { MINUTE_MS } from "./time";

/** Only clicks this soon after sending are examined; later ones are people and cost no write. */
export const SCANNER_WINDOW_MS = 2 * MINUTE_MS;
/** Several different score links opened within this span… */
export const BURST_SPAN_MS = 10_000;
/** …this many or more: no person clicks three different answers in ten seconds. */
export const BURST_DISTINCT_SCORES = 3;

export type Click = { score: number | null; at: number };

/** Whether a score-link click is worth recording: soon after the email was sent. */
export function inScannerWindow(sentAt: number | null, now: number): boolean {
  return sentAt !== null && now >= sentAt && now - sentAt <= SCANNER_WINDOW_MS;
}

/** Whether the clicks of one invitation up to `now` contain a scanner's burst: ≥ 3 different scores within 10 s. */
export function isScannerBurst(clicks: Click[], now: number): boolean {
  const recent = new Set(clicks.filter((c) => c.score !== null && c.at <= now && now - c.at <= BURST_SPAN_MS).map((c) => c.score));
  return recent.size >= BURST_DISTINCT_SCORES;
}
