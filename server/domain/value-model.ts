// Customer-value maths: CSAT, 0–100 indexes from 1–5 answers, the benefit ÷ cost ratio and net value, with intervals from sums.
import { npsFromCounts, proportionInterval, round1, Z_95, type Interval, type Nps, type NpsCounts } from "./nps";
import type { DriverSums } from "./key-drivers";
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

// ——— Uncertainty from sums (issue 21.1, 21.5): every figure below needs only n, Σx, Σx² (and Σxy for a pair) ———

/** Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom (any statistics table). */
const T_975 = [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272];

/** t₀.₉₇₅ with `df` degrees of freedom: the table up to 30, then the Cornish–Fisher expansion around z (error < 10⁻⁴). */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  if (df <= 30) return T_975[Math.floor(df) - 1];
  const z = Z_95;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3);
}

/** n, Σx and Σx² of one question's 1–5 answers (the score rollups keep them per day and segment). */
export type MomentSums = { n: number; sum: number; sumSq: number };

/** Sample variance from the sums (n − 1 in the denominator); null below 2 answers. */
export function varianceOf(s: MomentSums): number | null {
  if (s.n < 2) return null;
  return Math.max(0, (s.sumSq - (s.sum * s.sum) / s.n) / (s.n - 1));
}

/** A 1–5 mean's place on the 0–100 index. */
const toIndex = (mean: number) => ((mean - 1) / 4) * 100;
const clampIndex = (x: number) => Math.min(100, Math.max(0, x));

/** An index (0–100) with its n and 95 % t interval (mean ± t₀.₉₇₅(n − 1) · s/√n, clamped to 0–100); no interval below 2 answers. */
export type IndexFigure = { index: number | null; responses: number; interval: Interval | null };

export function indexFigure(s: MomentSums): IndexFigure {
  if (s.n === 0) return { index: null, responses: 0, interval: null };
  const mean = s.sum / s.n;
  const variance = varianceOf(s);
  const interval =
    variance === null ? null : { low: round1(clampIndex(toIndex(mean - tQuantile975(s.n - 1) * Math.sqrt(variance / s.n)))), high: round1(clampIndex(toIndex(mean + tQuantile975(s.n - 1) * Math.sqrt(variance / s.n)))) };
  return { index: round1(toIndex(mean)), responses: s.n, interval };
}

/**
 * The value answers' pairwise sums (key-drivers.ts's DriverSums: variable 0 the NPS answer, then the value answers
 * by key; `pairs[i][j]`, i ≤ j, over the answers giving both): the answer rollups keep them per day and segment
 * (issue 22). From them come each value answer's variance and each pair's covariance.
 */
function covarianceOf(s: DriverSums, i: number, j: number): { n: number; cov: number } | null {
  const p = i <= j ? s.pairs[i]?.[j] : s.pairs[j]?.[i];
  if (!p || p.n < 2) return null;
  return { n: p.n, cov: (p.sxy - (p.sx * p.sy) / p.n) / (p.n - 1) };
}

/** One side of the model: each value type's (or cost kind's) answer key with its count and sum of 1–5 answers. */
type Side = { key: string; total: LikertTotal }[];
type Term = { key: string; n: number; w: number };

/**
 * Variance of a weighted sum of means Σ wᵢ·x̄ᵢ, each mean over its own answers: Cov(x̄ᵢ, x̄ⱼ) = nᵢⱼ·sᵢⱼ / (nᵢ·nⱼ) for
 * means of overlapping samples (nᵢⱼ answers give both, sᵢⱼ their sample covariance; sᵢᵢ / nᵢ on the diagonal).
 * Null when a pair has fewer than 2 answers. Degrees of freedom: the fewest answers − 1.
 */
function varianceOfMeans(terms: Term[], spread: DriverSums): { variance: number; df: number } | null {
  const index = (k: string) => spread.keys.indexOf(k) + 1;
  let variance = 0;
  for (const a of terms)
    for (const b of terms) {
      const c = covarianceOf(spread, index(a.key), index(b.key));
      if (c === null) return null;
      variance += a.w * b.w * ((c.n * c.cov) / (a.n * b.n));
    }
  return { variance: Math.max(0, variance), df: Math.min(...terms.map((t) => t.n)) - 1 };
}

const answeredOf = (side: Side) => side.filter((s) => s.total.count > 0);
const meanOf = (side: Side) => {
  const given = answeredOf(side);
  return given.length ? given.reduce((a, s) => a + s.total.sum / s.total.count, 0) / given.length : null;
};
/** The weights of the side's means in its mean of means, times `scale`. */
const termsOf = (side: Side, scale: number): Term[] => answeredOf(side).map((s, _, given) => ({ key: s.key, n: s.total.count, w: scale / given.length }));
const sidesOf = (t: Pick<ScoreTotals, "benefits" | "costs">): [Side, Side] => [
  VALUE_TYPES.map((v) => ({ key: `benefit_${v}`, total: t.benefits[v] })),
  COST_KINDS.map((k) => ({ key: `cost_${k}`, total: t.costs[k] })),
];
/** The fewest answers of any value type or cost kind a figure rests on (what lowSample judges); 0 if one side has none. */
const fewest = (benefits: Side, costs: Side) => {
  const ns = [...answeredOf(benefits), ...answeredOf(costs)].map((s) => s.total.count);
  return answeredOf(benefits).length && answeredOf(costs).length ? Math.min(...ns) : 0;
};

/** Benefit index − cost index (0–100 points each, so −100…100), with its 95 % interval and the fewest answers it rests on. */
export type NetValue = { value: number | null; responses: number; interval: Interval | null };

/**
 * Net value = the benefit index (mean of the value types' indexes) − the cost index (mean of the cost kinds'), in
 * index points: the indexes the page shows. 95 % t interval: value ± t₀.₉₇₅(df) · 25 · √Var(B̄ − C̄) (25 index points
 * per scale point), Var from the means' covariances (varianceOfMeans). No interval without the spread or below 2
 * answers.
 */
export function netValue(t: Pick<ScoreTotals, "benefits" | "costs" | "spread">): NetValue {
  const [benefits, costs] = sidesOf(t);
  const b = meanOf(benefits);
  const c = meanOf(costs);
  const responses = fewest(benefits, costs);
  if (b === null || c === null) return { value: null, responses, interval: null };
  const value = (b - c) * 25;
  const v = t.spread ? varianceOfMeans([...termsOf(benefits, 1), ...termsOf(costs, -1)], t.spread) : null;
  if (v === null || v.df < 1) return { value: round1(value), responses, interval: null };
  const half = tQuantile975(v.df) * 25 * Math.sqrt(v.variance);
  return { value: round1(value), responses, interval: { low: round1(Math.max(-100, value - half)), high: round1(Math.min(100, value + half)) } };
}

/** The value ratio with its 95 % interval and the fewest answers it rests on. */
export type RatioFigure = { ratio: number | null; responses: number; interval: Interval | null };

/**
 * The ratio R = B̄ / C̄ (B̄ the mean of the value types' means, C̄ the cost kinds', 1–5) with its 95 % interval by the
 * delta method: Var(R) ≈ Var(B̄ − R·C̄) / C̄², ratio ± t₀.₉₇₅(df) · √Var(R), within 0.2…5 (a ratio of two 1–5 means).
 * Var(B̄ − R·C̄) is net value's sum of covariances with the cost side weighted by R.
 */
export function ratioFigure(t: Pick<ScoreTotals, "benefits" | "costs" | "spread">): RatioFigure {
  const [benefits, costs] = sidesOf(t);
  const ratio = valueRatio(Object.values(t.benefits), Object.values(t.costs));
  const responses = fewest(benefits, costs);
  const b = meanOf(benefits);
  const c = meanOf(costs);
  if (ratio === null || b === null || c === null || !t.spread) return { ratio, responses, interval: null };
  const r = b / c;
  const v = varianceOfMeans([...termsOf(benefits, 1), ...termsOf(costs, -r)], t.spread);
  if (v === null || v.df < 1) return { ratio, responses, interval: null };
  const half = (tQuantile975(v.df) * Math.sqrt(v.variance)) / c;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return { ratio, responses, interval: { low: round2(Math.max(0.2, r - half)), high: round2(Math.min(5, r + half)) } };
}

/** An index with its interval: mean and n from the headline sums, the variance from the spread's Σx, Σx² of that answer. */
function indexWithSpread(key: string, total: LikertTotal, spread: DriverSums | undefined): IndexFigure {
  const i = spread ? spread.keys.indexOf(key) + 1 : 0;
  const own = spread && i > 0 ? spread.pairs[i]?.[i] : undefined;
  if (!own || own.n < 2) return { ...indexFigure({ n: total.count, sum: total.sum, sumSq: 0 }), interval: null };
  // The spread's variance, scaled to the headline's n: Σx² such that (Σx² − (Σx)²/n)/(n − 1) = s².
  const variance = varianceOf({ n: own.n, sum: own.sx, sumSq: own.sxx })!;
  const n = total.count;
  return indexFigure({ n, sum: total.sum, sumSq: variance * (n - 1) + (total.sum * total.sum) / n });
}

export type ScoreTotals = {
  nps: NpsCounts;
  csat: { satisfied: number; responses: number };
  benefits: Record<ValueType, LikertTotal>;
  costs: Record<CostKind, LikertTotal>;
  /** The value answers' pairwise sums; absent: the intervals of indexes, net value and ratio are null. */
  spread?: DriverSums;
};

export type ScoreSummary = {
  nps: Nps;
  csat: { score: number | null; responses: number; interval: Interval | null };
  value: Record<ValueType, number | null>;
  costs: Record<CostKind, number | null>;
  ratio: number | null;
  /** Each value type's index with its n and 95 % interval (`value` keeps the bare numbers). */
  valueIndexes: Record<ValueType, IndexFigure>;
  costIndexes: Record<CostKind, IndexFigure>;
  /** `ratio` with its n and interval. */
  valueRatio: RatioFigure;
  netValue: NetValue;
};

export function summarizeScores(t: ScoreTotals): ScoreSummary {
  return {
    nps: npsFromCounts(t.nps),
    csat: { score: csatScore(t.csat.satisfied, t.csat.responses), responses: t.csat.responses, interval: proportionInterval(t.csat.satisfied, t.csat.responses) },
    value: Object.fromEntries(VALUE_TYPES.map((v) => [v, likertIndex(t.benefits[v])])) as Record<ValueType, number | null>,
    costs: Object.fromEntries(COST_KINDS.map((k) => [k, likertIndex(t.costs[k])])) as Record<CostKind, number | null>,
    ratio: valueRatio(Object.values(t.benefits), Object.values(t.costs)),
    valueIndexes: Object.fromEntries(VALUE_TYPES.map((v) => [v, indexWithSpread(`benefit_${v}`, t.benefits[v], t.spread)])) as Record<ValueType, IndexFigure>,
    costIndexes: Object.fromEntries(COST_KINDS.map((k) => [k, indexWithSpread(`cost_${k}`, t.costs[k], t.spread)])) as Record<CostKind, IndexFigure>,
    valueRatio: ratioFigure(t),
    netValue: netValue(t),
  };
}
