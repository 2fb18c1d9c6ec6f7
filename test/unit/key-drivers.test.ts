// Key drivers (issue 21.4): Shapley decomposition of R² from pairwise sums, checked against values computed here
// another way — the two-predictor closed form, and an average over every order of entry with R² from a plain
// least-squares fit of the raw rows (normal equations solved by Gaussian elimination in this file).
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../server/domain/seeded-random";
import { addDriverSums, driverSums, keyDrivers, keyDriversFromSums, nearestCorrelation, shapleyR2, symmetricEigen } from "../../server/domain/key-drivers";

const SEED = 20261202;

/** Rows from a seeded generator: y = 1.5·a + 0.6·b + noise, c unrelated, d = a + b + small noise (collinear-ish). */
function sample(n: number, seed = SEED) {
  const rand = seededRandom(seed);
  const likert = () => 1 + Math.floor(rand() * 5);
  return Array.from({ length: n }, () => {
    const a = likert();
    const b = likert();
    const c = likert();
    const noise = (rand() + rand() + rand() - 1.5) * 2;
    return { score: Math.max(0, Math.min(10, Math.round(1.5 * a + 0.6 * b + noise - 1))), answers: { a, b, c } as Record<string, number | null> };
  });
}

/** R² of y on the columns xs by ordinary least squares with an intercept (normal equations, Gauss–Jordan). */
function olsR2(y: number[], xs: number[][]): number {
  if (xs.length === 0) return 0;
  const n = y.length;
  const X = y.map((_, i) => [1, ...xs.map((col) => col[i])]);
  const k = X[0].length;
  const A = Array.from({ length: k }, (_, i) => [...Array.from({ length: k }, (_, j) => X.reduce((s, row) => s + row[i] * row[j], 0)), X.reduce((s, row, r) => s + row[i] * y[r], 0)]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < k; r++) if (r !== c) { const f = A[r][c] / A[c][c]; for (let j = c; j <= k; j++) A[r][j] -= f * A[c][j]; }
  }
  const b = A.map((row, i) => row[k] / row[i]);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const fitted = X.map((row) => row.reduce((s, v, j) => s + v * b[j], 0));
  const sse = y.reduce((s, v, i) => s + (v - fitted[i]) ** 2, 0);
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  return 1 - sse / sst;
}

/** Shapley values by brute force: the R² gain of each predictor averaged over all p! orders of entry. */
function shapleyByOrders(y: number[], cols: number[][]): number[] {
  const p = cols.length;
  const orders: number[][] = [];
  const permute = (prefix: number[], rest: number[]) => (rest.length === 0 ? orders.push(prefix) : rest.forEach((x, i) => permute([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)])));
  permute([], Array.from({ length: p }, (_, i) => i));
  const memo = new Map<string, number>();
  const r2 = (set: number[]) => {
    const key = [...set].sort().join(",");
    if (!memo.has(key)) memo.set(key, olsR2(y, set.map((j) => cols[j])));
    return memo.get(key)!;
  };
  const out = new Array<number>(p).fill(0);
  for (const order of orders) order.forEach((j, i) => (out[j] += (r2(order.slice(0, i + 1)) - r2(order.slice(0, i))) / orders.length));
  return out;
}

describe("key drivers: Shapley decomposition of R²", () => {
  it(`matches an average over every order of entry with R² from least squares on the raw rows (seed ${SEED})`, () => {
    console.log(`key-drivers seed ${SEED}`);
    const rows = sample(400);
    const result = keyDrivers(rows, ["a", "b", "c"]);
    if (!result.drivers) throw new Error(result.reason);
    const y = rows.map((r) => r.score);
    const cols = ["a", "b", "c"].map((k) => rows.map((r) => r.answers[k] as number));
    const expected = shapleyByOrders(y, cols);
    const byKey = Object.fromEntries(result.drivers.map((d) => [d.key, d]));
    expect(byKey.a.weight).toBeCloseTo(expected[0], 9);
    expect(byKey.b.weight).toBeCloseTo(expected[1], 9);
    expect(byKey.c.weight).toBeCloseTo(expected[2], 9);
    expect(result.r2).toBeCloseTo(olsR2(y, cols), 9);
    // The known driver comes first; the unrelated answer explains almost nothing; shares add up to 100 %.
    expect(result.drivers.map((d) => d.key)).toEqual(["a", "b", "c"]);
    expect(byKey.c.weight).toBeLessThan(0.01);
    expect(result.drivers.reduce((s, d) => s + d.share, 0)).toBeCloseTo(100, 9);
    // Intervals hold the estimate and are seeded: the same data give the same interval.
    for (const d of result.drivers) expect(d.low <= d.weight && d.weight <= d.high).toBe(true);
    expect(result.r2Low).toBeLessThan(result.r2);
    expect(result.r2High).toBeGreaterThan(result.r2);
    expect(keyDrivers(rows, ["a", "b", "c"])).toEqual(result);
  });

  it("matches the two-predictor closed form: w₁ = (r₁² + R² − r₂²) / 2, R² = (r₁² + r₂² − 2·r₁·r₂·r₁₂) / (1 − r₁₂²)", () => {
    const [r1, r2, r12] = [0.6, 0.3, 0.4];
    const R2 = (r1 ** 2 + r2 ** 2 - 2 * r1 * r2 * r12) / (1 - r12 ** 2);
    const s = shapleyR2([
      [1, r1, r2],
      [r1, 1, r12],
      [r2, r12, 1],
    ]);
    expect(s.r2).toBeCloseTo(R2, 12);
    expect(s.weights[0]).toBeCloseTo((r1 ** 2 + R2 - r2 ** 2) / 2, 12);
    expect(s.weights[1]).toBeCloseTo((r2 ** 2 + R2 - r1 ** 2) / 2, 12);
  });

  it("uses every answer a pair has (pairwise), from sums that add across days", () => {
    const rows = sample(300, 7);
    // A third of the answers to c left blank: complete cases would drop them all from a, b too.
    rows.forEach((r, i) => i % 3 === 0 && (r.answers.c = null));
    const result = keyDrivers(rows, ["a", "b", "c"]);
    if (!result.drivers) throw new Error(result.reason);
    const byKey = Object.fromEntries(result.drivers.map((d) => [d.key, d]));
    expect(byKey.a.n).toBe(300);
    expect(byKey.c.n).toBe(200);
    expect(result.n).toBe(200);
    // r of a with the NPS answer over all 300 rows, by hand.
    const y = rows.map((r) => r.score);
    const a = rows.map((r) => r.answers.a as number);
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const cov = y.reduce((s, v, i) => s + (v - mean(y)) * (a[i] - mean(a)), 0);
    const r = cov / Math.sqrt(y.reduce((s, v) => s + (v - mean(y)) ** 2, 0) * a.reduce((s, v) => s + (v - mean(a)) ** 2, 0));
    expect(byKey.a.r).toBeCloseTo(r, 9);
    // Sums of two halves added give the same result as the whole.
    const whole = keyDriversFromSums(driverSums(rows, ["a", "b", "c"]));
    const halves = keyDriversFromSums(addDriverSums(driverSums(rows.slice(0, 150), ["a", "b", "c"]), driverSums(rows.slice(150), ["a", "b", "c"])));
    if (!halves.drivers || !whole.drivers) throw new Error("no drivers");
    expect(halves.r2).toBeCloseTo(whole.r2, 9);
  });

  it("names a true duplicate as one, whatever its place in the list, and keeps the rest", () => {
    const rows = sample(200).map((r) => ({ ...r, answers: { ...r.answers, copy: r.answers.b } }));
    const result = keyDrivers(rows, ["copy", "a", "c", "b"]);
    if (!result.drivers) throw new Error(result.reason);
    expect(result.dropped).toEqual([{ key: "b", reason: "duplicate", n: 200, of: ["copy"] }]);
    expect(result.drivers.map((d) => d.key).sort()).toEqual(["a", "c", "copy"]);
    // A sum of two others is a duplicate of the pair.
    const sum = sample(200).map((r) => ({ ...r, answers: { ...r.answers, ab: (r.answers.a as number) + (r.answers.b as number) } }));
    const r2 = keyDrivers(sum, ["a", "b", "ab", "c"]);
    expect(r2.dropped).toEqual([{ key: "ab", reason: "duplicate", n: 200, of: ["a", "b"] }]);
    expect(r2.drivers?.length).toBe(3);
  });

  it("needs 10 answers per question used and says what is missing without contradicting itself", () => {
    // 25 rows, 3 questions: 30 needed, so the question answered least leaves; 2 questions need 20 ≤ 25.
    const rows = sample(25).map((r, i) => ({ ...r, answers: { ...r.answers, c: i < 22 ? r.answers.c : null } }));
    const result = keyDrivers(rows, ["a", "b", "c"]);
    expect(result.drivers?.map((d) => d.key).sort()).toEqual(["a", "b"]);
    expect(result.dropped).toEqual([{ key: "c", reason: "too_few", n: 22 }]);
    expect(result.n).toBe(25);
    expect(result.minN).toBe(20);
    expect(result.n).toBeGreaterThanOrEqual(result.minN);
  });

  it("n = 0, 1 and 3: nothing estimated, and the reason says why", () => {
    const none = keyDrivers([], ["a"]);
    expect(none.drivers).toBeNull();
    expect(none.n).toBe(0);
    const one = keyDrivers(sample(1), ["a"]);
    expect(one.drivers).toBeNull();
    // One answer is "too few", not "every answer the same".
    if (one.drivers === null) expect(one.reasonCode).toBe("too_few");
    const three = keyDrivers(sample(3), ["a", "b"]);
    expect(three.drivers).toBeNull();
    if (three.drivers === null) expect(three.reason).toMatch(/3 times; at least 10 are needed per question/);
    expect(three.dropped.map((d) => d.reason)).toEqual(["too_few", "too_few"]);
  });

  it("makes inconsistent pairwise correlations usable, and diagonalizes a symmetric matrix", () => {
    // Not positive semi-definite: three variables cannot all correlate −0.9 pairwise.
    const bad = [
      [1, -0.9, -0.9],
      [-0.9, 1, -0.9],
      [-0.9, -0.9, 1],
    ];
    expect(symmetricEigen(bad).values.some((v) => v < 0)).toBe(true);
    const fixed = nearestCorrelation(bad);
    expect(symmetricEigen(fixed).values.every((v) => v > -1e-9)).toBe(true);
    fixed.forEach((row, i) => expect(row[i]).toBeCloseTo(1, 12));
    const e = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect([...e.values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
  });
});
