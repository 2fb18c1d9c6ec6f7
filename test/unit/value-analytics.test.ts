import { describe, expect, it } from "vitest";
import { commentThemes, differenceInterval, phrases } from "../../server/domain/comment-themes";
import { expectationShares, npsDifference, revenueAtRisk, revenueWeightedNps } from "../../server/domain/value-analytics";

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
