// Key drivers: how strongly each benefit and cost answer relates to the NPS answer (standardized OLS).

export type DriverRow = { score: number; answers: Record<string, number | null | undefined> };

export type Driver = {
  key: string;
  /** Standardized regression coefficient: NPS standard deviations per standard deviation of this answer, the others held fixed. */
  beta: number;
  /** 95 % confidence band of beta (t distribution with n − p − 1 degrees of freedom). */
  low: number;
  high: number;
  /** Pearson correlation with the NPS answer on the same rows, for reference. */
  r: number;
};

export type DriversResult = { n: number; minN: number; drivers: Driver[]; dropped: string[] } | { n: number; minN: number; drivers: null; reason: string };

const Z = 1.959964;

/** Student t quantile at 0.975 for `df` degrees of freedom (Cornish–Fisher expansion; < 0.5 % off for df ≥ 5). */
export function t975(df: number): number {
  const z3 = Z ** 3;
  const z5 = Z ** 5;
  return Z + (z3 + Z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * Z) / (96 * df ** 2);
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan; null when singular. */
export function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) < 1e-10) return null;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const d = m[c][c];
    for (let k = 0; k < 2 * n; k++) m[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      if (f !== 0) for (let k = 0; k < 2 * n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row) => row.slice(n));
}

function standardize(xs: number[]): number[] | null {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  if (!(sd > 0)) return null;
  return xs.map((x) => (x - mean) / sd);
}

/**
 * Standardized multiple regression of the 0–10 answer on the given answer keys, over the rows that
 * answered all of them (complete cases). Keys answered by too few, or constant, are dropped first;
 * below `minN` complete rows nothing is estimated — a driver from a handful of answers misleads.
 */
export function keyDrivers(rows: DriverRow[], keys: string[], minN = 30): DriversResult {
  let use = keys.filter((k) => rows.filter((r) => typeof r.answers[k] === "number").length >= minN);
  const dropped = keys.filter((k) => !use.includes(k));
  for (;;) {
    const complete = rows.filter((r) => use.every((k) => typeof r.answers[k] === "number"));
    const n = complete.length;
    if (use.length === 0 || n < minN) return { n, minN, drivers: null, reason: use.length === 0 ? "no answer key has enough answers" : `only ${n} responses answered every driver question` };
    const y = standardize(complete.map((r) => r.score));
    if (!y) return { n, minN, drivers: null, reason: "every NPS answer is the same" };
    const cols = use.map((k) => standardize(complete.map((r) => r.answers[k] as number)));
    const constant = use.filter((_, j) => !cols[j]);
    if (constant.length) {
      dropped.push(...constant);
      use = use.filter((k) => !constant.includes(k));
      continue;
    }
    const x = cols as number[][];
    const p = use.length;
    // With standardized variables, X'X/(n−1) is the correlation matrix R and X'y/(n−1) the correlations r.
    const corr = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0) / (n - 1);
    const R = x.map((a) => x.map((b) => corr(a, b)));
    const r = x.map((a) => corr(a, y));
    const inv = invert(R);
    if (!inv) {
      // Perfectly collinear answers: keep the first of them, drop the last key and try again.
      dropped.push(use[p - 1]);
      use = use.slice(0, -1);
      continue;
    }
    const beta = inv.map((row) => row.reduce((s, v, j) => s + v * r[j], 0));
    const r2 = beta.reduce((s, b, j) => s + b * r[j], 0);
    const df = n - p - 1;
    if (df < 1) return { n, minN, drivers: null, reason: "too few responses for this many drivers" };
    const sigma2 = Math.max(0, 1 - r2) / df;
    const t = t975(df);
    const drivers = use.map((key, j) => {
      const se = Math.sqrt(sigma2 * inv[j][j]); // Var(β_j) = (1 − R²) / df × (R⁻¹)_jj
      return { key, beta: beta[j], low: beta[j] - t * se, high: beta[j] + t * se, r: r[j] };
    });
    drivers.sort((a, b) => Math.abs(b.beta) - Math.abs(a.beta));
    return { n, minN, drivers, dropped };
  }
}
