// NPS maths: classify a 0–10 answer, score from counts, and its 95% margin of error.

export type NpsClass = "promoter" | "passive" | "detractor";

export function classifyNps(score: number): NpsClass {
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

export type NpsCounts = { promoters: number; passives: number; detractors: number };

/** A 95% interval in the figure's own points (NPS −100…100, CSAT 0…100). */
export type Interval = { low: number; high: number };

export type Nps = NpsCounts & { score: number | null; responses: number; marginOfError: number | null; interval: Interval | null };

export const Z_95 = 1.959964;

/**
 * NPS = %promoters − %detractors. Each answer is +1, 0 or −1, so the margin of error is
 * 1.96 × the standard error of that mean, using the sample variance (n − 1): it is
 * undefined for a single answer, not zero.
 */
export function npsFromCounts(counts: NpsCounts): Nps {
  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  if (n === 0) return { ...counts, responses: 0, score: null, marginOfError: null, interval: null };
  const p = promoters / n;
  const d = detractors / n;
  const score = (p - d) * 100;
  const interval = npsInterval(counts);
  if (n < 2) return { ...counts, responses: n, score: round1(score), marginOfError: null, interval };
  const variance = ((p + d - (p - d) ** 2) * n) / (n - 1);
  const marginOfError = Z_95 * Math.sqrt(variance / n) * 100;
  return { ...counts, responses: n, score: round1(score), marginOfError: round1(marginOfError), interval };
}

/**
 * Adjusted-Wald 95% interval for NPS (Rocks 2016, "Interval estimation for the Net Promoter Score",
 * The American Statistician 70(4)): three pseudo-answers, ¾ promoter, ¾ detractor, 1½ passive, before
 * the Wald formula. Unlike the plain margin it is never ±0 at small n (3 promoters: −7…100, not 100 ± 0)
 * and keeps close to 95% coverage from n = 3 on. Clamped to −100…100. Null without answers.
 */
export function npsInterval({ promoters, passives, detractors }: NpsCounts): Interval | null {
  const n = promoters + passives + detractors;
  if (n === 0) return null;
  const m = n + 3;
  const p = (promoters + 0.75) / m;
  const d = (detractors + 0.75) / m;
  const centre = p - d;
  const half = Z_95 * Math.sqrt((p + d - centre ** 2) / m);
  return { low: round1(Math.max(-1, centre - half) * 100), high: round1(Math.min(1, centre + half) * 100) };
}

/**
 * Is NPS `a` different from NPS `b` beyond the noise? A two-sample z-test on the +1/0/−1 answers, each
 * side's shares adjusted by the pseudo-answers above, so that a side of 3 equal answers is uncertain
 * (the plain variance was 0 and made 3 promoters "significantly" above anyone, z = 35).
 * Difference and standard error in NPS points; null when either side has no answers.
 */
export function npsDifferenceTest(a: NpsCounts, b: NpsCounts): { difference: number; standardError: number; z: number; pValue: number } | null {
  const side = (c: NpsCounts) => {
    const n = c.promoters + c.passives + c.detractors;
    const m = n + 3;
    const p = (c.promoters + 0.75) / m;
    const d = (c.detractors + 0.75) / m;
    return { n, score: n ? (c.promoters - c.detractors) / n : 0, centre: p - d, variance: (p + d - (p - d) ** 2) / m };
  };
  const sa = side(a);
  const sb = side(b);
  if (sa.n === 0 || sb.n === 0) return null;
  const se = Math.sqrt(sa.variance + sb.variance);
  const diff = sa.score - sb.score;
  // Centre and variance both adjusted, as Agresti & Caffo (2000) do for a difference of proportions.
  const z = (sa.centre - sb.centre) / se;
  return { difference: diff * 100, standardError: se * 100, z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}

/** Φ(x), the standard normal CDF (Abramowitz & Stegun 7.1.26: error below 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Holm's step-down correction (Holm 1979) of p-values tested together (every segment against the rest):
 * the adjusted p-values, in the input's order. Significant at 5 % when adjusted p < 0.05, keeping the
 * chance of any false finding among them at 5 %.
 */
export function holmAdjust(pValues: number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Wilson score 95% interval of a proportion, as fractions 0–1, unrounded; null without observations. */
export function wilsonInterval(hits: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const p = hits / n;
  const z2 = Z_95 ** 2;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** The same in percent, one decimal (CSAT: satisfied / answers). Null without answers. */
export function proportionInterval(hits: number, n: number): Interval | null {
  const w = wilsonInterval(hits, n);
  return w && { low: round1(w[0] * 100), high: round1(w[1] * 100) };
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
