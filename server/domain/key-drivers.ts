// Key drivers: how much of the NPS answer each benefit and cost answer explains (Shapley decomposition of R²),
// from pairwise sums, so the same numbers can come from rollups (issue 22). See docs/ANALYTICS.md, "Key drivers".
import { seededRandom } from "./seeded-random";

export type DriverRow = { score: number; answers: Record<string, number | null | undefined> };

/** Sums over the rows where both variables of a pair were answered: everything the estimate needs. */
export type PairSums = { n: number; sx: number; sy: number; sxx: number; syy: number; sxy: number };

/** Variable 0 is the NPS answer, 1… are `keys`; `pairs[i][j]` (i < j) sums the rows answering both i and j. */
export type DriverSums = { keys: string[]; pairs: PairSums[][] };

export type Driver = {
  key: string;
  /** Shapley share of R² (Lindeman, Merenda & Gold 1980; Budescu 1993): the R² this answer adds, averaged over every order. */
  weight: number;
  /** 95 % interval of `weight` (parametric bootstrap, see keyDrivers). */
  low: number;
  high: number;
  /** weight ÷ R², in percent: this answer's part of what the model explains. */
  share: number;
  /** Standardized coefficient in the model with every kept answer (NPS standard deviations per standard deviation). */
  beta: number;
  /** Pearson correlation with the NPS answer over the rows answering both. */
  r: number;
  /** Rows answering this question and the NPS question. */
  n: number;
};

/** Why a question is left out of the drivers. */
export const DROPPED_REASONS = ["too_few", "constant", "duplicate"] as const;
export type Dropped = { key: string; reason: (typeof DROPPED_REASONS)[number]; n: number; of?: string[] };

export type DriversResult = {
  /** The fewest rows any pair of the used variables was answered together by: the sample size the estimate rests on. */
  n: number;
  /** Complete answers needed: `perPredictor` per question used (at least one question). */
  minN: number;
  perPredictor: number;
  dropped: Dropped[];
} & ({ drivers: Driver[]; r2: number; r2Low: number; r2High: number; draws: number } | { drivers: null; reason: string; reasonCode: DriversReason });

/** Why nothing is estimated: no NPS answer; every NPS answer equal; no question left that varies apart from the others; too few answers. */
export const DRIVERS_REASONS = ["no_answers", "constant_score", "no_variation", "too_few"] as const;
export type DriversReason = (typeof DRIVERS_REASONS)[number];

/** The minimum of answers per driver question (a common rule of thumb for regression: 10 per predictor). */
export const ANSWERS_PER_PREDICTOR = 10;
const COLLINEAR = 1e-9;

const emptySums = (): PairSums => ({ n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 });

/** Pairwise sums of the NPS answer and `keys` over `rows` (what a rollup would keep per day and segment). */
export function driverSums(rows: DriverRow[], keys: string[]): DriverSums {
  const v = keys.length + 1;
  const pairs = Array.from({ length: v }, () => Array.from({ length: v }, emptySums));
  const values = new Array<number | null>(v);
  for (const row of rows) {
    values[0] = row.score;
    for (let k = 0; k < keys.length; k++) {
      const a = row.answers[keys[k]];
      values[k + 1] = typeof a === "number" && Number.isFinite(a) ? a : null;
    }
    for (let i = 0; i < v; i++) {
      const x = values[i];
      if (x === null) continue;
      for (let j = i; j < v; j++) {
        const y = values[j];
        if (y === null) continue;
        const s = pairs[i][j];
        s.n++, (s.sx += x), (s.sy += y), (s.sxx += x * x), (s.syy += y * y), (s.sxy += x * y);
      }
    }
  }
  return { keys, pairs };
}

/** Adds sums kept apart (days, segments) into one: sums add. */
export function addDriverSums(a: DriverSums, b: DriverSums): DriverSums {
  return { keys: a.keys, pairs: a.pairs.map((row, i) => row.map((s, j) => { const t = b.pairs[i][j]; return { n: s.n + t.n, sx: s.sx + t.sx, sy: s.sy + t.sy, sxx: s.sxx + t.sxx, syy: s.syy + t.syy, sxy: s.sxy + t.sxy }; })) };
}

const pair = (sums: DriverSums, i: number, j: number) => (i <= j ? sums.pairs[i][j] : flip(sums.pairs[j][i]));
const flip = (s: PairSums): PairSums => ({ n: s.n, sx: s.sy, sy: s.sx, sxx: s.syy, syy: s.sxx, sxy: s.sxy });

/** Pearson r from a pair's sums; null when either side does not vary over those rows. */
function correlation(s: PairSums): number | null {
  const vx = s.n * s.sxx - s.sx * s.sx;
  const vy = s.n * s.syy - s.sy * s.sy;
  if (s.n < 2 || !(vx > 1e-12 * Math.max(1, s.n * s.sxx)) || !(vy > 1e-12 * Math.max(1, s.n * s.syy))) return null;
  return Math.max(-1, Math.min(1, (s.n * s.sxy - s.sx * s.sy) / Math.sqrt(vx * vy)));
}

/** Solves a·x = b for a small symmetric positive-definite a (Cholesky); null when a is singular. */
export function solve(a: number[][], b: number[]): number[] | null {
  const L = cholesky(a);
  if (!L) return null;
  const n = b.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}

/** Lower-triangular L with L·Lᵀ = a; null when a is not positive definite. */
export function cholesky(a: number[][]): number[][] | null {
  const n = a.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > COLLINEAR)) return null;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  return L;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a small symmetric matrix, by Jacobi rotations. */
export function symmetricEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = a.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i][j] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p][q]) < 1e-300) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
  }
  return { values: m.map((row, i) => row[i]), vectors: v };
}

/**
 * The nearest correlation matrix that is positive semi-definite: pairwise correlations (each pair over its own
 * rows) need not be mutually consistent; negative eigenvalues are set to zero and the diagonal put back to 1.
 */
export function nearestCorrelation(c: number[][]): number[][] {
  const { values, vectors } = symmetricEigen(c);
  if (values.every((x) => x >= 0)) return c;
  const n = c.length;
  const kept = values.map((x) => Math.max(x, 0));
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => vectors[i].reduce((s, _, k) => s + vectors[i][k] * kept[k] * vectors[j][k], 0)));
  return a.map((row, i) => row.map((x, j) => (i === j ? 1 : x / Math.sqrt(a[i][i] * a[j][j]))));
}

/**
 * R² of the outcome (variable 0 of c) on every subset of the predictors 1…p, by mask (bit j: predictor j + 1).
 * R²(S) = |L⁻¹·r_S|² with L·Lᵀ the correlations within S; a subset's Cholesky factor is its prefix's (S without
 * its highest member) plus one row, so each subset costs one forward substitution. NaN where S is singular.
 */
function subsetR2(c: number[][]): Float64Array {
  const p = c.length - 1;
  const r2 = new Float64Array(1 << p);
  const rows: Float64Array[] = new Array(1 << p);
  const ys = new Float64Array(1 << p);
  const members: number[] = [];
  for (let mask = 1; mask < 1 << p; mask++) {
    const h = 31 - Math.clz32(mask);
    const prev = mask ^ (1 << h);
    if (Number.isNaN(r2[prev])) {
      r2[mask] = NaN;
      continue;
    }
    // The members of prev in increasing order, and the prefix masks whose last rows make up prev's factor.
    members.length = 0;
    for (let j = 0; j < h; j++) if (prev & (1 << j)) members.push(j);
    const k = members.length;
    const row = new Float64Array(k + 1);
    let prefix = 0;
    let norm = 0;
    let dot = 0;
    for (let i = 0; i < k; i++) {
      prefix |= 1 << members[i];
      const Li = rows[prefix];
      let v = c[members[i] + 1][h + 1];
      for (let t = 0; t < i; t++) v -= Li[t] * row[t];
      row[i] = v / Li[i];
      norm += row[i] * row[i];
      dot += row[i] * ys[prefix];
    }
    const diag2 = 1 - norm;
    if (!(diag2 > COLLINEAR)) {
      r2[mask] = NaN;
      continue;
    }
    row[k] = Math.sqrt(diag2);
    rows[mask] = row;
    ys[mask] = (c[h + 1][0] - dot) / row[k];
    r2[mask] = r2[prev] + ys[mask] * ys[mask];
  }
  return r2;
}

/**
 * Shapley decomposition of R² over the predictors 1…p of the correlation matrix c (variable 0 the outcome): each
 * predictor's R² gain averaged over all orders of entry, by the subset formula Σ |S|!(p−|S|−1)!/p! × (R²(S∪j) − R²(S)).
 * 2^p models: p ≤ 8 here (256). The weights sum to R² of the full model.
 */
export function shapleyR2(c: number[][]): { r2: number; weights: number[] } {
  const p = c.length - 1;
  const r2 = subsetR2(c);
  const fact = [1];
  for (let k = 1; k <= p; k++) fact[k] = fact[k - 1] * k;
  const weights = new Array<number>(p).fill(0);
  for (let mask = 0; mask < 1 << p; mask++) {
    let size = 0;
    for (let j = 0; j < p; j++) if (mask & (1 << j)) size++;
    const w = (fact[size] * fact[p - size - 1]) / fact[p];
    for (let j = 0; j < p; j++) if (!(mask & (1 << j))) weights[j] += w * (r2[mask | (1 << j)] - r2[mask]);
  }
  return { r2: Math.min(1, r2[(1 << p) - 1]), weights };
}

function normal(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 boosted. */
function gamma(shape: number, rand: () => number): number {
  if (shape < 1) return gamma(shape + 1, rand) * rand() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A correlation matrix drawn as the sample correlation of `df` + 1 normal rows with correlation `L·Lᵀ`: a Wishart
 * draw by Bartlett's decomposition (W = L·A·Aᵀ·Lᵀ, A lower triangular with √χ²(df − i) on the diagonal and N(0, 1)
 * below), scaled to unit diagonal. Its cost does not depend on the number of answers.
 */
function wishartCorrelation(L: number[][], df: number, rand: () => number): number[][] {
  const d = L.length;
  const A = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    A[i][i] = Math.sqrt(2 * gamma((df - i) / 2, rand));
    for (let j = 0; j < i; j++) A[i][j] = normal(rand);
  }
  const B = L.map((row) => A[0].map((_, j) => row.reduce((s, v, k) => s + v * A[k][j], 0)));
  const W = B.map((bi) => B.map((bj) => bi.reduce((s, v, k) => s + v * bj[k], 0)));
  return W.map((row, i) => row.map((x, j) => x / Math.sqrt(W[i][i] * W[j][j])));
}

const quantile = (sorted: number[], q: number) => {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
};

/**
 * Key drivers from pairwise sums:
 * 1. correlations pair by pair, each over the rows answering both (pairwise deletion: an answer left blank only
 *    leaves out the pairs it belongs to, not the whole response);
 * 2. questions dropped, each with why: constant; a duplicate — a question the ones before it predict exactly
 *    (R² = 1, e.g. the same question twice), named with the questions it duplicates; too few answers, when the
 *    fewest rows of any pair is under `perPredictor` (10) per question used: questions with the fewest answers
 *    leave first, until the rest have enough;
 * 3. R² and the Shapley decomposition of R² over the questions kept, with the standardized coefficients;
 * 4. 95 % intervals by a parametric bootstrap: `draws` correlation matrices drawn from the Wishart distribution
 *    with the estimated matrix and n − 1 degrees of freedom (n: the fewest rows of any pair), the percentiles of
 *    the weights and R² over them; seeded, so a read gives the same numbers each time.
 */
export function keyDriversFromSums(sums: DriverSums, opts: { perPredictor?: number; draws?: number; seed?: number } = {}): DriversResult {
  const perPredictor = opts.perPredictor ?? ANSWERS_PER_PREDICTOR;
  const draws = opts.draws ?? 200;
  const { keys } = sums;
  const dropped: Dropped[] = [];
  const nWith = (j: number) => pair(sums, 0, j + 1).n;
  const answers = pair(sums, 0, 0).n;
  const r0: (number | null)[] = keys.map((_, j) => correlation(pair(sums, 0, j + 1)));
  let use: number[] = [];
  for (let j = 0; j < keys.length; j++) {
    if (nWith(j) < Math.max(perPredictor, 3)) dropped.push({ key: keys[j], reason: "too_few", n: nWith(j) });
    else if (r0[j] === null) dropped.push({ key: keys[j], reason: "constant", n: nWith(j) });
    else use.push(j);
  }
  const needed = (p: number) => perPredictor * Math.max(1, p);
  const fewest = (set: number[]) => {
    let n = set.length ? Infinity : answers;
    for (const a of [-1, ...set]) for (const b of set) if (a !== b) n = Math.min(n, pair(sums, a + 1, b + 1).n);
    return n === Infinity ? 0 : n;
  };
  const none = (reasonCode: DriversReason, reason: string): DriversResult => ({ n: fewest(use), minN: needed(use.length), perPredictor, dropped, drivers: null, reason, reasonCode });
  if (answers === 0) return none("no_answers", "No answers to the NPS question.");
  const tooFew = () => {
    const best = Math.max(0, ...keys.map((_, j) => nWith(j)));
    return none("too_few", `Too few answers: the driver question answered most often was answered together with the NPS question ${best} times; at least ${perPredictor} are needed per question used.`);
  };
  // A handful of answers says "too few" before anything about their values (one answer is always "constant").
  if (answers < Math.max(perPredictor, 3)) return tooFew();
  if (pair(sums, 0, 0).n > 0 && correlation(pair(sums, 0, 0)) === null) return none("constant_score", "Every NPS answer is the same: nothing to explain.");
  // Correlations over the questions left; a pair without variation over its own rows counts as unrelated.
  const corr = (a: number, b: number) => (a === b ? 1 : (correlation(pair(sums, a, b)) ?? 0));
  // Duplicates: a question the earlier kept ones predict exactly.
  const kept: number[] = [];
  for (const j of use) {
    const earlier = kept.map((k) => k + 1);
    const rjj = earlier.map((a) => earlier.map((b) => corr(a, b)));
    const rj = earlier.map((a) => corr(a, j + 1));
    const b = earlier.length ? solve(rjj, rj) : null;
    const smc = b ? b.reduce((s, v, k) => s + v * rj[k], 0) : 0;
    const same = kept.filter((k) => Math.abs(corr(k + 1, j + 1)) > 1 - COLLINEAR);
    if (same.length || smc > 1 - 1e-7) {
      const of = same.length ? same.slice(0, 1) : kept.filter((_, i) => Math.abs(b![i]) > 1e-6);
      dropped.push({ key: keys[j], reason: "duplicate", n: nWith(j), of: of.map((k) => keys[k]) });
    } else kept.push(j);
  }
  use = kept;
  // Fewest answers leave first, until the fewest rows of any pair is at least perPredictor per question.
  use.sort((a, b) => nWith(b) - nWith(a) || a - b);
  while (use.length > 0 && fewest(use) < needed(use.length)) {
    const j = use.pop()!;
    dropped.push({ key: keys[j], reason: "too_few", n: nWith(j) });
  }
  use.sort((a, b) => a - b);
  const n = fewest(use);
  if (use.length === 0) {
    if (dropped.every((d) => d.reason !== "too_few")) return none("no_variation", "No driver question varies apart from the others: nothing to weigh.");
    return tooFew();
  }
  const vars = [0, ...use.map((j) => j + 1)];
  const c = nearestCorrelation(vars.map((a) => vars.map((b) => corr(a, b))));
  const { r2, weights } = shapleyR2(c);
  const beta = solve(
    use.map((_, a) => use.map((_, b) => c[a + 1][b + 1])),
    use.map((_, a) => c[a + 1][0]),
  ) ?? use.map(() => NaN);
  // Parametric bootstrap: seeded by the data's size so a read repeats itself.
  const rand = seededRandom(opts.seed ?? n * 7919 + use.length);
  const L = cholesky(c) ?? cholesky(c.map((row, i) => row.map((x, j) => (i === j ? x + 1e-6 : x))));
  const drawn: { r2: number[]; weights: number[][] } = { r2: [], weights: use.map(() => []) };
  if (L && n > vars.length + 1)
    for (let d = 0; d < draws; d++) {
      const sample = shapleyR2(wishartCorrelation(L, n - 1, rand));
      if (!Number.isFinite(sample.r2)) continue;
      drawn.r2.push(sample.r2);
      sample.weights.forEach((w, k) => drawn.weights[k].push(w));
    }
  // Too few draws (a model with as many questions as answers): the interval says nothing is known.
  const interval = (xs: number[]) => {
    if (xs.length < 20) return { low: 0, high: 1 };
    const sorted = [...xs].sort((a, b) => a - b);
    return { low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
  };
  const r2i = interval(drawn.r2);
  const drivers = use
    .map((j, k) => {
      const wi = interval(drawn.weights[k]);
      return { key: keys[j], weight: weights[k], low: wi.low, high: wi.high, share: r2 > 0 ? (weights[k] / r2) * 100 : 0, beta: beta[k], r: c[k + 1][0], n: nWith(j) };
    })
    .sort((a, b) => b.weight - a.weight);
  return { n, minN: needed(use.length), perPredictor, dropped, drivers, r2, r2Low: r2i.low, r2High: r2i.high, draws: drawn.r2.length };
}

/** Key drivers of raw rows: their pairwise sums, then keyDriversFromSums. */
export function keyDrivers(rows: DriverRow[], keys: string[], opts: { perPredictor?: number; draws?: number; seed?: number } = {}): DriversResult {
  return keyDriversFromSums(driverSums(rows, keys), opts);
}
