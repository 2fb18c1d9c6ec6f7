// Scale reliability (issue 21.5): Cronbach's α of the items a template asks for one value type or cost kind, from
// sums over the answers that gave every item (n, Σxᵢ, Σxᵢxⱼ), so rollups can keep them per day (issue 22).

/** Sums over the rows answering all k items: `sum[i]` = Σxᵢ, `cross[i][j]` = Σxᵢxⱼ (cross[i][i] = Σxᵢ²). */
export type ItemSums = { n: number; sum: number[]; cross: number[][] };

/** Below this α a scale's items do not measure one thing (Nunnally 1978's usual threshold). */
export const ALPHA_FLOOR = 0.7;

export function itemSums(rows: (number | null | undefined)[][], k: number): ItemSums {
  const s: ItemSums = { n: 0, sum: new Array<number>(k).fill(0), cross: Array.from({ length: k }, () => new Array<number>(k).fill(0)) };
  for (const row of rows) {
    if (row.length < k || row.some((x) => typeof x !== "number" || !Number.isFinite(x))) continue;
    const x = row as number[];
    s.n++;
    for (let i = 0; i < k; i++) {
      s.sum[i] += x[i];
      for (let j = 0; j < k; j++) s.cross[i][j] += x[i] * x[j];
    }
  }
  return s;
}

/**
 * Cronbach's α (Cronbach 1951) = k/(k − 1) × (1 − Σ var(xᵢ) / var(Σ xᵢ)), with var(Σ xᵢ) = Σᵢ Σⱼ cov(xᵢ, xⱼ): the
 * sample covariances from the sums. Null with fewer than 2 items, 2 rows, or a total that does not vary.
 */
export function cronbachAlpha(s: ItemSums): number | null {
  const k = s.sum.length;
  if (k < 2 || s.n < 2) return null;
  const cov = (i: number, j: number) => (s.cross[i][j] - (s.sum[i] * s.sum[j]) / s.n) / (s.n - 1);
  let items = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    items += cov(i, i);
    for (let j = 0; j < k; j++) total += cov(i, j);
  }
  if (!(total > 1e-12)) return null;
  return (k / (k - 1)) * (1 - items / total);
}
