// Customer-value maths: CSAT, 0–100 indexes from 1–5 answers, and the benefit ÷ cost ratio.
import { npsFromCounts, proportionInterval, round1, type Interval, type Nps, type NpsCounts } from "./nps";
import { COST_KINDS, VALUE_TYPES, type CostKind, type ValueType } from "./template-content";

/** Sum and count of 1–5 answers to one question. */
export type LikertTotal = { sum: number; count: number };

/** CSAT = % of 1–5 answers that are 4 or 5. */
export function csatScore(satisfied: number, responses: number): number | null {
  return responses === 0 ? null : round1((satisfied / responses) * 100);
}

/** Maps the mean of 1–5 answers onto 0–100: 1 → 0, 3 → 50, 5 → 100. */
export function likertIndex(total: LikertTotal): number | null {
  return total.count === 0 ? null : round1(((total.sum / total.count - 1) / 4) * 100);
}

/**
 * The customer-value equation: mean perceived benefit ÷ mean perceived cost, both on the
 * 1–5 answer scale (so the ratio is never a division by zero). Each value type and each
 * cost kind weighs the same; types nobody answered are left out. > 1: benefits outweigh costs.
 */
export function valueRatio(benefits: LikertTotal[], costs: LikertTotal[]): number | null {
  const meanOfMeans = (ts: LikertTotal[]) => {
    const means = ts.filter((t) => t.count > 0).map((t) => t.sum / t.count);
    return means.length === 0 ? null : means.reduce((a, b) => a + b, 0) / means.length;
  };
  const b = meanOfMeans(benefits);
  const c = meanOfMeans(costs);
  return b === null || c === null ? null : Math.round((b / c) * 100) / 100;
}

export type ScoreTotals = {
  nps: NpsCounts;
  csat: { satisfied: number; responses: number };
  benefits: Record<ValueType, LikertTotal>;
  costs: Record<CostKind, LikertTotal>;
};

export type ScoreSummary = {
  nps: Nps;
  csat: { score: number | null; responses: number; interval: Interval | null };
  value: Record<ValueType, number | null>;
  costs: Record<CostKind, number | null>;
  ratio: number | null;
};

export function summarizeScores(t: ScoreTotals): ScoreSummary {
  return {
    nps: npsFromCounts(t.nps),
    csat: { score: csatScore(t.csat.satisfied, t.csat.responses), responses: t.csat.responses, interval: proportionInterval(t.csat.satisfied, t.csat.responses) },
    value: Object.fromEntries(VALUE_TYPES.map((v) => [v, likertIndex(t.benefits[v])])) as Record<ValueType, number | null>,
    costs: Object.fromEntries(COST_KINDS.map((k) => [k, likertIndex(t.costs[k])])) as Record<CostKind, number | null>,
    ratio: valueRatio(Object.values(t.benefits), Object.values(t.costs)),
  };
}
