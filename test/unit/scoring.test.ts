import { describe, expect, it } from "vitest";
import { classifyNps, npsFromCounts } from "../../server/domain/nps";
import { csatScore, likertIndex, summarizeScores, valueRatio } from "../../server/domain/value-model";

describe("NPS", () => {
  it("classifies 9–10 as promoters, 7–8 as passives, 0–6 as detractors", () => {
    expect([0, 6, 7, 8, 9, 10].map(classifyNps)).toEqual(["detractor", "detractor", "passive", "passive", "promoter", "promoter"]);
  });

  it("is % promoters − % detractors: 5 promoters, 3 passives, 2 detractors → 30", () => {
    expect(npsFromCounts({ promoters: 5, passives: 3, detractors: 2 }).score).toBe(30);
  });

  it("gives the 95% margin of error from the sample variance: ±51.0 for 5/3/2", () => {
    // Each answer is +1/0/−1: variance = (0.5 + 0.2 − 0.3²) × 10/9 = 0.6778; 1.96 × √(0.6778/10) × 100 = 51.0
    expect(npsFromCounts({ promoters: 5, passives: 3, detractors: 2 }).marginOfError).toBe(51);
  });

  it("narrows the margin as answers grow: 500/300/200 → ±4.8", () => {
    // variance = 0.61 × 1000/999; 1.96 × √(0.6106/1000) × 100 = 4.84
    const nps = npsFromCounts({ promoters: 500, passives: 300, detractors: 200 });
    expect(nps.score).toBe(30);
    expect(nps.marginOfError).toBe(4.8);
  });

  it("has no score and no margin without answers", () => {
    expect(npsFromCounts({ promoters: 0, passives: 0, detractors: 0 })).toEqual({
      promoters: 0,
      passives: 0,
      detractors: 0,
      responses: 0,
      score: null,
      marginOfError: null,
      interval: null,
    });
  });

  it("scores a single answer but gives no margin of error for it", () => {
    expect(npsFromCounts({ promoters: 0, passives: 0, detractors: 1 })).toMatchObject({ score: -100, marginOfError: null, responses: 1 });
  });

  it("has a zero margin when every answer agrees", () => {
    expect(npsFromCounts({ promoters: 4, passives: 0, detractors: 0 })).toMatchObject({ score: 100, marginOfError: 0 });
  });
});

describe("CSAT", () => {
  it("is the % of answers that are 4 or 5", () => {
    expect(csatScore(2, 4)).toBe(50);
    expect(csatScore(2, 3)).toBe(66.7);
  });
  it("is null without answers", () => expect(csatScore(0, 0)).toBeNull());
});

describe("benefit and cost indexes", () => {
  it("maps 1–5 answers onto 0–100: all 1s → 0, all 3s → 50, all 5s → 100", () => {
    expect(likertIndex({ sum: 3, count: 3 })).toBe(0);
    expect(likertIndex({ sum: 9, count: 3 })).toBe(50);
    expect(likertIndex({ sum: 15, count: 3 })).toBe(100);
  });
  it("averages: answers 4, 5, 3 → mean 4 → 75", () => expect(likertIndex({ sum: 12, count: 3 })).toBe(75));
  it("is null without answers", () => expect(likertIndex({ sum: 0, count: 0 })).toBeNull());
});

describe("value ratio", () => {
  it("is mean benefit ÷ mean cost on the 1–5 scale, each type weighing the same", () => {
    // functional mean 5, social mean 3 → benefit 4; money mean 2 → cost 2
    expect(valueRatio([{ sum: 10, count: 2 }, { sum: 3, count: 1 }], [{ sum: 4, count: 2 }])).toBe(2);
  });
  it("is below 1 when costs outweigh benefits", () => {
    expect(valueRatio([{ sum: 2, count: 1 }], [{ sum: 4, count: 1 }])).toBe(0.5);
  });
  it("leaves unanswered types out and is null when either side has no answer", () => {
    expect(valueRatio([{ sum: 4, count: 1 }, { sum: 0, count: 0 }], [{ sum: 4, count: 1 }])).toBe(1);
    expect(valueRatio([{ sum: 4, count: 1 }], [{ sum: 0, count: 0 }])).toBeNull();
  });
});

describe("score summary", () => {
  it("puts NPS, CSAT, per-type indexes and the ratio together", () => {
    const none = { sum: 0, count: 0 };
    const s = summarizeScores({
      nps: { promoters: 1, passives: 0, detractors: 1 },
      csat: { satisfied: 1, responses: 2 },
      benefits: { functional: { sum: 5, count: 1 }, social: none, emotional: none, monetary: { sum: 3, count: 1 } },
      costs: { money: { sum: 2, count: 1 }, time: none, effort: none, risk: none },
    });
    expect(s).toEqual({
      // Adjusted Wald, m = 5: p = d = 1.75/5 = .35 → 0 ± 1.96·√(.7/5) = ±73.3
      nps: { promoters: 1, passives: 0, detractors: 1, responses: 2, score: 0, marginOfError: expect.any(Number), interval: { low: -73.3, high: 73.3 } },
      // Wilson, 1 of 2: centre .5, half 1.96·√(.25/2 + 1.96²/16) / (1 + 1.96²/2) = .4055 → 9.5…90.5
      csat: { score: 50, responses: 2, interval: { low: 9.5, high: 90.5 } },
      value: { functional: 100, social: null, emotional: null, monetary: 50 },
      costs: { money: 25, time: null, effort: null, risk: null },
      ratio: 2,
      // Without the answers' spread (pairwise sums), the indexes, ratio and net value come without intervals.
      valueIndexes: {
        functional: { index: 100, responses: 1, interval: null },
        social: { index: null, responses: 0, interval: null },
        emotional: { index: null, responses: 0, interval: null },
        monetary: { index: 50, responses: 1, interval: null },
      },
      costIndexes: { money: { index: 25, responses: 1, interval: null }, time: { index: null, responses: 0, interval: null }, effort: { index: null, responses: 0, interval: null }, risk: { index: null, responses: 0, interval: null } },
      valueRatio: { ratio: 2, responses: 1, interval: null },
      // (5 + 3)/2 = 4 against 2: 2 scale points = 50 index points.
      netValue: { value: 50, responses: 1, interval: null },
    });
  });
});
