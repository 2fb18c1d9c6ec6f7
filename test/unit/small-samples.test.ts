// Intervals that behave at small n, the minimum-n flag, and Holm's correction: each checked against values worked out by hand.
import { describe, expect, it } from "vitest";
import { markLowSamples } from "../../server/domain/low-sample";
import { announcedRandom } from "../seeded-random";
import { holmAdjust, normalCdf, npsDifferenceTest, npsFromCounts, npsInterval, proportionInterval } from "../../server/domain/nps";

describe("NPS interval (adjusted Wald, Rocks 2016)", () => {
  it("is not ±0 for three promoters", () => {
    // m = 6, p = 3.75/6 = .625, d = .75/6 = .125, centre .5, √((.75 − .25)/6) = .2887 → .5 ± .5658
    expect(npsFromCounts({ promoters: 3, passives: 0, detractors: 0 })).toMatchObject({ score: 100, marginOfError: 0, interval: { low: -6.6, high: 100 } });
  });

  it("is null without answers and defined for one", () => {
    expect(npsInterval({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
    // m = 4: p = .4375, d = .1875, centre .25, √((.625 − .0625)/4) = .375 → .25 ± .735
    expect(npsInterval({ promoters: 1, passives: 0, detractors: 0 })).toEqual({ low: -48.5, high: 98.5 });
  });

  it("covers the true NPS about 95 % of the time at n = 10, where the plain margin does not", () => {
    const random = announcedRandom("NPS interval coverage", 20261202);
    const truth = { p: 0.6, d: 0.1 }; // NPS 50
    let adjusted = 0;
    let plain = 0;
    const runs = 4000;
    for (let i = 0; i < runs; i++) {
      const c = { promoters: 0, passives: 0, detractors: 0 };
      for (let j = 0; j < 10; j++) {
        const u = random();
        if (u < truth.p) c.promoters++;
        else if (u < truth.p + truth.d) c.detractors++;
        else c.passives++;
      }
      const nps = npsFromCounts(c);
      if (nps.interval!.low <= 50 && 50 <= nps.interval!.high) adjusted++;
      if (Math.abs(nps.score! - 50) <= nps.marginOfError!) plain++;
    }
    expect(adjusted / runs).toBeGreaterThan(0.93);
    expect(plain / runs).toBeLessThan(0.93);
  });
});

describe("CSAT interval (Wilson)", () => {
  it("matches the published Wilson interval for 9 of 10: .596 to .982", () => {
    expect(proportionInterval(9, 10)).toEqual({ low: 59.6, high: 98.2 });
    expect(proportionInterval(0, 0)).toBeNull();
  });
});

describe("NPS difference test", () => {
  it("does not find 3 promoters 'significantly' above a large group", () => {
    const test = npsDifferenceTest({ promoters: 3, passives: 0, detractors: 0 }, { promoters: 40, passives: 30, detractors: 30 });
    expect(test!.difference).toBeCloseTo(90);
    expect(Math.abs(test!.z)).toBeLessThan(1.96);
  });

  it("gives the two-sided p-value of z", () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });
});

describe("Holm's correction", () => {
  it("adjusts p-values step-down, in the input's order", () => {
    // sorted .005·4 = .02, .01·3 = .03, .03·2 = .06, .04·1 = .04 → kept monotone: .06
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 10));
  });
});

describe("too few answers", () => {
  it("flags every figure counted from fewer answers than the minimum, and only those", () => {
    const marked = markLowSamples({ nps: { responses: 6 }, csat: { responses: 30 }, points: [{ responses: 29, scores: { nps: { responses: 29 } } }], label: "x" }, 30);
    expect(marked).toEqual({ nps: { responses: 6, lowSample: true }, csat: { responses: 30, lowSample: false }, points: [{ responses: 29, lowSample: true, scores: { nps: { responses: 29, lowSample: true } } }], label: "x" });
  });
});
