// The read half of the rollups: totals for a filter and grouping from `score_rollups` (the live dashboard),
// `answer_rollups` (with the tier at answer time: the tier filter and the Analytics page) and `answer_key_rollups`,
// never a scan of the responses: whole months from month rows, whole days from day rows, and only the ends of a
// range that fall inside a day from the responses by their answered_at index.
import type { InArgs } from "@libsql/client";
import type { Db } from "../../db/client";
import { COST_KINDS, VALUE_TYPES, type CostKind, type ValueType } from "../domain/template-content";
import { dayStart, monthStart } from "../domain/time-zone";
import type { ScoreTotals } from "../domain/value-model";
import type { Tier } from "../domain/value-tiers";
import { DAY_MS } from "../domain/time";
import { ANSWER_MEASURES, ANSWER_SEGMENT_COLUMNS, COMBO_ALL, COMBO_DETAIL, DAY_START, DIM_SQL, DIMENSIONS, MEASURES, MONTH_START, rawAggregate, TIER_SQL, type Dimension, type Measure } from "./rollup-measures";
import { keyFactsSelect } from "./rollup-writes";

export type { Dimension } from "./rollup-measures";

/** What these reads need of the app's Deps (server/deps.ts, which names the long reads that call these: no import, no cycle). */
export type ReadDeps = { db: Db };

export type RollupFilter = { from?: number; to?: number } & Partial<Record<Dimension, string>> & {
  /** Only answers given in this value tier (responses.tier, the tier at answer time): read from answer_rollups. */
  tier?: Tier;
};
export type Grouping = "none" | "day" | "week" | "month" | Dimension;
export type TotalsRow = { key: string; totals: ScoreTotals & { responses: number } };

const ceilDay = (t: number, off: number) => (dayStart(t, off) === t ? t : dayStart(t, off) + DAY_MS);
const ceilMonth = (t: number, off: number) => (monthStart(t, off) === t ? t : monthStart(monthStart(t, off) + 32 * DAY_MS, off));

/** Monday 00:00 (local) of the week holding the day that starts at `dayMs` (epoch day 0 was a Thursday). */
const WEEK_START = (dayMs: string, off: number) => `(${dayMs} - (((${dayMs} + ${off}) / ${DAY_MS} + 3) % 7) * ${DAY_MS})`;

type TimeGrouping = "none" | "day" | "week" | "month" | "segment";

function timeKey(g: TimeGrouping, dayOrMonth: string, isMonthRow: boolean, off: number): string | null {
  if (g === "day") return dayOrMonth;
  if (g === "week") return WEEK_START(dayOrMonth, off);
  if (g === "month") return isMonthRow ? dayOrMonth : MONTH_START(dayOrMonth, off);
  return null;
}

/** A part of [from, to): answers read from the responses (inside a day), or rollup rows of one grain. */
type Span = { from?: number; to?: number } & ({ source: "responses"; from: number; to: number } | { source: "rollup"; grain: "d" | "m" });

/**
 * The spans that cover [from, to) exactly: whole months from month rows, whole days from day rows, and the
 * unaligned ends (only when `from`/`to` fall inside a day) from the responses. `days`: day rows only (day and week keys).
 */
function spans(from: number | undefined, to: number | undefined, days: boolean, off: number): Span[] {
  const out: Span[] = [];
  const dFrom = from === undefined ? undefined : ceilDay(from, off);
  const dTo = to === undefined ? undefined : dayStart(to, off);
  // Shorter than a day, or inside one: straight from the responses.
  if (dFrom !== undefined && dTo !== undefined && dFrom >= dTo) return [{ source: "responses", from: from!, to: to! }];
  if (from !== undefined && from < dFrom!) out.push({ source: "responses", from, to: dFrom! });
  if (to !== undefined && dTo! < to) out.push({ source: "responses", from: dTo!, to });
  if (days) return [...out, { source: "rollup", grain: "d", from: dFrom, to: dTo }];
  const mFrom = dFrom === undefined ? undefined : ceilMonth(dFrom, off);
  const mTo = dTo === undefined ? undefined : monthStart(dTo, off);
  if (mFrom !== undefined && mTo !== undefined && mFrom >= mTo) return [...out, { source: "rollup", grain: "d", from: dFrom, to: dTo }];
  out.push({ source: "rollup", grain: "m", from: mFrom, to: mTo });
  if (dFrom !== undefined && dFrom < mFrom!) out.push({ source: "rollup", grain: "d", from: dFrom, to: mFrom });
  if (dTo !== undefined && mTo! < dTo) out.push({ source: "rollup", grain: "d", from: mTo, to: dTo });
  return out;
}

type Piece = { sql: string; args: (string | number)[] };

/** The segment filters as conditions on rollup columns (`rollup`) or on the responses. */
function segmentWhere(filter: RollupFilter, side: "rollup" | "response"): Piece {
  const where: string[] = [];
  const args: (string | number)[] = [];
  for (const d of DIMENSIONS) if (filter[d] !== undefined) where.push(`${DIM_SQL[d][side]} = ?`), args.push(filter[d]!);
  if (filter.tier !== undefined) where.push(side === "rollup" ? "tier = ?" : "r.tier = ?"), args.push(filter.tier);
  return { sql: where.join(" and "), args };
}

const and = (...parts: string[]) => parts.filter(Boolean).join(" and ");

// ——— score totals (the dashboard) ———

/** Which score_rollups combo answers these filters and grouping. */
function comboFor(filter: RollupFilter, group: Grouping): number {
  const used = DIMENSIONS.filter((d) => filter[d] !== undefined || group === d);
  if (used.length === 0) return COMBO_ALL;
  if (used.length === 1) return DIM_SQL[used[0]].combo;
  return COMBO_DETAIL;
}

type Table = { name: "score_rollups" | "answer_rollups"; measures: Measure[] };

/** Summed measures per key over one span of a filter: the rollup rows of the filter, or the responses by their answered_at index. */
function piece(table: Table, filter: RollupFilter, group: Grouping | "tier", span: Span, off: number): Piece {
  const time = timeKey(group === "day" || group === "week" || group === "month" ? group : group === "none" ? "none" : "segment", span.source === "responses" ? DAY_START("r.answered_at", off) : "bucket", span.source === "rollup" && span.grain === "m", off);
  if (span.source === "responses") {
    const seg = segmentWhere(filter, "response");
    const key = time ?? (group === "none" ? "''" : group === "tier" ? TIER_SQL.response : DIM_SQL[group as Dimension].response);
    return {
      sql: `select ${key} as k, ${table.measures.map((m) => `${rawAggregate(m)} as ${m.column}`).join(", ")} from responses r where ${and("r.answered_at >= ?", "r.answered_at < ?", seg.sql)} group by 1`,
      args: [span.from, span.to, ...seg.args],
    };
  }
  const seg = segmentWhere(filter, "rollup");
  const where = table.name === "score_rollups" ? ["combo = ?", "grain = ?"] : ["grain = ?"];
  const args: (string | number)[] = table.name === "score_rollups" ? [comboFor(filter, group as Grouping), span.grain] : [span.grain];
  if (span.from !== undefined) where.push("bucket >= ?"), args.push(span.from);
  if (span.to !== undefined) where.push("bucket < ?"), args.push(span.to);
  const key = time ?? (group === "none" ? "''" : group === "tier" ? TIER_SQL.rollup : DIM_SQL[group as Dimension].rollup);
  return {
    sql: `select ${key} as k, ${table.measures.map((m) => `sum(${m.column}) as ${m.column}`).join(", ")} from ${table.name} where ${and(...where, seg.sql)} group by 1`,
    args: [...args, ...seg.args],
  };
}

/** Runs the pieces as one statement and sums their rows per key: one JSON value back (building a JS object per returned value costs more than the query). */
async function summed(db: Db, pieces: Piece[], columns: string[]): Promise<Map<string, number[]>> {
  const union = pieces.map((p) => `select * from (${p.sql})`).join(" union all ");
  const args = pieces.flatMap((p) => p.args) as InArgs;
  // A JSON array takes at most 127 values: the wide answer rollups come back as rows (a few groups, not hundreds of buckets).
  const rows =
    columns.length < 100
      ? (JSON.parse(String((await db.$client.execute({ sql: `select json_group_array(json_array(k, ${columns.join(", ")})) as j from (${union})`, args })).rows[0].j)) as (string | number | null)[][])
      : (await db.$client.execute({ sql: `select k, ${columns.join(", ")} from (${union})`, args })).rows.map((r) => Array.from({ length: columns.length + 1 }, (_, i) => r[i] as string | number | null));
  const byKey = new Map<string, number[]>();
  for (const values of rows) {
    const key = String(values[0]);
    let t = byKey.get(key);
    if (!t) byKey.set(key, (t = columns.map(() => 0)));
    for (let i = 0; i < columns.length; i++) t[i] += Number(values[i + 1] ?? 0);
  }
  return byKey;
}

function emptyTotals(): ScoreTotals & { responses: number } {
  return {
    responses: 0,
    nps: { promoters: 0, passives: 0, detractors: 0 },
    csat: { satisfied: 0, responses: 0 },
    benefits: Object.fromEntries(VALUE_TYPES.map((t) => [t, { sum: 0, count: 0 }])) as Record<ValueType, { sum: number; count: number }>,
    costs: Object.fromEntries(COST_KINDS.map((k) => [k, { sum: 0, count: 0 }])) as Record<CostKind, { sum: number; count: number }>,
  };
}

function totalsOf(r: Record<string, number>): ScoreTotals & { responses: number } {
  const t = emptyTotals();
  const n = (c: string) => r[c] ?? 0;
  t.responses = n("responses");
  t.nps = { promoters: n("promoters"), passives: n("passives"), detractors: n("detractors") };
  t.csat = { responses: n("csat_responses"), satisfied: n("csat_satisfied") };
  for (const v of VALUE_TYPES) t.benefits[v] = { sum: n(`benefit_${v}_sum`), count: n(`benefit_${v}_count`) };
  for (const k of COST_KINDS) t.costs[k] = { sum: n(`cost_${k}_sum`), count: n(`cost_${k}_count`) };
  return t;
}

const isTime = (g: string) => g === "day" || g === "week" || g === "month";

/** Rows of summed measures per key, in key order; empty groups dropped except the one row of "none". */
async function measuresBy(db: Db, table: Table, filter: RollupFilter, group: Grouping | "tier"): Promise<{ key: string; values: Record<string, number> }[]> {
  const off = db.utcOffsetMs;
  const pieces = spans(filter.from, filter.to, group === "day" || group === "week", off).map((s) => piece(table, filter, group, s, off));
  const columns = table.measures.map((m) => m.column);
  const byKey = await summed(db, pieces, columns);
  if (group === "none" && byKey.size === 0) byKey.set("", columns.map(() => 0));
  const rows = [...byKey].map(([key, v]) => ({ key, values: Object.fromEntries(columns.map((c, i) => [c, v[i]])) }));
  // Rollup rows of a bucket whose answers all changed away keep zero counts: drop empty segments and buckets.
  const kept = group === "none" ? rows : rows.filter((r) => r.values.responses > 0);
  return kept.sort((a, b) => (isTime(group) ? Number(a.key) - Number(b.key) : a.key.localeCompare(b.key)));
}

const SCORES: Table = { name: "score_rollups", measures: MEASURES };
const ANSWERS: Table = { name: "answer_rollups", measures: ANSWER_MEASURES };

/**
 * Score totals for the filter, grouped by time bucket or segment (key: bucket start in epoch ms as
 * text, or the segment value), in key order; "none" gives one row with key "". Buckets start at local midnights
 * (db.utcOffsetMs). A tier filter reads answer_rollups, whose segments include the tier at answer time.
 */
export async function totalsBy(db: Db, filter: RollupFilter, group: Grouping): Promise<TotalsRow[]> {
  const rows = await measuresBy(db, filter.tier ? { name: "answer_rollups", measures: MEASURES } : SCORES, filter, group);
  return rows.map((r) => ({ key: r.key, totals: totalsOf(r.values) }));
}

// ——— answer sums (the Analytics page) ———

export type AnswerGrouping = "none" | "month" | Dimension | "tier";
/** Counts, score totals and the pair sums of key drivers (columns of answer_rollups), per group. */
export type AnswerSums = { key: string; totals: ScoreTotals & { responses: number }; columns: Record<string, number> };

/** The answer rollups' sums for a filter, per group ("none": one row with key ""; "-": no value). */
export async function answerSums(deps: ReadDeps, filter: RollupFilter, group: AnswerGrouping): Promise<AnswerSums[]> {
  const rows = await measuresBy(deps.db, ANSWERS, filter, group);
  return rows.map((r) => ({ key: r.key, totals: totalsOf(r.values), columns: r.values }));
}

/** Counts (`n`) and sums per key of answer_key_rollups whose key starts with `prefix`, per month (local month start as text) or in all ("" key). */
export async function keySums(deps: ReadDeps, filter: RollupFilter, prefix: string, group: "none" | "month" | "template"): Promise<{ group: string; key: string; n: number; sum: number }[]> {
  const { db } = deps;
  const off = db.utcOffsetMs;
  const pieces = spans(filter.from, filter.to, false, off).map((span): Piece => {
    if (span.source === "responses") {
      const seg = segmentWhere(filter, "response");
      const facts = keyFactsSelect(and("r.answered_at >= ?", "r.answered_at < ?", seg.sql), off);
      const g = group === "month" ? MONTH_START("day", off) : group === "template" ? "template_id" : "''";
      return { sql: `${facts.with} select ${g} || '|' || key as k, sum(n) as n, sum(sum) as s from f where key glob ? group by 1`, args: [span.from, span.to, ...seg.args, `${prefix}*`] };
    }
    const seg = segmentWhere(filter, "rollup");
    const where = ["grain = ?"];
    const args: (string | number)[] = [span.grain];
    if (span.from !== undefined) where.push("bucket >= ?"), args.push(span.from);
    if (span.to !== undefined) where.push("bucket < ?"), args.push(span.to);
    const g = group === "month" ? (span.grain === "m" ? "bucket" : MONTH_START("bucket", off)) : group === "template" ? "template_id" : "''";
    return { sql: `select ${g} || '|' || key as k, sum(n) as n, sum(sum) as s from answer_key_rollups where ${and(...where, seg.sql, "key glob ?")} group by 1`, args: [...args, ...seg.args, `${prefix}*`] };
  });
  const byKey = await summed(db, pieces, ["n", "s"]);
  return [...byKey]
    .filter(([, [n]]) => n !== 0)
    .map(([k, [n, sum]]) => {
      const [g, key] = k.split("|");
      return { group: g, key, n, sum };
    })
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export { ANSWER_SEGMENT_COLUMNS };
