import { describe, expect, it } from "vitest";
import { csatDifference, npsDifference, plainDifference } from "../../server/domain/compare";
import { npsFromCounts } from "../../server/domain/nps";

describe("is a difference larger than the noise", () => {
  it("finds a large NPS gap between two big groups significant", () => {
    const a = npsFromCounts({ promoters: 80, passives: 10, detractors: 10 }); // 70
    const b = npsFromCounts({ promoters: 20, passives: 30, detractors: 50 }); // −30
    // a: p=.8 d=.1 → var = (.9 − .49)·100/99 = .41414 → moe 1.96·√(.0041414)·100 = 12.6
    // b: p=.2 d=.5 → var = (.7 − .09)·100/99 = .61616 → moe 15.4
    expect(a.marginOfError).toBe(12.6);
    expect(b.marginOfError).toBe(15.4);
    // The difference's margin uses adjusted shares (¾ promoter, ¾ detractor, 1½ passive added, m = 103):
    // a: (.88835 − .67961²)/103 = .0041406; b: (.69417 − .29126²)/103 = .0059159 → 1.96·√.0100565·100 = 19.7
    expect(npsDifference(a, b)).toEqual({ difference: 100, marginOfError: 19.7, significant: true });
  });

  it("calls a small gap noise", () => {
    const a = npsFromCounts({ promoters: 5, passives: 3, detractors: 2 }); // 30
    const b = npsFromCounts({ promoters: 4, passives: 3, detractors: 3 }); // 10
    expect(npsDifference(a, b)).toMatchObject({ difference: 20, significant: false });
  });

  it("does not call three promoters significantly better than a large group (the plain variance is 0 there)", () => {
    const three = npsFromCounts({ promoters: 3, passives: 0, detractors: 0 });
    const many = npsFromCounts({ promoters: 40, passives: 30, detractors: 30 });
    expect(npsDifference(three, many)).toMatchObject({ difference: 90, significant: false });
  });

  it("cannot tell with one answer, or none", () => {
    const one = npsFromCounts({ promoters: 1, passives: 0, detractors: 0 });
    const none = npsFromCounts({ promoters: 0, passives: 0, detractors: 0 });
    const many = npsFromCounts({ promoters: 5, passives: 5, detractors: 5 });
    expect(npsDifference(one, many)).toEqual({ difference: 100, marginOfError: null, significant: null });
    expect(npsDifference(none, many)).toEqual({ difference: null, marginOfError: null, significant: null });
  });

  it("tests CSAT as a difference of proportions", () => {
    // 90/100 vs 60/100: se = √(.9·.1/99 + .6·.4/99) = .05774 → moe 11.3
    expect(csatDifference({ satisfied: 90, responses: 100 }, { satisfied: 60, responses: 100 })).toEqual({ difference: 30, marginOfError: 11.3, significant: true });
    expect(csatDifference({ satisfied: 0, responses: 0 }, { satisfied: 1, responses: 2 }).difference).toBeNull();
  });

  it("subtracts plain numbers, null when either side is missing", () => {
    expect(plainDifference(66.7, 41.7)).toBe(25);
    expect(plainDifference(1.38, 1.2, 2)).toBe(0.18);
    expect(plainDifference(null, 3)).toBeNull();
  });
});
