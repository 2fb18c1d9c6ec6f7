// What a batch of new and changed answers does to the dashboard's rollup rows, computed in JS.
import { describe, expect, it } from "vitest";
import { rollupDeltas, type RollupSource } from "../../server/services/score-rollups";

const NOV_30_2026_23H = Date.UTC(2026, 10, 30, 23, 0);
const response = (over: Partial<RollupSource> = {}): RollupSource => ({
  answered_at: NOV_30_2026_23H,
  template_id: "t1",
  channel: "web",
  locale: "vi",
  category: null,
  score: 3,
  csat: null,
  ...over,
});

/** Measures in rollup column order: responses, promoters, passives, detractors, csat responses, csat satisfied, … */
const measures = (amounts: number[]) => ({ responses: amounts[0], promoters: amounts[1], passives: amounts[2], detractors: amounts[3], csat: amounts[4], satisfied: amounts[5] });

describe("rollup deltas", () => {
  it("puts a new answer in 12 rows — 6 segment combinations × day and month — keyed by its UTC day and month", () => {
    const rows = rollupDeltas([{ before: null, after: response({ csat: 4 }) }], 0);
    expect(rows).toHaveLength(12);
    const day = Date.UTC(2026, 10, 30);
    const month = Date.UTC(2026, 10, 1);
    expect(rows.map((r) => r.key[2]).sort()).toEqual([...Array(6).fill(month), ...Array(6).fill(day)].sort());
    // The detail row names every segment, a missing category as "-"; the grand total names none.
    expect(rows.map((r) => r.key.slice(0, 2).concat(r.key.slice(3)))).toContainEqual([0, "d", "t1", "web", "vi", "-"]);
    expect(rows.map((r) => r.key.slice(0, 2).concat(r.key.slice(3)))).toContainEqual([1, "m", "", "", "", ""]);
    for (const r of rows) expect(measures(r.amounts)).toEqual({ responses: 1, promoters: 0, passives: 0, detractors: 1, csat: 1, satisfied: 1 });
  });

  it("moves a changed answer between bands without counting the response twice, and leaves out rows that do not change", () => {
    const before = response({ score: 3 });
    const rows = rollupDeltas([
      { before, after: { ...before, score: 10 } },
      // A comment-only change moves no count.
      { before: response({ template_id: "t2" }), after: response({ template_id: "t2", comment: "edited" }) },
    ], 0);
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(measures(r.amounts)).toEqual({ responses: 0, promoters: 1, passives: 0, detractors: -1, csat: 0, satisfied: 0 });
  });

  it("sums answers of one segment and day into the same rows, and keeps other days and segments apart", () => {
    const rows = rollupDeltas([
      { before: null, after: response({ score: 9 }) },
      { before: null, after: response({ score: 7 }) },
      { before: null, after: response({ score: 8, answered_at: NOV_30_2026_23H + 2 * 3_600_000 }) }, // 1 December
      { before: null, after: response({ score: 9, channel: null }) },
    ], 0);
    const total = (grain: string, bucket: number) => measures(rows.find((r) => r.key[0] === 1 && r.key[1] === grain && r.key[2] === bucket)!.amounts);
    expect(total("d", Date.UTC(2026, 10, 30))).toMatchObject({ responses: 3, promoters: 2, passives: 1 });
    expect(total("d", Date.UTC(2026, 11, 1))).toMatchObject({ responses: 1, passives: 1 });
    expect(total("m", Date.UTC(2026, 10, 1))).toMatchObject({ responses: 3 });
    const channels = rows.filter((r) => r.key[0] === 3 && r.key[1] === "d" && r.key[2] === Date.UTC(2026, 10, 30)).map((r) => [r.key[4], r.amounts[0]]);
    expect(channels.sort()).toEqual([["-", 1], ["web", 2]]);
  });
});
