import { describe, expect, it } from "vitest";
import { commentThemes, differenceInterval, phrases } from "../../server/domain/comment-themes";
import { invert, keyDrivers, t975 } from "../../server/domain/key-drivers";
import { expectationShares, npsDifference, revenueAtRisk, revenueWeightedNps } from "../../server/domain/value-analytics";
import { clvEstimate, quintiles, rfm, rfmOfTotals, tierOf, tiersStillServe } from "../../server/domain/value-tiers";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-01T00:00:00Z");

describe("RFM quintiles and tiers", () => {
  it("scores ranks into fifths, ties sharing a score", () => {
    expect(quintiles([10, 20, 30, 40, 50])).toEqual([1, 2, 3, 4, 5]);
    expect(quintiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintiles([5, 5, 5, 9])).toEqual([1, 1, 1, 4]);
  });

  it("computes recency, frequency and revenue over the last year by hand", () => {
    const history = [
      // a: 4 recent purchases, big spender
      ...[2, 10, 40, 90].map((d) => ({ customerId: "a", amount: 500_000, purchasedAt: NOW - d * DAY })),
      // b: 3 purchases, last one 200 days ago
      ...[200, 250, 300].map((d) => ({ customerId: "b", amount: 400_000, purchasedAt: NOW - d * DAY })),
      // c: one purchase 5 days ago (new)
      { customerId: "c", amount: 100_000, purchasedAt: NOW - 5 * DAY },
      // d: two small purchases mid-year
      ...[60, 120].map((d) => ({ customerId: "d", amount: 50_000, purchasedAt: NOW - d * DAY })),
      // e: one purchase 300 days ago, plus one older than the window (ignored)
      { customerId: "e", amount: 80_000, purchasedAt: NOW - 300 * DAY },
      { customerId: "e", amount: 9_000_000, purchasedAt: NOW - 400 * DAY },
    ];
    const byId = Object.fromEntries(rfm(history, NOW).map((c) => [c.customerId, c]));
    expect(byId.a).toMatchObject({ recencyDays: 2, frequency: 4, monetary: 2_000_000, r: 5, f: 5, m: 5 });
    expect(byId.b).toMatchObject({ recencyDays: 200, frequency: 3, monetary: 1_200_000, r: 2, f: 4, m: 4 });
    expect(byId.c).toMatchObject({ recencyDays: 5, frequency: 1, monetary: 100_000, r: 4, f: 1, m: 2 });
    expect(byId.d).toMatchObject({ recencyDays: 60, frequency: 2, monetary: 100_000, r: 3, f: 3, m: 2 });
    expect(byId.e).toMatchObject({ recencyDays: 300, frequency: 1, monetary: 80_000, r: 1, f: 1, m: 1 });
    expect(tierOf(byId.a, NOW)).toBe("top");
    expect(tierOf(byId.b, NOW)).toBe("at_risk");
    expect(tierOf(byId.c, NOW)).toBe("new");
    expect(tierOf(byId.d, NOW)).toBe("loyal");
    expect(tierOf(byId.e, NOW)).toBe("occasional");
    expect(clvEstimate(byId.a)).toBe(6_000_000);
    // Summed per customer first (as the database does), the same RFM.
    const t = (customerId: string, lastDays: number, firstDays: number, count: number, revenue: number) => ({ customerId, last: NOW - lastDays * DAY, first: NOW - firstDays * DAY, count, revenue });
    const totals = [t("a", 2, 90, 4, 2_000_000), t("b", 200, 300, 3, 1_200_000), t("c", 5, 5, 1, 100_000), t("d", 60, 120, 2, 100_000), t("e", 300, 300, 1, 80_000)];
    expect(rfmOfTotals(totals, NOW)).toEqual(rfm(history, NOW));
  });

  it("keeps tiers until purchases change, or longer only when working them out is slow, never past a day", () => {
    const fast = { changed: true, ageMs: 1000, sinceComputedMs: 10, computeMs: 5 };
    expect(tiersStillServe({ ...fast, changed: false })).toBe(true);
    expect(tiersStillServe(fast)).toBe(false);
    const slow = { changed: true, ageMs: 1000, sinceComputedMs: 10_000, computeMs: 2_000 };
    expect(tiersStillServe(slow)).toBe(true);
    expect(tiersStillServe({ ...slow, sinceComputedMs: 40_000 })).toBe(false);
    expect(tiersStillServe({ ...slow, changed: false, ageMs: DAY })).toBe(false);
  });
});

describe("key drivers (standardized regression)", () => {
  // A deterministic spread of answers 1–5 for two questions that are not perfectly correlated.
  const xs = Array.from({ length: 60 }, (_, i) => ({ f: 1 + (i % 5), m: 1 + ((i * 3 + Math.floor(i / 5)) % 5) }));

  it("finds the one question an exact NPS answer depends on, with a zero-width band", () => {
    const rows = xs.map(({ f, m }) => ({ score: 2 * f, answers: { benefit_functional: f, benefit_monetary: m } }));
    const result = keyDrivers(rows, ["benefit_functional", "benefit_monetary"]);
    if (!result.drivers) throw new Error(result.reason);
    expect(result.n).toBe(60);
    expect(result.drivers[0].key).toBe("benefit_functional");
    expect(result.drivers[0].beta).toBeCloseTo(1, 6);
    expect(result.drivers[1].beta).toBeCloseTo(0, 6);
    expect(result.drivers[0].high - result.drivers[0].low).toBeCloseTo(0, 6);
  });

  it("matches the two-predictor closed form β₁ = (r_y1 − r_y2·r_12) / (1 − r_12²)", () => {
    const rows = xs.map(({ f, m }, i) => ({ score: Math.min(10, Math.max(0, f + 0.5 * m + ((i * 7) % 3) - 1)), answers: { f, m } }));
    const corr = (a: number[], b: number[]) => {
      const ma = a.reduce((s, v) => s + v, 0) / a.length;
      const mb = b.reduce((s, v) => s + v, 0) / b.length;
      const cov = a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0);
      return cov / Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0));
    };
    const y = rows.map((r) => r.score);
    const f = rows.map((r) => r.answers.f);
    const m = rows.map((r) => r.answers.m);
    const [ry1, ry2, r12] = [corr(y, f), corr(y, m), corr(f, m)];
    const result = keyDrivers(rows, ["f", "m"]);
    if (!result.drivers) throw new Error(result.reason);
    const byKey = Object.fromEntries(result.drivers.map((d) => [d.key, d]));
    expect(byKey.f.beta).toBeCloseTo((ry1 - ry2 * r12) / (1 - r12 ** 2), 9);
    expect(byKey.m.beta).toBeCloseTo((ry2 - ry1 * r12) / (1 - r12 ** 2), 9);
    expect(byKey.f.r).toBeCloseTo(ry1, 9);
    expect(byKey.f.low).toBeLessThan(byKey.f.beta);
    expect(byKey.f.high).toBeGreaterThan(byKey.f.beta);
  });

  it("shows nothing below the minimum number of complete answers", () => {
    const rows = xs.slice(0, 20).map(({ f }) => ({ score: f, answers: { f } }));
    expect(keyDrivers(rows, ["f"]).drivers).toBeNull();
  });

  it("inverts a matrix and knows the t quantile", () => {
    expect(invert([[2, 0], [0, 4]])).toEqual([[0.5, 0], [0, 0.25]]);
    expect(invert([[1, 1], [1, 1]])).toBeNull();
    expect(t975(10)).toBeCloseTo(2.228, 2);
    expect(t975(30)).toBeCloseTo(2.042, 2);
  });
});

describe("NPS significance, revenue weighting, expectation gaps", () => {
  it("tests two NPS values with the adjusted-Wald (Agresti–Caffo) variance", () => {
    // Each side gets ¾ promoter, ¾ detractor and 1½ passive pseudo-answers (m = n + 3):
    // a: p = 50.75/103, d = 20.75/103 → centre .29126, variance (p + d − centre²)/m
    // b: p = 30.75/103, d = 40.75/103 → centre −.09709
    const side = (P: number, D: number) => {
      const p = (P + 0.75) / 103;
      const d = (D + 0.75) / 103;
      return { centre: p - d, variance: (p + d - (p - d) ** 2) / 103 };
    };
    const a = side(50, 20);
    const b = side(30, 40);
    const se = Math.sqrt(a.variance + b.variance);
    const r = npsDifference({ promoters: 50, passives: 30, detractors: 20 }, { promoters: 30, passives: 30, detractors: 40 })!;
    expect(r.difference).toBe(40);
    expect(r.standardError).toBeCloseTo(se * 100, 1);
    expect(r.z).toBeCloseTo((a.centre - b.centre) / se, 2);
    expect(r.significant).toBe(true);
    expect(npsDifference({ promoters: 5, passives: 3, detractors: 2 }, { promoters: 4, passives: 3, detractors: 3 })!.significant).toBe(false);
  });

  it("weights NPS by revenue and lists the revenue at risk", () => {
    expect(revenueWeightedNps([{ score: 10, revenue: 300 }, { score: 0, revenue: 100 }, { score: 8, revenue: 100 }])).toBe(40);
    const risk = revenueAtRisk([
      { customerId: "a", latestScore: 3, revenue12m: 100 },
      { customerId: "b", latestScore: 9, revenue12m: 900 },
      { customerId: "c", latestScore: 6, revenue12m: 400 },
    ]);
    expect(risk.total).toBe(500);
    expect(risk.customers.map((c) => c.customerId)).toEqual(["c", "a"]);
  });

  it("shares worse / as expected / better, ignoring blanks", () => {
    expect(expectationShares(["worse", "better", "better", "as_expected", null, "nonsense"])).toEqual({ n: 4, worse: 25, as_expected: 25, better: 50 });
  });
});

describe("comment themes in English and Vietnamese", () => {
  it("keeps tone marks, stops phrases at punctuation, and keeps a negated word with its negator", () => {
    expect(phrases("Giao hàng chậm").phrases).toEqual(["giao", "giao hàng", "hàng", "hàng chậm", "chậm"]);
    // giá (price) and giả (fake) are different words.
    expect(phrases("Hàng giả").phrases).toContain("hàng giả");
    expect(phrases("Hàng giả").phrases).not.toContain("giá");
    // No phrase runs across the comma; "không thích" is never read as "thích".
    const p = phrases("Không thích, màu đẹp").phrases;
    expect(p).toContain("không thích");
    expect(p).not.toContain("thích");
    expect(p).not.toContain("thích màu");
    expect(phrases("I don't like the colour").phrases).toEqual(expect.arrayContaining(["don't like", "colour"]));
    expect(phrases("I don't like the colour").phrases).not.toContain("like");
  });

  it("matches every lexicon entry, stop words and all", () => {
    const lexicon = { "không có bảo hành": "cost_risk", "on time": "cost_time" } as const;
    expect(phrases("Shop không có bảo hành.", { lexicon }).phrases).toContain("không có bảo hành");
    expect(phrases("It came on time", { lexicon }).phrases).toContain("on time");
  });

  it("counts a comment typed without marks with the marked phrase it folds to, and maps phrases to value types", () => {
    const themes = commentThemes([
      { id: "1", score: 2, comment: "Giao hàng chậm quá", locale: "vi" },
      { id: "2", score: 3, comment: "giao hang cham, gia dat", locale: "vi" },
      { id: "3", score: 10, comment: "Chất lượng tốt, giao hàng nhanh", locale: "vi" },
      { id: "4", score: 9, comment: "chat luong tot", locale: "vi" },
    ]);
    const byPhrase = Object.fromEntries(themes.map((t) => [t.phrase, t]));
    expect(byPhrase["hàng chậm"]).toMatchObject({ detractors: 2, promoters: 0, lift: 100, target: "cost_time", commentIds: ["1", "2"] });
    expect(byPhrase["chất lượng"]).toMatchObject({ detractors: 0, promoters: 2, lift: -100, target: "benefit_functional" });
    expect(byPhrase["giao hàng"]).toMatchObject({ detractors: 2, promoters: 1, lift: 50, target: "cost_time" });
    // Raw fragments the same comments already explain are left out.
    expect(byPhrase["lượng tốt"]).toBeUndefined();
    expect(byPhrase["chậm"]).toBeUndefined();
  });

  it("computes the lift's interval as Newcombe (1998) does, method 10 (his Table II)", () => {
    const at = (a: number, n: number, b: number, m: number) => {
      const d = differenceInterval(a, n, b, m);
      return [Math.round(d.low * 1e4) / 1e4, Math.round(d.high * 1e4) / 1e4];
    };
    expect(at(56, 70, 48, 80)).toEqual([0.0524, 0.3339]);
    expect(at(9, 10, 3, 10)).toEqual([0.1705, 0.809]);
    expect(at(5, 56, 0, 29)).toEqual([-0.0381, 0.1926]);
    expect(at(0, 10, 0, 20)).toEqual([-0.1611, 0.2775]);
    expect(at(10, 10, 0, 20)).toEqual([0.6791, 1]);
  });

  it("ranks a phrase 2 comments use below one 40 comments use with a smaller lift", () => {
    const comments = [
      ...Array.from({ length: 60 }, (_, i) => ({ id: `d${i}`, score: 2, comment: i < 40 ? "Delivery was late" : i < 42 ? "zipper jammed" : "meh" })),
      ...Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, score: 10, comment: i < 10 ? "Delivery was late but fine" : "great" })),
    ];
    const ranked = commentThemes(comments, { minCount: 2 }).map((t) => t.phrase);
    expect(ranked.indexOf("late")).toBeGreaterThanOrEqual(0);
    expect(ranked.indexOf("late")).toBeLessThan(ranked.indexOf("zipper jammed"));
    const zipper = commentThemes(comments).find((t) => t.phrase === "zipper jammed")!;
    expect(zipper.lift).toBeGreaterThan(0);
    expect(zipper.liftInterval.low).toBeLessThan(3); // 2 of 60: hardly surer than no difference
  });
});
