// Revenue-weighted NPS, revenue at risk, NPS significance and expectation gaps: pure maths over answers.
import { classifyNps, npsDifferenceTest, round1, Z_95, type NpsCounts } from "./nps";
import { EXPECTATIONS, type Expectation } from "./template-content";

const weight = { promoter: 1, passive: 0, detractor: -1 } as const;

/**
 * NPS where each customer's answer counts in proportion to their revenue (last 12 months):
 * Σ revenue × (+1 promoter, 0 passive, −1 detractor) ÷ Σ revenue × 100. Null without revenue.
 */
export function revenueWeightedNps(rows: { score: number; revenue: number }[]): number | null {
  let total = 0;
  let signed = 0;
  for (const r of rows) {
    if (r.revenue <= 0) continue;
    total += r.revenue;
    signed += r.revenue * weight[classifyNps(r.score)];
  }
  return total > 0 ? Math.round((signed / total) * 1000) / 10 : null;
}

export type CustomerAnswer = { customerId: string; latestScore: number; revenue12m: number };

/** Revenue of the last 12 months from customers whose latest answer is a detractor's, with the list behind it, largest first. */
export function revenueAtRisk(customers: CustomerAnswer[]): { total: number; customers: CustomerAnswer[] } {
  const atRisk = customers.filter((c) => classifyNps(c.latestScore) === "detractor" && c.revenue12m > 0).sort((a, b) => b.revenue12m - a.revenue12m);
  return { total: atRisk.reduce((s, c) => s + c.revenue12m, 0), customers: atRisk };
}

/**
 * Is the NPS of `a` different from that of `b` beyond the noise? npsDifferenceTest (adjusted-Wald
 * variances), rounded for the API; `significant` is |z| > 1.96 before any correction for the number
 * of tests (segmentComparison applies Holm's). Null below 2 answers on either side.
 */
export function npsDifference(a: NpsCounts, b: NpsCounts): { difference: number; standardError: number; z: number; pValue: number; significant: boolean } | null {
  const n = (c: NpsCounts) => c.promoters + c.passives + c.detractors;
  const test = n(a) < 2 || n(b) < 2 ? null : npsDifferenceTest(a, b);
  if (test === null) return null;
  return { difference: round1(test.difference), standardError: round1(test.standardError), z: Math.round(test.z * 100) / 100, pValue: test.pValue, significant: Math.abs(test.z) > Z_95 };
}

/** Shares (percent, one decimal) of worse / as expected / better among the answers to one expectation question. */
export function expectationShares(answers: (string | null | undefined)[]): Record<Expectation, number> & { n: number } {
  const counts = { worse: 0, as_expected: 0, better: 0 };
  for (const a of answers) if ((EXPECTATIONS as readonly unknown[]).includes(a)) counts[a as Expectation]++;
  return expectationSharesOf(counts);
}

/** The same shares from the counts of each answer (what the rollups keep). */
export function expectationSharesOf(counts: Record<Expectation, number>): Record<Expectation, number> & { n: number } {
  const n = counts.worse + counts.as_expected + counts.better;
  const pct = (x: number) => (n ? Math.round((x / n) * 1000) / 10 : 0);
  return { n, worse: pct(counts.worse), as_expected: pct(counts.as_expected), better: pct(counts.better) };
}

/** A mean rating (two decimals) from its sum and count, as the touchpoints show it; null without answers. */
export const meanRating = (sum: number, n: number): number | null => (n ? Math.round((sum / n) * 100) / 100 : null);
