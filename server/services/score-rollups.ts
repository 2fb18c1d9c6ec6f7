// Score rollups: what keeps `score_rollups` in step with `responses` (SQL, or JS when the rows are at hand), and the SQL that reads totals back from it.
import type { InArgs, InStatement } from "@libsql/client";
import type { Db } from "../../db/client";
import { COST_KINDS, VALUE_TYPES, type CostKind, type ValueType } from "../domain/template-content";
import { dayStart, monthStart } from "../domain/time-zone";
import type { ScoreTotals } from "../domain/value-model";
import type { Tier } from "../domain/value-tiers";
import { DAY_MS } from "../domain/time";

/** Segment columns a dashboard filters or breaks down by; "-" stands for a missing value. */
export const DIMENSIONS = ["template", "channel", "locale", "category"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The segment column of each dimension, in `responses` (raw) and in `score_rollups`. */
const DIM_SQL: Record<Dimension, { response: string; rollup: string; combo: number }> = {
  template: { response: "r.template_id", rollup: "template_id", combo: 2 },
  channel: { response: "coalesce(r.channel, '-')", rollup: "channel", combo: 3 },
  locale: { response: "r.locale", rollup: "locale", combo: 4 },
  category: { response: "coalesce(r.category, '-')", rollup: "category", combo: 5 },
};
/** combo 0: every segment column real; 1: none (the grand total). See db/tables/rollups.ts. */
const COMBO_DETAIL = 0;
const COMBO_ALL = 1;

/** A response's columns that rollups read, as named in `responses`. */
export type RollupSource = { answered_at: number; template_id: string; channel: string | null; locale: string; category: string | null } & Record<string, unknown>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const likert = (col: string) => [
  { column: `${col}_sum`, raw: `coalesce(r.${col}, 0)`, count: false, of: (r: RollupSource) => num(r[col]) ?? 0 },
  { column: `${col}_count`, raw: `r.${col}`, count: true, of: (r: RollupSource) => (num(r[col]) === null ? 0 : 1) },
];
const scoreIn = (r: RollupSource, lo: number, hi: number) => {
  const s = num(r.score);
  return s !== null && s >= lo && s <= hi ? 1 : 0;
};

/**
 * Each rollup column and how one response contributes to it: in SQL (`raw`, where `count` columns count
 * non-null values) and in JS (`of`, the same numbers for one response).
 */
const MEASURES: { column: string; raw: string; count: boolean; of: (r: RollupSource) => number }[] = [
  { column: "responses", raw: "1", count: false, of: () => 1 },
  { column: "promoters", raw: "coalesce(r.score >= 9, 0)", count: false, of: (r) => scoreIn(r, 9, 10) },
  { column: "passives", raw: "coalesce(r.score between 7 and 8, 0)", count: false, of: (r) => scoreIn(r, 7, 8) },
  { column: "detractors", raw: "coalesce(r.score <= 6, 0)", count: false, of: (r) => scoreIn(r, 0, 6) },
  { column: "csat_responses", raw: "r.csat", count: true, of: (r) => (num(r.csat) === null ? 0 : 1) },
  { column: "csat_satisfied", raw: "coalesce(r.csat >= 4, 0)", count: false, of: (r) => ((num(r.csat) ?? 0) >= 4 ? 1 : 0) },
  ...VALUE_TYPES.flatMap((t) => likert(`benefit_${t}`)),
  ...COST_KINDS.flatMap((k) => likert(`cost_${k}`)),
];
const rawAggregate = (m: (typeof MEASURES)[number]) => (m.count ? `count(${m.raw})` : `sum(${m.raw})`);

const SEGMENT_COLUMNS = ["template_id", "channel", "locale", "category"];
const KEY_COLUMNS = ["combo", "grain", "bucket", ...SEGMENT_COLUMNS];

/*
 * Buckets start at midnight in the business's time zone, `off` ms ahead of UTC (config TIMEZONE, one offset all
 * year; db.utcOffsetMs): a bucket is the epoch ms of that midnight. SQL and JS below compute the same.
 */
const DAY_START = (ms: string, off: number) => `((${ms} + ${off}) / ${DAY_MS} * ${DAY_MS} - ${off})`;
const MONTH_START = (ms: string, off: number) => `(unixepoch((${ms} + ${off}) / 1000, 'unixepoch', 'start of month') * 1000 - ${off})`;

/**
 * The select summing responses into every rollup row they belong to (6 segment combos × 2 grains):
 * first the responses are grouped by local day and all four segments (a few rows per day), then each
 * combo and grain is summed from those rows — far cheaper than expanding each response into its
 * 12 rollup rows. `sign` −1 gives the amounts to take out.
 */
function rollupSelect(sign: 1 | -1, where: string, off: number): string {
  const inCombo = (combos: number[], expr: string) => `case when c.column1 in (${combos.join(", ")}) then ${expr} else '' end`;
  const base =
    `select ${DAY_START("r.answered_at", off)} as day, ${DIMENSIONS.map((d) => `${DIM_SQL[d].response} as ${DIM_SQL[d].rollup}`).join(", ")}, ` +
    `${MEASURES.map((m) => `${rawAggregate(m)} as ${m.column}`).join(", ")} from responses r where ${where} group by 1, 2, 3, 4, 5`;
  const select = [
    "c.column1",
    "g.column1",
    `case g.column1 when 'd' then b.day else ${MONTH_START("b.day", off)} end`,
    ...DIMENSIONS.map((d) => inCombo([COMBO_DETAIL, DIM_SQL[d].combo], `b.${DIM_SQL[d].rollup}`)),
    ...MEASURES.map((m) => `${sign} * sum(b.${m.column})`),
  ];
  // `WHERE true` tells SQLite's parser that a following ON CONFLICT belongs to the INSERT.
  return (
    `with b as (${base}) ` +
    `insert into score_rollups (${[...KEY_COLUMNS, ...MEASURES.map((m) => m.column)].join(", ")}) ` +
    `select ${select.join(", ")} from b, (values (0), (1), (2), (3), (4), (5)) c, (values ('d'), ('m')) g where true ` +
    `group by ${KEY_COLUMNS.map((_, i) => i + 1).join(", ")}`
  );
}

/** Makes an insert into score_rollups add its amounts to a row that exists. */
const ADD_ON_CONFLICT = `on conflict (${KEY_COLUMNS.join(", ")}) do update set ${MEASURES.map((m) => `${m.column} = ${m.column} + excluded.${m.column}`).join(", ")}`;

/** Adds (sign +1) or removes (−1) the contribution of the responses selected by `where` to their rollup rows. */
function deltaSql(sign: 1 | -1, where: string, off: number): string {
  return `${rollupSelect(sign, where, off)} ${ADD_ON_CONFLICT}`;
}

const deltaPair = (where: string, off: number) => ({ remove: deltaSql(-1, where, off), add: deltaSql(1, where, off) });

/**
 * The two statements around a write to `responses`, whose one argument is a JSON array of ids:
 * `remove` before the write takes out the responses' old contribution, `add` after it puts in the
 * new one. Any write to `responses` must put them around it in the same db.commit, or the dashboard
 * drifts from the responses. The answer writer knows invitation ids; imports, erasure and bulk
 * edits know response ids.
 */
export const rollupDeltaForInvitationIds = (db: Db) => deltaPair("r.invitation_id in (select value from json_each(?))", db.utcOffsetMs);
export const rollupDeltaForResponseIds = (db: Db) => deltaPair("r.id in (select value from json_each(?))", db.utcOffsetMs);

/** The columns of `responses` a RollupSource holds, for a select or a RETURNING clause. */
export const ROLLUP_SOURCE_COLUMNS = ["answered_at", "template_id", "channel", "locale", "category", "score", "csat", ...VALUE_TYPES.map((t) => `benefit_${t}`), ...COST_KINDS.map((k) => `cost_${k}`)];

/** One rollup row's key and the amounts to add to its measures (in MEASURES order; negative to take out). */
export type RollupDelta = { key: (string | number)[]; amounts: number[] };

/**
 * What changing responses from `before` (null: new) to `after` does to the rollups, summed per rollup row:
 * the same numbers as the SQL deltas (rollupSelect), computed here when the old and new rows are at hand.
 * Rows whose amounts cancel out are left out.
 */
export function rollupDeltas(changes: { before: RollupSource | null; after: RollupSource }[], off: number): RollupDelta[] {
  // As the SQL does: first per local day and segment (a few groups per batch), then each group into its 12 rows.
  const groups = new Map<string, RollupDelta>();
  const sum = (into: Map<string, RollupDelta>, key: (string | number)[], amounts: number[], sign: 1 | -1) => {
    const id = key.join("\u0000");
    const row = into.get(id) ?? into.set(id, { key, amounts: amounts.map(() => 0) }).get(id)!;
    for (let i = 0; i < amounts.length; i++) row.amounts[i] += sign * amounts[i];
  };
  for (const { before, after } of changes)
    for (const [r, sign] of before ? ([[before, -1], [after, 1]] as const) : ([[after, 1]] as const)) {
      const segment: Record<Dimension, string> = { template: r.template_id, channel: r.channel ?? "-", locale: r.locale, category: r.category ?? "-" };
      sum(groups, [dayStart(r.answered_at, off), ...DIMENSIONS.map((d) => segment[d])], MEASURES.map((m) => m.of(r)), sign);
    }
  const rows = new Map<string, RollupDelta>();
  for (const { key: [day, ...segment], amounts } of groups.values())
    for (const combo of [COMBO_DETAIL, COMBO_ALL, ...DIMENSIONS.map((d) => DIM_SQL[d].combo)])
      for (const [grain, bucket] of [["d", day], ["m", monthStart(day as number, off)]] as const)
        sum(rows, [combo, grain, bucket, ...DIMENSIONS.map((d, i) => (combo === COMBO_DETAIL || combo === DIM_SQL[d].combo ? segment[i] : ""))], amounts, 1);
  return [...rows.values()].filter((r) => r.amounts.some((a) => a !== 0));
}

/** Adds one RollupDelta to its rollup row (args: the key, then the amounts). */
const ADD_ROLLUP_DELTA = `insert into score_rollups (${[...KEY_COLUMNS, ...MEASURES.map((m) => m.column)].join(", ")}) values (${[...KEY_COLUMNS, ...MEASURES].map(() => "?").join(", ")}) ${ADD_ON_CONFLICT}`;

export const addRollupDelta = (d: RollupDelta): InStatement => ({ sql: ADD_ROLLUP_DELTA, args: [...d.key, ...d.amounts] });

/**
 * Rebuilds every rollup from the responses (and fills in missing response categories first):
 * for databases written before rollups existed, or loaded in bulk. One transaction.
 */
export async function rebuildRollups(db: Db): Promise<void> {
  await db.commit([
    `update responses set category = (select pi.category from invitations i join purchase_items pi on pi.purchase_id = i.purchase_id
       where i.id = responses.invitation_id and pi.category is not null order by pi.position limit 1) where category is null`,
    "delete from score_rollups",
    // All rollups from all responses, in one statement.
    rollupSelect(1, "true", db.utcOffsetMs),
    { sql: "insert into rollup_settings (id, utc_offset_ms) values (1, ?) on conflict (id) do update set utc_offset_ms = excluded.utc_offset_ms", args: [db.utcOffsetMs] },
  ]);
}

/**
 * True when the rollups must be built again: responses exist but rollups do not (a database from before
 * rollups), or they were bucketed for another time zone (TIMEZONE changed).
 */
export async function rollupsNeedRebuild(db: Db): Promise<boolean> {
  const rs = await db.$client.execute(
    "select ((select count(*) from score_rollups) = 0 and exists (select 1 from responses)) or coalesce((select utc_offset_ms from rollup_settings where id = 1), 0) != ? as stale",
    [db.utcOffsetMs],
  );
  return Number(rs.rows[0].stale) === 1;
}

// ——— reading ———

export type RollupFilter = { from?: number; to?: number } & Partial<Record<Dimension, string>> & {
  /** Only answers given in this value tier (responses.tier, the tier at answer time). Not in the rollups yet, so this reads the responses. */
  tier?: Tier;
};
export type Grouping = "none" | "day" | "week" | "month" | Dimension;
export type TotalsRow = { key: string; totals: ScoreTotals & { responses: number } };

const ceilDay = (t: number, off: number) => (dayStart(t, off) === t ? t : dayStart(t, off) + DAY_MS);
const ceilMonth = (t: number, off: number) => (monthStart(t, off) === t ? t : monthStart(monthStart(t, off) + 32 * DAY_MS, off));

/** Monday 00:00 (local) of the week holding the day that starts at `dayMs` (epoch day 0 was a Thursday). */
const WEEK_START = (dayMs: string, off: number) => `(${dayMs} - (((${dayMs} + ${off}) / ${DAY_MS} + 3) % 7) * ${DAY_MS})`;

function timeKey(g: Grouping, dayOrMonth: string, isMonthRow: boolean, off: number): string | null {
  if (g === "day") return dayOrMonth;
  if (g === "week") return WEEK_START(dayOrMonth, off);
  if (g === "month") return isMonthRow ? dayOrMonth : MONTH_START(dayOrMonth, off);
  return null;
}

type Piece = { sql: string; args: (string | number)[] };

/** Which rollup combo answers these filters and grouping, and the segment conditions to put on it. */
function comboFor(filter: RollupFilter, group: Grouping): { combo: number; dims: Dimension[] } {
  const used = DIMENSIONS.filter((d) => filter[d] !== undefined || group === d);
  if (used.length === 0) return { combo: COMBO_ALL, dims: [] };
  if (used.length === 1) return { combo: DIM_SQL[used[0]].combo, dims: used };
  return { combo: COMBO_DETAIL, dims: used };
}

function rollupPiece(filter: RollupFilter, group: Grouping, grain: "d" | "m", from: number | undefined, to: number | undefined, off: number): Piece {
  const { combo } = comboFor(filter, group);
  const where = ["combo = ?", "grain = ?"];
  const args: (string | number)[] = [combo, grain];
  if (from !== undefined) where.push("bucket >= ?"), args.push(from);
  if (to !== undefined) where.push("bucket < ?"), args.push(to);
  for (const d of DIMENSIONS) if (filter[d] !== undefined) where.push(`${DIM_SQL[d].rollup} = ?`), args.push(filter[d]!);
  const key = timeKey(group, "bucket", grain === "m", off) ?? (group === "none" ? "''" : DIM_SQL[group as Dimension].rollup);
  return {
    sql: `select ${key} as k, ${MEASURES.map((m) => `sum(${m.column}) as ${m.column}`).join(", ")} from score_rollups where ${where.join(" and ")} group by 1`,
    args,
  };
}

/** Totals for a part of a day straight from the responses (by their answered_at index). */
function responsePiece(filter: RollupFilter, group: Grouping, from: number, to: number, off: number): Piece {
  const where = ["r.answered_at >= ?", "r.answered_at < ?"];
  const args: (string | number)[] = [from, to];
  for (const d of DIMENSIONS) if (filter[d] !== undefined) where.push(`${DIM_SQL[d].response} = ?`), args.push(filter[d]!);
  if (filter.tier) where.push("r.tier = ?"), args.push(filter.tier);
  const key = timeKey(group, DAY_START("r.answered_at", off), false, off) ?? (group === "none" ? "''" : DIM_SQL[group as Dimension].response);
  return {
    sql: `select ${key} as k, ${MEASURES.map((m) => `${rawAggregate(m)} as ${m.column}`).join(", ")} from responses r where ${where.join(" and ")} group by 1`,
    args,
  };
}

/**
 * The pieces that cover [from, to) exactly: whole months from month rows, whole days from day
 * rows, and the unaligned ends (only when `from`/`to` fall inside a day) from the responses.
 */
function pieces(filter: RollupFilter, group: Grouping, off: number): Piece[] {
  const { from, to } = filter;
  if (filter.tier) return [responsePiece(filter, group, from ?? 0, to ?? Number.MAX_SAFE_INTEGER, off)];
  const out: Piece[] = [];
  const dFrom = from === undefined ? undefined : ceilDay(from, off);
  const dTo = to === undefined ? undefined : dayStart(to, off);
  if (dFrom !== undefined && dTo !== undefined && dFrom >= dTo) {
    // Shorter than a day, or inside one: straight from the responses.
    return [responsePiece(filter, group, from!, to!, off)];
  }
  if (from !== undefined && from < dFrom!) out.push(responsePiece(filter, group, from, dFrom!, off));
  if (to !== undefined && dTo! < to) out.push(responsePiece(filter, group, dTo!, to, off));
  if (group === "day" || group === "week") {
    out.push(rollupPiece(filter, group, "d", dFrom, dTo, off));
    return out;
  }
  const mFrom = dFrom === undefined ? undefined : ceilMonth(dFrom, off);
  const mTo = dTo === undefined ? undefined : monthStart(dTo, off);
  if (mFrom !== undefined && mTo !== undefined && mFrom >= mTo) {
    out.push(rollupPiece(filter, group, "d", dFrom, dTo, off));
    return out;
  }
  out.push(rollupPiece(filter, group, "m", mFrom, mTo, off));
  if (dFrom !== undefined && dFrom < mFrom!) out.push(rollupPiece(filter, group, "d", dFrom, mFrom, off));
  if (dTo !== undefined && mTo! < dTo) out.push(rollupPiece(filter, group, "d", mTo, dTo, off));
  return out;
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

function addRow(t: ScoreTotals & { responses: number }, r: Record<string, unknown>) {
  const n = (c: string) => Number(r[c] ?? 0);
  t.responses += n("responses");
  t.nps.promoters += n("promoters");
  t.nps.passives += n("passives");
  t.nps.detractors += n("detractors");
  t.csat.responses += n("csat_responses");
  t.csat.satisfied += n("csat_satisfied");
  for (const v of VALUE_TYPES) (t.benefits[v].sum += n(`benefit_${v}_sum`)), (t.benefits[v].count += n(`benefit_${v}_count`));
  for (const k of COST_KINDS) (t.costs[k].sum += n(`cost_${k}_sum`)), (t.costs[k].count += n(`cost_${k}_count`));
}

/**
 * Score totals for the filter, grouped by time bucket or segment (key: bucket start in epoch ms as
 * text, or the segment value), in key order; "none" gives one row with key "". Buckets start at local midnights (db.utcOffsetMs).
 */
export async function totalsBy(db: Db, filter: RollupFilter, group: Grouping): Promise<TotalsRow[]> {
  const parts = pieces(filter, group, db.utcOffsetMs);
  const union = parts.map((p) => `select * from (${p.sql})`).join(" union all ");
  // One JSON value for the whole result: the client builds an object per returned value, which
  // costs more than the query itself for a few hundred buckets × 22 columns.
  const sql = `select json_group_array(json_array(k, ${MEASURES.map((m) => m.column).join(", ")})) as j from (${union})`;
  const rs = await db.$client.execute({ sql, args: parts.flatMap((p) => p.args) as InArgs });
  const byKey = new Map<string, ScoreTotals & { responses: number }>();
  for (const values of JSON.parse(String(rs.rows[0].j)) as (string | number | null)[][]) {
    const key = String(values[0]);
    let t = byKey.get(key);
    if (!t) byKey.set(key, (t = emptyTotals()));
    addRow(t, Object.fromEntries(MEASURES.map((m, i) => [m.column, values[i + 1]])));
  }
  if (group === "none" && byKey.size === 0) byKey.set("", emptyTotals());
  const rows = [...byKey].map(([key, totals]) => ({ key, totals }));
  // Rollup rows of a bucket whose answers all changed away keep zero counts: drop empty segments and buckets.
  const kept = group === "none" ? rows : rows.filter((r) => r.totals.responses > 0);
  const numeric = group === "day" || group === "week" || group === "month";
  return kept.sort((a, b) => (numeric ? Number(a.key) - Number(b.key) : a.key.localeCompare(b.key)));
}
