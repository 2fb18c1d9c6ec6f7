// Cronbach's α from sums, checked against the textbook form computed here from the raw rows (item variances and
// the variance of each row's total score), and against a worked value.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../server/domain/seeded-random";
import { cronbachAlpha, itemSums } from "../../server/domain/scale-reliability";

const variance = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};
const alphaByTotals = (rows: number[][]) => {
  const k = rows[0].length;
  const itemVar = Array.from({ length: k }, (_, i) => variance(rows.map((r) => r[i]))).reduce((a, b) => a + b, 0);
  return (k / (k - 1)) * (1 - itemVar / variance(rows.map((r) => r.reduce((a, b) => a + b, 0))));
};

describe("Cronbach's α", () => {
  it("equals k/(k−1)·(1 − Σ item variances / variance of the total) on seeded answers (seed 5)", () => {
    const rand = seededRandom(5);
    const rows = Array.from({ length: 80 }, () => {
      const trait = rand() * 4;
      return [0, 1, 2].map(() => Math.max(1, Math.min(5, Math.round(1 + trait + (rand() - 0.5) * 2))));
    });
    expect(cronbachAlpha(itemSums(rows, 3))).toBeCloseTo(alphaByTotals(rows), 12);
  });

  it("gives the worked value: two items that always agree → 1; unrelated halves → about 0", () => {
    const same = [[1, 1], [2, 2], [3, 3], [5, 5]];
    expect(cronbachAlpha(itemSums(same, 2))).toBeCloseTo(1, 12);
    // x and y uncorrelated with equal variances: α = 2·(1 − 2v/2v) = 0.
    const orthogonal = [[1, 1], [1, 3], [3, 1], [3, 3]];
    expect(cronbachAlpha(itemSums(orthogonal, 2))).toBeCloseTo(0, 12);
  });

  it("at n = 3, worked by hand: item variances 1 and 4/3, total variance 13/3 → α = 2·(1 − 7/13) = 12/13", () => {
    expect(cronbachAlpha(itemSums([[1, 2], [2, 2], [3, 4]], 2))).toBeCloseTo(12 / 13, 12);
  });

  it("skips rows missing an item and says nothing at n = 0, 1 or a single item", () => {
    expect(itemSums([[1, null], [2, 3], [4, 5]], 2).n).toBe(2);
    expect(cronbachAlpha(itemSums([], 2))).toBeNull();
    expect(cronbachAlpha(itemSums([[1, 2]], 2))).toBeNull();
    expect(cronbachAlpha(itemSums([[1], [2], [3]], 1))).toBeNull();
  });
});
