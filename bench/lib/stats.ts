// Summaries of repeated measurements: every figure in docs/BENCHMARKS.md is min / median / max over runs.

export type Spread = { min: number; median: number; max: number; runs: number };

export function spread(values: number[]): Spread {
  if (values.length === 0) throw new Error("no measurements");
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { min: s[0], median, max: s[s.length - 1], runs: s.length };
}

/** The p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function fmt(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "—";
  return x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(digits);
}

/** "min / median / max" of a spread, formatted. */
export function fmtSpread(s: Spread, digits = 1): string {
  return `${fmt(s.min, digits)} / **${fmt(s.median, digits)}** / ${fmt(s.max, digits)}`;
}
