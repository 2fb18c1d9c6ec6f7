import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillResponses } from "../../bench/lib/generate-responses";
import { COST_KINDS, VALUE_TYPES } from "../../server/domain/template-content";
import { summarizeScores, type ScoreTotals } from "../../server/domain/value-model";
import { driverSums } from "../../server/domain/key-drivers";
import { VALUE_ANSWER_KEYS } from "../../server/domain/vocabulary";
import { buildAnswerRollups, rebuildRollups, type Dimension } from "../../server/services/score-rollups";
import { scoreBreakdown, scoreSummary, scoreTrend, type ScoreFilter } from "../../server/services/scores";
import { makeApp, type TestApp } from "../helpers";
import { DAY_MS as DAY } from "../../server/domain/time";

// A year of generated responses: every read from the rollups must equal the same numbers counted here, in JS, from the rows.
const END = Date.parse("2026-11-01T00:00:00Z");
type Row = { templateId: string; channel: string; locale: string; category: string; answeredAt: number } & Record<string, number | null | string>;

let t: TestApp;
let rows: Row[];
let template: string;

beforeAll(async () => {
  t = await makeApp();
  await fillResponses(t.client, { n: 3000, endAt: END, seed: 7 });
  await rebuildRollups(t.db);
  await buildAnswerRollups(t.deps);
  const rs = await t.client.execute(
    "select template_id, coalesce(channel, '-') channel, locale, coalesce(category, '-') category, answered_at, score, csat, benefit_functional, benefit_social, benefit_emotional, benefit_monetary, cost_money, cost_time, cost_effort, cost_risk from responses",
  );
  rows = rs.rows.map((r) => ({ ...(r as unknown as Row), templateId: String(r.template_id), answeredAt: Number(r.answered_at) }));
  template = rows[rows.length - 1].templateId;
}, 60_000);
afterAll(() => t.close());

const COLUMN: Record<Dimension, keyof Row> = { template: "templateId", channel: "channel", locale: "locale", category: "category" };

function matches(r: Row, f: ScoreFilter) {
  if (f.from !== undefined && r.answeredAt < f.from) return false;
  if (f.to !== undefined && r.answeredAt >= f.to) return false;
  return (Object.keys(COLUMN) as Dimension[]).every((d) => f[d] === undefined || r[COLUMN[d]] === f[d]);
}

/** The totals of `list`; with `spread` (what the summary reads; trends and breakdowns do not) its pairwise sums. */
function totalsOf(list: Row[], spread = true): ScoreTotals {
  const likert = (col: string) => {
    const v = list.map((r) => r[col]).filter((x): x is number => x !== null);
    return { sum: v.reduce((a, b) => a + b, 0), count: v.length };
  };
  const scores = list.map((r) => r.score).filter((x): x is number => x !== null);
  const csat = list.map((r) => r.csat).filter((x): x is number => x !== null);
  return {
    nps: { promoters: scores.filter((s) => s >= 9).length, passives: scores.filter((s) => s === 7 || s === 8).length, detractors: scores.filter((s) => s <= 6).length },
    csat: { satisfied: csat.filter((c) => c >= 4).length, responses: csat.length },
    benefits: Object.fromEntries(VALUE_TYPES.map((v) => [v, likert(`benefit_${v}`)])) as ScoreTotals["benefits"],
    costs: Object.fromEntries(COST_KINDS.map((k) => [k, likert(`cost_${k}`)])) as ScoreTotals["costs"],
    // The value answers' pairwise sums (over answers giving the NPS answer), behind the summary's intervals.
    spread: !spread ? undefined : driverSums(
      list.filter((r) => r.score !== null).map((r) => ({ score: Number(r.score), answers: Object.fromEntries(VALUE_ANSWER_KEYS.map((k) => [k, r[k] === null ? null : Number(r[k])])) })),
      [...VALUE_ANSWER_KEYS],
    ),
  };
}

const RANGES: [string, Pick<ScoreFilter, "from" | "to">][] = [
  ["all time", {}],
  ["whole days across month ends", { from: END - 75 * DAY, to: END - 10 * DAY }],
  ["instants inside days, across months", { from: END - 100 * DAY + 12_345_678, to: END - 3 * DAY - 4_321 }],
  ["open start", { to: END - 40 * DAY + 3_600_000 }],
  ["open end", { from: END - 200 * DAY - 1 }],
  ["within one day", { from: END - 5 * DAY + 3_600_000, to: END - 5 * DAY + 20 * 3_600_000 }],
];

describe("rollup reads equal counting the responses", () => {
  it("for every range with no filter, one filter, and several", async () => {
    const filters: Partial<ScoreFilter>[] = [{}, { channel: "marketplace" }, { locale: "vi" }, { category: "coffee" }, { template }, { channel: "web", locale: "en", category: "tea" }];
    for (const [name, range] of RANGES)
      for (const f of filters) {
        const filter = { ...range, ...f };
        const expected = summarizeScores(totalsOf(rows.filter((r) => matches(r, filter))));
        expect(await scoreSummary(t.db, filter), `${name} ${JSON.stringify(f)}`).toEqual(expected);
      }
    // The intervals (from the answer rollups' pairwise sums) were compared too, not nulls on both sides.
    expect((await scoreSummary(t.db, {})).netValue.interval).not.toBeNull();
  });

  it("for trends by day, week and month, and breakdowns", async () => {
    const filter = { ...RANGES[2][1], channel: "app" };
    const inRange = rows.filter((r) => matches(r, filter));
    const startOf = {
      day: (ms: number) => Math.floor(ms / DAY) * DAY,
      week: (ms: number) => Math.floor(ms / DAY) * DAY - ((Math.floor(ms / DAY) + 3) % 7) * DAY,
      month: (ms: number) => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), 1),
    };
    for (const bucket of ["day", "week", "month"] as const) {
      const groups = new Map<number, Row[]>();
      for (const r of inRange) groups.set(startOf[bucket](r.answeredAt), [...(groups.get(startOf[bucket](r.answeredAt)) ?? []), r]);
      const expected = [...groups].sort(([a], [b]) => a - b).map(([start, list]) => ({ start, responses: list.length, scores: summarizeScores(totalsOf(list, false)) }));
      expect(await scoreTrend(t.db, filter, bucket), bucket).toEqual(expected);
    }
    const byCategory = await scoreBreakdown(t.db, { ...RANGES[1][1], locale: "en" }, "category");
    const enRows = rows.filter((r) => matches(r, { ...RANGES[1][1], locale: "en" }));
    expect(byCategory.map((s) => [s.key, s.responses, s.scores])).toEqual(
      [...new Set(enRows.map((r) => r.category))].sort().map((c) => [c, enRows.filter((r) => r.category === c).length, summarizeScores(totalsOf(enRows.filter((r) => r.category === c), false))]),
    );
  });
});
