// NPS maths: classify a 0–10 answer, score from counts, and its 95% margin of error.

export type NpsClass = "promoter" | "passive" | "detractor";

export function classifyNps(score: number): NpsClass {
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

export type NpsCounts = { promoters: number; passives: number; detractors: number };

export type Nps = NpsCounts & { score: number | null; responses: number; marginOfError: number | null };

export const Z_95 = 1.959964;

/**
 * NPS = %promoters − %detractors. Each answer is +1, 0 or −1, so the margin of error is
 * 1.96 × the standard error of that mean, using the sample variance (n − 1): it is
 * undefined for a single answer, not zero.
 */
export function npsFromCounts(counts: NpsCounts): Nps {
  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  if (n === 0) return { ...counts, responses: 0, score: null, marginOfError: null };
  const p = promoters / n;
  const d = detractors / n;
  const score = (p - d) * 100;
  if (n < 2) return { ...counts, responses: n, score: round1(score), marginOfError: null };
  const variance = ((p + d - (p - d) ** 2) * n) / (n - 1);
  const marginOfError = Z_95 * Math.sqrt(variance / n) * 100;
  return { ...counts, responses: n, score: round1(score), marginOfError: round1(marginOfError) };
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
