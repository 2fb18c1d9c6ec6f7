// Dashboard reads: summary, trend, breakdown and comparisons, all from the score rollups (never a scan of responses).
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { templates } from "../../db/schema";
import { csatDifference, npsDifference, plainDifference, type Difference } from "../domain/compare";
import { COST_KINDS, VALUE_TYPES, type CostKind, type ValueType } from "../domain/template-content";
import { summarizeScores, type ScoreSummary } from "../domain/value-model";
import { AppError } from "../errors";
import { answerSums, totalsBy, type Dimension, type RollupFilter } from "./score-rollups";
import { driverSumsOf } from "../domain/pair-sums";

export type ScoreFilter = RollupFilter;
export type TrendBucket = "day" | "week" | "month";

/** The summary, with the value answers' pairwise sums from the answer rollups for the intervals of indexes, ratio and net value. */
export async function scoreSummary(db: Db, filter: ScoreFilter): Promise<ScoreSummary> {
  const [[row], [answers]] = await Promise.all([totalsBy(db, filter, "none"), answerSums({ db }, filter, "none")]);
  return summarizeScores({ ...row.totals, spread: answers ? driverSumsOf(answers.columns) : undefined });
}

export type TrendPoint = { start: number; responses: number; scores: ScoreSummary };

/** One point per day, week (from Monday) or month that has answers, oldest first; they start at midnight in TIMEZONE. */
export async function scoreTrend(db: Db, filter: ScoreFilter, bucket: TrendBucket): Promise<TrendPoint[]> {
  const rows = await totalsBy(db, filter, bucket);
  return rows.map((r) => ({ start: Number(r.key), responses: r.totals.responses, scores: summarizeScores(r.totals) }));
}

export type Segment = { key: string; label: string; responses: number; scores: ScoreSummary };

/** The scores of every segment of one dimension ("-": no value, e.g. a purchase without channel). */
export async function scoreBreakdown(db: Db, filter: ScoreFilter, by: Dimension): Promise<Segment[]> {
  const rows = await totalsBy(db, filter, by);
  // Templates are known by id; people know them by name.
  const names =
    by === "template" && rows.length > 0
      ? new Map((await db.select({ id: templates.id, name: templates.name }).from(templates).where(inArray(templates.id, rows.map((r) => r.key)))).map((t) => [t.id, t.name]))
      : new Map<string, string>();
  return rows.map((r) => ({
    key: r.key,
    label: names.get(r.key) ?? (r.key === "-" ? "(none)" : r.key),
    responses: r.totals.responses,
    scores: summarizeScores(r.totals),
  }));
}

export type Side = { label: string; filter: ScoreFilter; responses: number; scores: ScoreSummary };
export type Comparison = {
  a: Side;
  b: Side;
  difference: {
    nps: Difference;
    csat: Difference;
    value: Record<ValueType, number | null>;
    costs: Record<CostKind, number | null>;
    ratio: number | null;
  };
};

type Measured = { side: Side; csat: { satisfied: number; responses: number } };

async function measure(db: Db, label: string, filter: ScoreFilter): Promise<Measured> {
  const [row] = await totalsBy(db, filter, "none");
  return { side: { label, filter, responses: row.totals.responses, scores: summarizeScores(row.totals) }, csat: row.totals.csat };
}

function compareSides(ma: Measured, mb: Measured): Comparison {
  const a = ma.side.scores;
  const b = mb.side.scores;
  return {
    a: ma.side,
    b: mb.side,
    difference: {
      nps: npsDifference(a.nps, b.nps),
      csat: csatDifference(ma.csat, mb.csat),
      value: Object.fromEntries(VALUE_TYPES.map((t) => [t, plainDifference(a.value[t], b.value[t])])) as Record<ValueType, number | null>,
      costs: Object.fromEntries(COST_KINDS.map((k) => [k, plainDifference(a.costs[k], b.costs[k])])) as Record<CostKind, number | null>,
      ratio: plainDifference(a.ratio, b.ratio, 2),
    },
  };
}

/** This period [from, to) against the one just before it, of the same length, with the same segment filters. */
export async function comparePeriods(db: Db, filter: ScoreFilter): Promise<Comparison> {
  if (filter.from === undefined || filter.to === undefined)
    throw new AppError("invalid_input", "Comparing with the previous period needs `from` and `to`", [{ field: "from", message: "required to compare periods" }]);
  const length = filter.to - filter.from;
  const previous = { ...filter, from: filter.from - length, to: filter.from };
  return compareSides(await measure(db, "this period", filter), await measure(db, "previous period", previous));
}

/** Segment a against segment b of one dimension, within the same period and other filters. */
export async function compareSegments(db: Db, filter: ScoreFilter, by: Dimension, a: string, b: string): Promise<Comparison> {
  return compareSides(await measure(db, a, { ...filter, [by]: a }), await measure(db, b, { ...filter, [by]: b }));
}
