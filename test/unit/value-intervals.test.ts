// Index intervals, net value and the value ratio's interval (issue 21.5), each from sums, checked against values
// computed here another way: t quantiles by integrating Student's density, and — when every response answers every
// question — net value's and the ratio's spread from each response's own benefit and cost means.
import { describe, expect, it } from "vitest";
import { driverSums } from "../../server/domain/key-drivers";
import { indexFigure, netValue, ratioFigure, summarizeScores, tQuantile975, valueRatio, type ScoreTotals } from "../../server/domain/value-model";
import { COST_KINDS, VALUE_ANSWER_KEYS, VALUE_TYPES } from "../../server/domain/vocabulary";
import { announcedRandom } from "../seeded-random";

/** P(T ≤ t) for Student's t with `df` degrees of freedom, by Simpson's rule on the density (independent of the table). */
function tCdf(t: number, df: number): number {
  const lgamma = (x: number): number => {
    // Lanczos (g = 7): enough digits for a density check.
    const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
    if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
    x -= 1;
    let a = c[0];
    const tt = x + 7.5;
    for (let i = 1; i < 9; i++) a += c[i] / (x + i);
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(tt) - tt + Math.log(a);
  };
  const k = Math.exp(lgamma((df + 1) / 2) - lgamma(df / 2)) / Math.sqrt(df * Math.PI);
  const f = (x: number) => k * (1 + (x * x) / df) ** (-(df + 1) / 2);
  const steps = 20000;
  const h = t / steps;
  let s = f(0) + f(t);
  for (let i = 1; i < steps; i++) s += f(i * h) * (i % 2 ? 4 : 2);
  return 0.5 + (s * h) / 3;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleVariance = (xs: number[]) => xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1);

/** Totals and spread of raw responses (keys → 1–5 or null), as the rollups would sum them. */
function totalsOf(rows: Record<string, number | null>[]): ScoreTotals {
  const total = (k: string) => {
    const xs = rows.map((r) => r[k]).filter((x): x is number => x !== null && x !== undefined);
    return { sum: xs.reduce((a, b) => a + b, 0), count: xs.length };
  };
  return {
    nps: { promoters: 0, passives: 0, detractors: 0 },
    csat: { satisfied: 0, responses: 0 },
    benefits: Object.fromEntries(VALUE_TYPES.map((t) => [t, total(`benefit_${t}`)])) as ScoreTotals["benefits"],
    costs: Object.fromEntries(COST_KINDS.map((k) => [k, total(`cost_${k}`)])) as ScoreTotals["costs"],
    spread: driverSums(rows.map((r) => ({ score: 9, answers: r })), [...VALUE_ANSWER_KEYS]),
  };
}

describe("t quantile", () => {
  it("puts 97.5 % of Student's t below it, for 1…30 (the table) and beyond (Cornish–Fisher)", () => {
    for (const df of [1, 2, 3, 5, 10, 29, 30, 31, 45, 60, 200]) expect(tCdf(tQuantile975(df), df)).toBeCloseTo(0.975, 4);
    expect(tQuantile975(0)).toBeNaN();
  });
});

describe("index interval (t interval from n, Σx, Σx²)", () => {
  it("says nothing at n = 0, gives the index without an interval at n = 1", () => {
    expect(indexFigure({ n: 0, sum: 0, sumSq: 0 })).toEqual({ index: null, responses: 0, interval: null });
    expect(indexFigure({ n: 1, sum: 4, sumSq: 16 })).toEqual({ index: 75, responses: 1, interval: null });
  });

  it("at n = 3 equals mean ± t(2)·s/√n on the 0–100 scale, worked by hand", () => {
    // Answers 3, 4, 4: mean 11/3, s² = 1/3; ± 4.302653 · √(1/9) = ± 1.434218 → 2.232449…5.100884 → 30.8…100 (clamped).
    const f = indexFigure({ n: 3, sum: 11, sumSq: 9 + 16 + 16 });
    expect(f.index).toBe(66.7);
    expect(f.interval).toEqual({ low: 30.8, high: 100 });
  });

  it("matches the textbook formula on seeded answers (seed 21)", () => {
    const rand = announcedRandom("index interval", 21);
    const xs = Array.from({ length: 57 }, () => 1 + Math.floor(rand() * 5));
    const half = tQuantile975(56) * Math.sqrt(sampleVariance(xs) / 57);
    const f = indexFigure({ n: 57, sum: xs.reduce((a, b) => a + b, 0), sumSq: xs.reduce((a, b) => a + b * b, 0) });
    expect(f.interval!.low).toBeCloseTo(((mean(xs) - half - 1) / 4) * 100, 1);
    expect(f.interval!.high).toBeCloseTo(((mean(xs) + half - 1) / 4) * 100, 1);
  });
});

describe("net value and the ratio's interval", () => {
  it("n = 0: nothing; n = 1: the value without an interval", () => {
    const none = totalsOf([]);
    expect(netValue(none)).toEqual({ value: null, responses: 0, interval: null });
    expect(ratioFigure(none)).toEqual({ ratio: null, responses: 0, interval: null });
    const one = totalsOf([{ benefit_functional: 5, cost_money: 2 }]);
    expect(netValue(one)).toEqual({ value: 75, responses: 1, interval: null });
    expect(ratioFigure(one)).toEqual({ ratio: 2.5, responses: 1, interval: null });
  });

  it("n = 3, one benefit and one cost: the paired t interval of b − c, worked by hand", () => {
    // d = b − c = 2, 1, 3: mean 2, s² = 1 → 25 · (2 ± 4.302653/√3) = 50 ± 62.1 → −12.1…100 (clamped at 100).
    const rows = [
      { benefit_functional: 4, cost_money: 2 },
      { benefit_functional: 3, cost_money: 2 },
      { benefit_functional: 5, cost_money: 2 },
    ];
    const net = netValue(totalsOf(rows));
    expect(net.value).toBe(50);
    expect(net.interval).toEqual({ low: -12.1, high: 100 });
  });

  it("n = 3: the ratio's delta-method interval, worked by hand", () => {
    // R = 4/2 = 2; b − R·c = 0, −1, 1: s² = 1, SE = √(1/3)/2 = 0.288675; ± 4.302653 · SE = ± 1.242 → 0.76…3.24.
    const rows = [
      { benefit_functional: 4, cost_money: 2 },
      { benefit_functional: 3, cost_money: 2 },
      { benefit_functional: 5, cost_money: 2 },
    ];
    expect(ratioFigure(totalsOf(rows))).toEqual({ ratio: 2, responses: 3, interval: { low: 0.76, high: 3.24 } });
  });

  it("with every question answered: net value's spread is each response's B − C, the ratio's is B − R·C (seed 7)", () => {
    const rand = announcedRandom("net value", 7);
    const rows = Array.from({ length: 64 }, () => {
      const lift = rand() * 2;
      return Object.fromEntries(VALUE_ANSWER_KEYS.map((k) => [k, Math.max(1, Math.min(5, Math.round((k.startsWith("benefit") ? 2.5 + lift : 3.5 - lift) + (rand() - 0.5) * 2)))]));
    });
    const n = rows.length;
    const b = rows.map((r) => mean(VALUE_TYPES.map((t) => r[`benefit_${t}`])));
    const c = rows.map((r) => mean(COST_KINDS.map((k) => r[`cost_${k}`])));
    const d = b.map((x, i) => x - c[i]);
    const t = tQuantile975(n - 1);

    const net = netValue(totalsOf(rows));
    expect(net.value).toBeCloseTo(mean(d) * 25, 1);
    expect(net.responses).toBe(n);
    expect(net.interval!.low).toBeCloseTo(25 * (mean(d) - t * Math.sqrt(sampleVariance(d) / n)), 1);
    expect(net.interval!.high).toBeCloseTo(25 * (mean(d) + t * Math.sqrt(sampleVariance(d) / n)), 1);

    const r = mean(b) / mean(c);
    const se = Math.sqrt(sampleVariance(b.map((x, i) => x - r * c[i])) / n) / mean(c);
    const ratio = ratioFigure(totalsOf(rows));
    expect(ratio.ratio).toBe(Math.round(r * 100) / 100);
    expect(ratio.interval!.low).toBeCloseTo(r - t * se, 2);
    expect(ratio.interval!.high).toBeCloseTo(r + t * se, 2);
  });

  it("with missing answers: centred on benefit index − cost index, the figures the page shows", () => {
    const rows = [
      { benefit_functional: 5, benefit_social: null, cost_money: 2, cost_time: 1 },
      { benefit_functional: 4, benefit_social: 3, cost_money: null, cost_time: 2 },
      { benefit_functional: 3, benefit_social: 2, cost_money: 3, cost_time: null },
      { benefit_functional: 4, benefit_social: 4, cost_money: 2, cost_time: 2 },
    ];
    const totals = totalsOf(rows);
    const summary = summarizeScores(totals);
    const benefitIndex = (summary.value.functional! + summary.value.social!) / 2;
    const costIndex = (summary.costs.money! + summary.costs.time!) / 2;
    expect(summary.netValue.value).toBeCloseTo(benefitIndex - costIndex, 0);
    expect(summary.netValue.responses).toBe(3); // the fewest answers of any question in it
    expect(summary.netValue.interval!.low).toBeLessThan(summary.netValue.value!);
    expect(summary.valueRatio.ratio).toBe(valueRatio(Object.values(totals.benefits), Object.values(totals.costs)));
    expect(summary.valueRatio.interval!.low).toBeLessThan(summary.valueRatio.ratio!);
    expect(summary.valueRatio.interval!.high).toBeGreaterThan(summary.valueRatio.ratio!);
  });

  it("without the spread (rollups that do not keep it) gives the figures without intervals", () => {
    const { spread: _, ...totals } = totalsOf([{ benefit_functional: 4, cost_money: 2 }, { benefit_functional: 5, cost_money: 1 }]);
    const summary = summarizeScores(totals);
    expect(summary.valueIndexes.functional).toEqual({ index: 87.5, responses: 2, interval: null });
    expect(summary.netValue.interval).toBeNull();
    expect(summary.valueRatio.interval).toBeNull();
  });
});
