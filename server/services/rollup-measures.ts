// What the rollups hold and how one response adds to each column, in SQL and in JS (the same numbers): shared by
// the write half (rollup-writes.ts) and the read half (rollup-reads.ts).
import { COST_KINDS, VALUE_TYPES } from "../domain/template-content";
import { PAIR_TERMS, PAIR_VARIABLES } from "../domain/pair-sums";
import { DAY_MS } from "../domain/time";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "../domain/vocabulary";

/** Segment columns a dashboard filters or breaks down by (the vocabulary's breakdown dimensions); "-" stands for a missing value. */
export const DIMENSIONS = BREAKDOWN_DIMENSIONS;
export type Dimension = BreakdownDimension;

/** The segment column of each dimension, in `responses` (raw) and in `score_rollups` / `answer_rollups`. */
export const DIM_SQL: Record<Dimension, { response: string; rollup: string; combo: number }> = {
  template: { response: "r.template_id", rollup: "template_id", combo: 2 },
  channel: { response: "coalesce(r.channel, '-')", rollup: "channel", combo: 3 },
  locale: { response: "r.locale", rollup: "locale", combo: 4 },
  category: { response: "coalesce(r.category, '-')", rollup: "category", combo: 5 },
};
/** The answer rollups' segments: the four above and the tier at answer time. */
export const TIER_SQL = { response: "coalesce(r.tier, '-')", rollup: "tier" };
export const ANSWER_SEGMENT_COLUMNS = [...DIMENSIONS.map((d) => DIM_SQL[d].rollup), TIER_SQL.rollup];
export const ANSWER_SEGMENT_SQL = [...DIMENSIONS.map((d) => DIM_SQL[d].response), TIER_SQL.response];

/** combo 0: every segment column real; 1: none (the grand total). See db/tables/rollups.ts. */
export const COMBO_DETAIL = 0;
export const COMBO_ALL = 1;

/** A response's columns that rollups read, as named in `responses`. */
export type RollupSource = { answered_at: number; template_id: string; channel: string | null; locale: string; category: string | null; tier?: string | null } & Record<string, unknown>;

export type Measure = { column: string; raw: string; count: boolean; of: (r: RollupSource) => number };

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const likert = (col: string): Measure[] => [
  { column: `${col}_sum`, raw: `coalesce(r.${col}, 0)`, count: false, of: (r) => num(r[col]) ?? 0 },
  { column: `${col}_count`, raw: `r.${col}`, count: true, of: (r) => (num(r[col]) === null ? 0 : 1) },
];
const scoreIn = (r: RollupSource, lo: number, hi: number) => {
  const s = num(r.score);
  return s !== null && s >= lo && s <= hi ? 1 : 0;
};

/**
 * Each score rollup column and how one response contributes to it: in SQL (`raw`, where `count` columns count
 * non-null values) and in JS (`of`, the same numbers for one response).
 */
export const MEASURES: Measure[] = [
  { column: "responses", raw: "1", count: false, of: () => 1 },
  { column: "promoters", raw: "coalesce(r.score >= 9, 0)", count: false, of: (r) => scoreIn(r, 9, 10) },
  { column: "passives", raw: "coalesce(r.score between 7 and 8, 0)", count: false, of: (r) => scoreIn(r, 7, 8) },
  { column: "detractors", raw: "coalesce(r.score <= 6, 0)", count: false, of: (r) => scoreIn(r, 0, 6) },
  { column: "csat_responses", raw: "r.csat", count: true, of: (r) => (num(r.csat) === null ? 0 : 1) },
  { column: "csat_satisfied", raw: "coalesce(r.csat >= 4, 0)", count: false, of: (r) => ((num(r.csat) ?? 0) >= 4 ? 1 : 0) },
  ...VALUE_TYPES.flatMap((t) => likert(`benefit_${t}`)),
  ...COST_KINDS.flatMap((k) => likert(`cost_${k}`)),
];

/**
 * The pair sums of the answer rollups (server/domain/pair-sums.ts): over the answers giving the NPS answer and
 * both variables of the pair, 1, x, y, x², y² or xy.
 */
const PAIR_MEASURES: Measure[] = PAIR_TERMS.map(({ column, i, j, term }) => {
  const a = PAIR_VARIABLES[i];
  const b = PAIR_VARIABLES[j];
  const sqlTerm = { n: "1", x: `r.${a}`, y: `r.${b}`, xx: `r.${a} * r.${a}`, yy: `r.${b} * r.${b}`, xy: `r.${a} * r.${b}` }[term];
  const given = [...new Set(["score", a, b])].map((c) => `r.${c} is not null`).join(" and ");
  return {
    column,
    raw: `case when ${given} then ${sqlTerm} else 0 end`,
    count: false,
    of: (r) => {
      const s = num(r.score);
      const x = num(r[a]);
      const y = num(r[b]);
      if (s === null || x === null || y === null) return 0;
      return { n: 1, x, y, xx: x * x, yy: y * y, xy: x * y }[term];
    },
  };
});

/** Each answer rollup column: the score counts, then the pair sums. */
export const ANSWER_MEASURES: Measure[] = [...MEASURES, ...PAIR_MEASURES];

export const rawAggregate = (m: Measure) => (m.count ? `count(${m.raw})` : `sum(${m.raw})`);

/*
 * Buckets start at midnight in the business's time zone, `off` ms ahead of UTC (config TIMEZONE, one offset all
 * year; db.utcOffsetMs): a bucket is the epoch ms of that midnight. SQL and JS (domain/time-zone.ts) compute the same.
 */
export const DAY_START = (ms: string, off: number) => `((${ms} + ${off}) / ${DAY_MS} * ${DAY_MS} - ${off})`;
export const MONTH_START = (ms: string, off: number) => `(unixepoch((${ms} + ${off}) / 1000, 'unixepoch', 'start of month') * 1000 - ${off})`;

/** The columns of `responses` a RollupSource holds, for a select or a RETURNING clause. */
export const ROLLUP_SOURCE_COLUMNS = ["answered_at", "template_id", "template_version", "channel", "locale", "category", "tier", "score", "csat", ...VALUE_TYPES.map((t) => `benefit_${t}`), ...COST_KINDS.map((k) => `cost_${k}`), "extra", "comment"];
