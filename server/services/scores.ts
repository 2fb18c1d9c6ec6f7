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
import type { DriverSums } from "../domain/key-drivers";

export type ScoreFilter = RollupFilter;
export type TrendBucket = "day" | "week" | "month";

/**
 * The value answers' pairwise sums behind the intervals of indexes, ratio and net value, per filter. Reading them sums
 * some 250 columns of the answer rollups (~50 ms at 100,000 answers, against ~1 ms for the score totals), and they
 * move the intervals little from one answer to the next: they are read again when the totals changed and the last
 * read is over SPREAD_MAX_AGE_MS old, so a busy Live stream does not pay that read for every burst of answers.
 */
const SPREAD_MAX_AGE_MS = 5_000;
const SPREADS_KEPT = 64;
type KeptSpread = { totals: string; at: number; spread: DriverSums | undefined };
const spreads = new WeakMap<Db, Map<string, KeptSpread>>();

async function spreadFor(db: Db, filter: ScoreFilter, totals: unknown): Promise<DriverSums | undefined> {
  const kept = spreads.get(db) ?? spreads.set(db, new Map()).get(db)!;
  const key = JSON.stringify(filter);
  const seen = JSON.stringify(totals);
  const last = kept.get(key);
  if (last && (last.totals === seen || performance.now() - last.at < SPREAD_MAX_AGE_MS)) return last.spread;
  const [answers] = await answerSums({ db }, filter, "none");
  const spread = answers ? driverSumsOf(answers.columns) : undefined;
  kept.delete(key);
  kept.set(key, { totals: seen, at: performance.now(), spread });
  if (kept.size > SPREADS_KEPT) kept.delete(kept.keys().next().value!);
  return spread;
}

/** The summary, with the intervals of indexes, ratio and net value (from the answer rollups' pairwise sums). */
export async function scoreSummary(db: Db, filter: ScoreFilter): Promise<ScoreSummary> {
  const [row] = await totalsBy(db, filter, "none");
  return summarizeScores({ ...row.totals, spread: await spreadFor(db, filter, row.totals) });
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
    netValue: number | null;
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
      netValue: plainDifference(a.netValue.value, b.netValue.value),
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
