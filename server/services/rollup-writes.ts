// The write half of the rollups: what keeps `score_rollups`, `answer_rollups` and `answer_key_rollups` in step with
// `responses` in the same transaction as every change to them (SQL, or JS when the rows are at hand), the aspects
// of each stored comment, and the builds for databases from before them (with progress in the log).
import type { InStatement } from "@libsql/client";
import type { Db } from "../../db/client";
import { ASPECTS_VERSION } from "../domain/aspects-version";
import { commentAspects, localeOf } from "../domain/comment-aspects";
import { dayStart, monthStart } from "../domain/time-zone";
import { EXPECTATIONS } from "../domain/template-content";
import { VALUE_ANSWER_KEYS } from "../domain/vocabulary";
import {
  ANSWER_MEASURES,
  ANSWER_SEGMENT_COLUMNS,
  ANSWER_SEGMENT_SQL,
  COMBO_ALL,
  COMBO_DETAIL,
  DAY_START,
  DIM_SQL,
  DIMENSIONS,
  MEASURES,
  MONTH_START,
  rawAggregate,
  type Dimension,
  type Measure,
  type RollupSource,
} from "./rollup-measures";

export { ROLLUP_SOURCE_COLUMNS, type RollupSource } from "./rollup-measures";

/**
 * What the builds need of the app's Deps (server/deps.ts: its `db` and `log`), spelled out here: deps.ts names the
 * long reads, which read these rollups, so importing it would make a cycle.
 */
export type RollupDeps = { db: Db; log: { info(msg: string, data?: Record<string, unknown>): void } };

const SEGMENT_COLUMNS = ["template_id", "channel", "locale", "category"];
const KEY_COLUMNS = ["combo", "grain", "bucket", ...SEGMENT_COLUMNS];
const ANSWER_KEY_COLUMNS = ["grain", "bucket", ...ANSWER_SEGMENT_COLUMNS];

// ——— score_rollups (the live dashboard without a tier filter) ———

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

/** Makes an insert add its amounts to a row that exists. */
const addOnConflict = (keys: string[], measures: { column: string }[]) =>
  `on conflict (${keys.join(", ")}) do update set ${measures.map((m) => `${m.column} = ${m.column} + excluded.${m.column}`).join(", ")}`;
const ADD_ON_CONFLICT = addOnConflict(KEY_COLUMNS, MEASURES);

/** Adds (sign +1) or removes (−1) the contribution of the responses selected by `where` to their rollup rows. */
function deltaSql(sign: 1 | -1, where: string, off: number): string {
  return `${rollupSelect(sign, where, off)} ${ADD_ON_CONFLICT}`;
}

const deltaPair = (where: string, off: number) => ({ remove: deltaSql(-1, where, off), add: deltaSql(1, where, off) });

const BY_INVITATION = "r.invitation_id in (select value from json_each(?))";
const BY_RESPONSE = "r.id in (select value from json_each(?))";

/**
 * The two score_rollups statements around a write to `responses`, whose one argument is a JSON array of ids
 * (`rollupStatements` gives every rollup's). The answer writer knows invitation ids; imports, erasure and bulk
 * edits know response ids.
 */
export const rollupDeltaForInvitationIds = (db: Db) => deltaPair(BY_INVITATION, db.utcOffsetMs);
export const rollupDeltaForResponseIds = (db: Db) => deltaPair(BY_RESPONSE, db.utcOffsetMs);

/** One rollup row's key and the amounts to add to its measures (in MEASURES order; negative to take out). */
export type RollupDelta = { key: (string | number)[]; amounts: number[] };

type Change = { before: RollupSource | null; after: RollupSource };

/** Sums each change's amounts (old ones out, new ones in) per local day and segment. */
function dayGroups(changes: Change[], off: number, measures: Measure[], segmentOf: (r: RollupSource) => string[]): Map<string, RollupDelta> {
  const groups = new Map<string, RollupDelta>();
  for (const { before, after } of changes)
    for (const [r, sign] of before ? ([[before, -1], [after, 1]] as const) : ([[after, 1]] as const)) {
      const key = [dayStart(r.answered_at, off), ...segmentOf(r)];
      const id = key.join("\u0000");
      const row = groups.get(id) ?? groups.set(id, { key, amounts: measures.map(() => 0) }).get(id)!;
      for (let i = 0; i < measures.length; i++) row.amounts[i] += sign * measures[i].of(r);
    }
  return groups;
}

const sumInto = (into: Map<string, RollupDelta>, key: (string | number)[], amounts: number[]) => {
  const id = key.join("\u0000");
  const row = into.get(id) ?? into.set(id, { key, amounts: amounts.map(() => 0) }).get(id)!;
  for (let i = 0; i < amounts.length; i++) row.amounts[i] += amounts[i];
};

const segmentOf = (r: RollupSource) => [r.template_id, r.channel ?? "-", r.locale, r.category ?? "-"];

/**
 * What changing responses from `before` (null: new) to `after` does to score_rollups, summed per rollup row:
 * the same numbers as the SQL deltas (rollupSelect), computed here when the old and new rows are at hand.
 * Rows whose amounts cancel out are left out.
 */
export function rollupDeltas(changes: Change[], off: number): RollupDelta[] {
  // As the SQL does: first per local day and segment (a few groups per batch), then each group into its 12 rows.
  const rows = new Map<string, RollupDelta>();
  for (const { key: [day, ...segment], amounts } of dayGroups(changes, off, MEASURES, segmentOf).values())
    for (const combo of [COMBO_DETAIL, COMBO_ALL, ...DIMENSIONS.map((d) => DIM_SQL[d].combo)])
      for (const [grain, bucket] of [["d", day], ["m", monthStart(day as number, off)]] as const)
        sumInto(rows, [combo, grain, bucket, ...DIMENSIONS.map((d: Dimension, i) => (combo === COMBO_DETAIL || combo === DIM_SQL[d].combo ? segment[i] : ""))], amounts);
  return [...rows.values()].filter((r) => r.amounts.some((a) => a !== 0));
}

/** Adds one RollupDelta to its rollup row (args: the key, then the amounts). */
const ADD_ROLLUP_DELTA = `insert into score_rollups (${[...KEY_COLUMNS, ...MEASURES.map((m) => m.column)].join(", ")}) values (${[...KEY_COLUMNS, ...MEASURES].map(() => "?").join(", ")}) ${ADD_ON_CONFLICT}`;

export const addRollupDelta = (d: RollupDelta): InStatement => ({ sql: ADD_ROLLUP_DELTA, args: [...d.key, ...d.amounts] });

// ——— answer_rollups (per day and month and segment with the tier at answer time: counts and pair sums) ———

const ANSWER_ADD_ON_CONFLICT = addOnConflict(ANSWER_KEY_COLUMNS, ANSWER_MEASURES);

/** Sums the responses selected by `where` (sign −1: takes them out) into their day and month rows of answer_rollups. */
function answerRollupSql(sign: 1 | -1, where: string, off: number): string {
  const segments = ANSWER_SEGMENT_SQL.map((s, i) => `${s} as ${ANSWER_SEGMENT_COLUMNS[i]}`).join(", ");
  const base = `select ${DAY_START("r.answered_at", off)} as day, ${segments}, ${ANSWER_MEASURES.map((m) => `${rawAggregate(m)} as ${m.column}`).join(", ")} from responses r where ${where} group by 1, 2, 3, 4, 5, 6`;
  const select = ["g.column1", `case g.column1 when 'd' then b.day else ${MONTH_START("b.day", off)} end`, ...ANSWER_SEGMENT_COLUMNS.map((c) => `b.${c}`), ...ANSWER_MEASURES.map((m) => `${sign} * sum(b.${m.column})`)];
  return (
    `with b as (${base}) insert into answer_rollups (${[...ANSWER_KEY_COLUMNS, ...ANSWER_MEASURES.map((m) => m.column)].join(", ")}) ` +
    `select ${select.join(", ")} from b, (values ('d'), ('m')) g where true group by ${ANSWER_KEY_COLUMNS.map((_, i) => i + 1).join(", ")} ${ANSWER_ADD_ON_CONFLICT}`
  );
}

const answerSegmentOf = (r: RollupSource) => [...segmentOf(r), r.tier ?? "-"];

/** The same numbers as answerRollupSql for rows at hand (the in-process answer writer). */
export function answerRollupDeltas(changes: Change[], off: number): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  for (const { key: [day, ...segment], amounts } of dayGroups(changes, off, ANSWER_MEASURES, answerSegmentOf).values())
    for (const [grain, bucket] of [["d", day], ["m", monthStart(day as number, off)]] as const) sumInto(rows, [grain, bucket, ...segment], amounts);
  return [...rows.values()].filter((r) => r.amounts.some((a) => a !== 0));
}

const ADD_ANSWER_DELTA = `insert into answer_rollups (${[...ANSWER_KEY_COLUMNS, ...ANSWER_MEASURES.map((m) => m.column)].join(", ")}) values (${[...ANSWER_KEY_COLUMNS, ...ANSWER_MEASURES].map(() => "?").join(", ")}) ${ANSWER_ADD_ON_CONFLICT}`;
export const addAnswerRollupDelta = (d: RollupDelta): InStatement => ({ sql: ADD_ANSWER_DELTA, args: [...d.key, ...d.amounts] });

// ——— answer_key_rollups (closed answers outside the value model, scale items, comment aspects) ———

const NPS_CLASS = "case when r.score is null then '-' when r.score >= 9 then 'p' when r.score >= 7 then 'a' else 'd' end";
/** Answers to closed questions worth counting: expectations and 1–5 ratings (touchpoints). */
const CLOSED_VALUES = [...EXPECTATIONS, "1", "2", "3", "4", "5"].map((v) => `'${v}'`).join(", ");
/**
 * A question's answer in a response: the 1–5 answer kept in `extra` (an item of a scale, the column's own key included:
 * its column then holds the items' mean, see item-bank.ts), else its column for the value model's keys.
 */
const ITEM_VALUE =
  `case when json_extract(ans.extra, '$.' || q.k) in ('1', '2', '3', '4', '5') then cast(json_extract(ans.extra, '$.' || q.k) as integer) ` +
  // The column only when the response keeps no item of that scale in `extra` (a one-question type, or an answer from
  // before the item bank): with items, the column is their mean, not this question's answer.
  `else (case q.k ${VALUE_ANSWER_KEYS.map((k) => `when '${k}' then case when instr(coalesce(ans.extra, ''), '"${k}_') = 0 then ans.${k} end`).join(" ")} end) end`;

/**
 * Sums the responses selected by `where` into answer_key_rollups (sign −1 takes them out). Facts per response:
 * `x:KEY=VALUE` per closed answer in `extra`; for each scale (benefit value type or cost kind) its template version
 * asks with 2 or more items, when every item is answered, `i:VERSION:SCALE:KEY` (Σx) and `i:…:KEY*KEY` (Σxy, each
 * pair once and each item with itself); a comment's `c:CLASS` and its stored aspects' `a:ASPECT:POLARITY:CLASS`.
 */
export function keyFactsSelect(where: string, off: number): { with: string } {
  const seg = ANSWER_SEGMENT_SQL.map((s, i) => `${s} as ${ANSWER_SEGMENT_COLUMNS[i]}`).join(", ");
  const cols = ANSWER_SEGMENT_COLUMNS.join(", ");
  const rCols = ANSWER_SEGMENT_COLUMNS.map((c) => `ans.${c}`).join(", ");
  const facts = [
    `select ans.day, ${rCols}, 'x:' || e.key || '=' || e.value as key, 1 as n, 0 as sum from ans, json_each(ans.extra) e where e.value in (${CLOSED_VALUES})`,
    `select ans.day, ${rCols}, 'c:' || ans.cls, 1, 0 from ans where ans.comment is not null and trim(ans.comment) != ''`,
    `select ans.day, ${rCols}, 'a:' || a.value || ':' || ans.cls, 1, 0 from ans join comment_aspects ca on ca.response_id = ans.id, json_each(ca.aspects) a where ans.comment is not null and trim(ans.comment) != ''`,
    `select day, ${cols}, 'i:' || version || ':' || scale || ':' || k, 1, x from items where complete`,
    `select a.day, ${ANSWER_SEGMENT_COLUMNS.map((c) => `a.${c}`).join(", ")}, 'i:' || a.version || ':' || a.scale || ':' || a.k || '*' || b.k, 1, a.x * b.x from items a join items b on b.rid = a.rid and b.scale = a.scale and b.k >= a.k where a.complete`,
  ];
  // The scales each template version of these answers asks with 2 or more items: only their answers have items to sum.
  const asked =
    `select tv.template_id, tv.version, q.value ->> 'key' as k, ` +
    `case q.value ->> 'type' when 'benefit' then 'benefit_' || (q.value ->> 'valueType') else 'cost_' || (q.value ->> 'costKind') end as scale ` +
    `from template_versions tv, json_each(tv.content, '$.questions') q where q.value ->> 'type' in ('benefit', 'cost') ` +
    `and exists (select 1 from ans where ans.template_id = tv.template_id and ans.template_version = tv.version)`;
  const scales = `select * from (select *, count(*) over (partition by template_id, version, scale) as asked_items from (${asked})) where asked_items >= 2`;
  const items =
    `select ans.id as rid, ans.day, ${rCols}, ans.template_version as version, q.k, q.scale, ${ITEM_VALUE} as x ` +
    `from ans join scales q on q.template_id = ans.template_id and q.version = ans.template_version`;
  const complete = `select *, count(x) over w = count(*) over w as complete from (${items}) window w as (partition by rid, scale)`;
  return {
    with:
      // Materialized: the answers are picked first by their own index, then each is read for its facts.
      `with ans as materialized (select r.id, r.template_version, r.extra, r.comment, ${VALUE_ANSWER_KEYS.map((k) => `r.${k}`).join(", ")}, ${DAY_START("r.answered_at", off)} as day, ${seg}, ${NPS_CLASS} as cls from responses r where ${where}), ` +
      `scales as materialized (${scales}), items as materialized (${complete}), f as (${facts.join(" union all ")})`,
  };
}

function keyRollupSql(sign: 1 | -1, where: string, off: number): string {
  const cols = ANSWER_SEGMENT_COLUMNS.join(", ");
  return (
    `${keyFactsSelect(where, off).with} ` +
    `insert into answer_key_rollups (${[...ANSWER_KEY_COLUMNS, "key", "n", "sum"].join(", ")}) ` +
    `select g.column1, case g.column1 when 'd' then f.day else ${MONTH_START("f.day", off)} end, ${cols}, key, ${sign} * sum(n), ${sign} * sum(sum) ` +
    `from f, (values ('d'), ('m')) g where true group by ${[...ANSWER_KEY_COLUMNS, "key"].map((_, i) => i + 1).join(", ")} ` +
    `on conflict (${[...ANSWER_KEY_COLUMNS, "key"].join(", ")}) do update set n = n + excluded.n, sum = sum + excluded.sum`
  );
}

// ——— comment aspects ———

/** Each comment's aspects as stored: "ASPECT:POLARITY" strings. */
export const aspectsOf = (comment: string, locale: string | null): string => JSON.stringify(commentAspects(comment, localeOf(locale)).map((a) => `${a.aspect}:${a.polarity}`));

/** Stores the aspects of the comments of the answers just written (args: JSON [[invitationId, aspects], …]); after the upsert. */
const STORE_ASPECTS_BY_INVITATION =
  `insert into comment_aspects (response_id, aspects, version) select r.id, j.value ->> 1, ? from json_each(?) j join responses r on r.invitation_id = j.value ->> 0 where true ` +
  `on conflict (response_id) do update set aspects = excluded.aspects, version = excluded.version`;
const STORE_ASPECTS_BY_RESPONSE =
  `insert into comment_aspects (response_id, aspects, version) select j.value ->> 0, j.value ->> 1, ? from json_each(?) j where true ` +
  `on conflict (response_id) do update set aspects = excluded.aspects, version = excluded.version`;

/** The statement storing the aspects of comments being written by invitation (answers) or response id (imports); none without comments. */
export function storeAspects(by: "invitation" | "response", comments: { id: string; comment: string | null; locale: string | null }[]): InStatement[] {
  return storeFoundAspects(by, comments.filter((c) => c.comment && c.comment.trim()).map((c) => ({ id: c.id, aspects: aspectsOf(c.comment!, c.locale) })));
}

/** The same with the aspects already found (`aspectsOf`), in the order written: the last one of an id stays. */
export function storeFoundAspects(by: "invitation" | "response", found: { id: string; aspects: string }[]): InStatement[] {
  const rows = found.map((f) => [f.id, f.aspects]);
  return rows.length ? [{ sql: by === "invitation" ? STORE_ASPECTS_BY_INVITATION : STORE_ASPECTS_BY_RESPONSE, args: [ASPECTS_VERSION, JSON.stringify(rows)] }] : [];
}

// ——— the key rollups in JS, for the in-process writer (the same facts as keyFactsSelect) ———

const CLOSED = new Set<string>([...EXPECTATIONS, "1", "2", "3", "4", "5"]);
const VALUE_KEYS = new Set<string>(VALUE_ANSWER_KEYS);
const classOf = (score: unknown) => (score === null || score === undefined ? "-" : Number(score) >= 9 ? "p" : Number(score) >= 7 ? "a" : "d");

/** What the JS key facts need besides the row: the scales a template version asks with 2+ items, and a row's stored or found aspects. */
export type KeyFactContext = { scales(templateId: string, version: number): [string, string[]][]; aspects(row: RollupSource, side: "before" | "after"): string[] };

/** One response's key facts: [key, n, sum], as keyFactsSelect gives them. */
function keyFactsOf(r: RollupSource, side: "before" | "after", ctx: KeyFactContext): [string, number, number][] {
  const out: [string, number, number][] = [];
  const rawExtra = typeof r.extra === "string" ? r.extra : "";
  const extra = (rawExtra ? JSON.parse(rawExtra) : {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) if (typeof v === "string" && CLOSED.has(v)) out.push([`x:${k}=${v}`, 1, 0]);
  const cls = classOf(r.score);
  if (typeof r.comment === "string" && r.comment.trim() !== "") {
    out.push([`c:${cls}`, 1, 0]);
    for (const a of ctx.aspects(r, side)) out.push([`a:${a}:${cls}`, 1, 0]);
  }
  const version = Number(r.template_version);
  for (const [scale, keys] of ctx.scales(r.template_id, version)) {
    const xs = keys.map((k) => {
      const v = extra[k];
      if (typeof v === "string" && /^[1-5]$/.test(v)) return Number(v);
      // The column only when the response keeps no item of that scale in `extra` (see ITEM_VALUE).
      return VALUE_KEYS.has(k) && !rawExtra.includes(`"${k}_`) && r[k] !== null && r[k] !== undefined ? Number(r[k]) : null;
    });
    if (xs.some((x) => x === null)) continue;
    keys.forEach((a, i) => {
      out.push([`i:${version}:${scale}:${a}`, 1, xs[i]!]);
      keys.forEach((b, j) => {
        if (b >= a) out.push([`i:${version}:${scale}:${a}*${b}`, 1, xs[i]! * xs[j]!]);
      });
    });
  }
  return out;
}

/** What changing responses from `before` to `after` does to answer_key_rollups (key: grain, bucket, segment, fact key; amounts: n, sum). */
export function keyRollupDeltas(changes: Change[], off: number, ctx: KeyFactContext): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  for (const { before, after } of changes)
    for (const [r, sign, side] of before ? ([[before, -1, "before"], [after, 1, "after"]] as const) : ([[after, 1, "after"]] as const)) {
      const day = dayStart(r.answered_at, off);
      for (const [key, n, sum] of keyFactsOf(r, side, ctx))
        for (const [grain, bucket] of [["d", day], ["m", monthStart(day, off)]] as const) sumInto(rows, [grain, bucket, ...answerSegmentOf(r), key], [sign * n, sign * sum]);
    }
  return [...rows.values()].filter((r) => r.amounts.some((a) => a !== 0));
}

const ADD_KEY_DELTA =
  `insert into answer_key_rollups (${[...ANSWER_KEY_COLUMNS, "key", "n", "sum"].join(", ")}) values (${[...ANSWER_KEY_COLUMNS, "key", "n", "sum"].map(() => "?").join(", ")}) ` +
  `on conflict (${[...ANSWER_KEY_COLUMNS, "key"].join(", ")}) do update set n = n + excluded.n, sum = sum + excluded.sum`;
export const addKeyRollupDelta = (d: RollupDelta): InStatement => ({ sql: ADD_KEY_DELTA, args: [...d.key, ...d.amounts] });

/** The scales of each template version with 2 or more items, read once (template versions never change) through a synchronous runner. */
const scalesCache = new WeakMap<object, Map<string, [string, string[]][]>>();
export function templateScales(db: Db, run: (stmt: InStatement) => { rows: Record<string, unknown>[] }) {
  let cache = scalesCache.get(db);
  if (!cache) scalesCache.set(db, (cache = new Map()));
  return (templateId: string, version: number): [string, string[]][] => {
    const id = `${templateId}@${version}`;
    let scales = cache.get(id);
    if (!scales) {
      const [row] = run({ sql: "select content from template_versions where template_id = ? and version = ?", args: [templateId, version] }).rows;
      const questions = ((row ? JSON.parse(String(row.content)) : {}).questions ?? []) as { type: string; key: string; valueType?: string; costKind?: string }[];
      const byScale = new Map<string, string[]>();
      for (const q of questions) {
        const scale = q.type === "benefit" ? `benefit_${q.valueType}` : q.type === "cost" ? `cost_${q.costKind}` : null;
        if (scale) byScale.set(scale, [...(byScale.get(scale) ?? []), q.key]);
      }
      cache.set(id, (scales = [...byScale].filter(([, keys]) => keys.length >= 2)));
    }
    return scales;
  };
}

/** The stored aspects of responses, by id (through a synchronous runner, inside the answer's transaction). */
export function storedAspects(run: (stmt: InStatement) => { rows: Record<string, unknown>[] }, responseIds: string[]): Map<string, string[]> {
  if (responseIds.length === 0) return new Map();
  const rs = run({ sql: "select response_id, aspects from comment_aspects where response_id in (select value from json_each(?))", args: [JSON.stringify(responseIds)] });
  return new Map(rs.rows.map((r) => [String(r.response_id), JSON.parse(String(r.aspects)) as string[]]));
}

/** Drops the stored aspects of responses being deleted (after their rollups' remove). */
export const forgetAspects = (responseIds: string[]): InStatement[] =>
  responseIds.length ? [{ sql: "delete from comment_aspects where response_id in (select value from json_each(?))", args: [JSON.stringify(responseIds)] }] : [];

// ——— every rollup together ———

export type RollupStatements = { remove(ids: string[]): InStatement[]; add(ids: string[]): InStatement[] };

/**
 * Every rollup's statements around a write to `responses` of the given ids (invitation or response ids):
 * `remove` before the write takes out their old contribution, `add` after it puts in the new one. Any write to
 * `responses` must put them around it in the same db.commit, or the dashboard drifts from the responses.
 */
export function rollupStatements(db: Db, by: "invitation" | "response"): RollupStatements {
  const where = by === "invitation" ? BY_INVITATION : BY_RESPONSE;
  const off = db.utcOffsetMs;
  const sqls = (sign: 1 | -1) => [deltaSql(sign, where, off), answerRollupSql(sign, where, off), keyRollupSql(sign, where, off)];
  const remove = sqls(-1);
  const add = sqls(1);
  return {
    remove: (ids) => (ids.length ? remove.map((sql) => ({ sql, args: [JSON.stringify(ids)] })) : []),
    add: (ids) => (ids.length ? add.map((sql) => ({ sql, args: [JSON.stringify(ids)] })) : []),
  };
}

/** The key rollups' statements alone, for the in-process answer writer (which sums the other rollups in JS). */
export function keyRollupStatements(db: Db, by: "invitation" | "response") {
  const where = by === "invitation" ? BY_INVITATION : BY_RESPONSE;
  return { remove: keyRollupSql(-1, where, db.utcOffsetMs), add: keyRollupSql(1, where, db.utcOffsetMs) };
}

// ——— building rollups for databases from before them ———

/**
 * Rebuilds the score rollups from the responses (and fills in missing response categories first):
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

/** Responses summed per transaction while building the answer rollups: each batch is a short write, and its progress is logged. */
export const BUILD_BATCH = 20_000;
/** Comments read per transaction while finding their aspects. */
const ASPECT_BATCH = 2_000;

/** True when the answer rollups were never built (a database from before them) or for another time zone. */
export async function answerRollupsNeedBuild(db: Db): Promise<boolean> {
  const rs = await db.$client.execute("select coalesce((select utc_offset_ms from answer_rollup_state where id = 1), 'none') as off");
  return String(rs.rows[0].off) !== String(db.utcOffsetMs);
}

/**
 * Finds the aspects of every comment without them or found by another version of the aspect reader, in batches,
 * moving the key rollups' aspect counts with them (each batch one transaction). Returns how many it read.
 */
export async function rederiveAspects(deps: RollupDeps): Promise<number> {
  const { db } = deps;
  const keys = keyRollupStatements(db, "response");
  let done = 0;
  let after = "";
  for (;;) {
    const rs = await db.$client.execute({
      sql:
        `select r.id, r.comment, r.locale from responses r left join comment_aspects ca on ca.response_id = r.id ` +
        `where r.id > ? and r.comment is not null and trim(r.comment) != '' and (ca.version is null or ca.version != ?) order by r.id limit ${ASPECT_BATCH}`,
      args: [after, ASPECTS_VERSION],
    });
    if (rs.rows.length === 0) break;
    const rows = rs.rows.map((r) => ({ id: String(r.id), comment: r.comment as string | null, locale: r.locale as string | null }));
    const ids = JSON.stringify(rows.map((r) => r.id));
    await db.commit([{ sql: keys.remove, args: [ids] }, ...storeAspects("response", rows), { sql: keys.add, args: [ids] }]);
    done += rows.length;
    after = rows[rows.length - 1].id;
    deps.log.info("comment aspects: read again", { comments: done, version: ASPECTS_VERSION });
  }
  return done;
}

/**
 * Builds the answer rollups of a database from before them (or bucketed for another time zone): the comments'
 * aspects first, then the responses summed in batches of BUILD_BATCH by rowid, each batch its own transaction,
 * with progress in the log. Runs at start (Node) and in `npm run db:migrate` (Workers) before answers are taken,
 * and is marked done only at the end: interrupted, it starts again from scratch.
 */
export async function buildAnswerRollups(deps: RollupDeps, opts: { batch?: number } = {}): Promise<void> {
  const batch = opts.batch ?? BUILD_BATCH;
  const { db } = deps;
  await db.commit(["delete from answer_rollups", "delete from answer_key_rollups", "delete from answer_rollup_state"]);
  // Comment aspects: found for every comment (those already found by this version are kept).
  await db.commit([{ sql: "delete from comment_aspects where version != ?", args: [ASPECTS_VERSION] }]);
  const aspects = await rederiveAspectRows(deps);
  const [bounds] = (await db.$client.execute("select coalesce(max(rowid), 0) as top, count(*) as n from responses")).rows;
  const top = Number(bounds.top);
  const total = Number(bounds.n);
  const where = "r.rowid > ? and r.rowid <= ?";
  const sqls = [answerRollupSql(1, where, db.utcOffsetMs), keyRollupSql(1, where, db.utcOffsetMs)];
  let summed = 0;
  for (let lo = 0; lo < top; lo += batch) {
    const hi = Math.min(top, lo + batch);
    await db.commit(sqls.map((sql) => ({ sql, args: [lo, hi] })));
    summed = Number((await db.$client.execute({ sql: "select count(*) as n from responses where rowid <= ?", args: [hi] })).rows[0].n);
    if (top > batch) deps.log.info("answer rollups: building", { responses: summed, of: total });
  }
  await db.commit([{ sql: "insert into answer_rollup_state (id, utc_offset_ms) values (1, ?) on conflict (id) do update set utc_offset_ms = excluded.utc_offset_ms", args: [db.utcOffsetMs] }]);
  deps.log.info("answer rollups: built", { responses: total, comments: aspects });
}

/** The aspects of comments that have none stored, in batches (before the key rollups exist: nothing to move). */
async function rederiveAspectRows(deps: RollupDeps): Promise<number> {
  const { db } = deps;
  let done = 0;
  let after = "";
  for (;;) {
    const rs = await db.$client.execute({
      sql: `select r.id, r.comment, r.locale from responses r where r.id > ? and r.comment is not null and trim(r.comment) != '' and not exists (select 1 from comment_aspects ca where ca.response_id = r.id) order by r.id limit ${ASPECT_BATCH}`,
      args: [after],
    });
    if (rs.rows.length === 0) break;
    const rows = rs.rows.map((r) => ({ id: String(r.id), comment: r.comment as string | null, locale: r.locale as string | null }));
    await db.commit(storeAspects("response", rows));
    done += rows.length;
    after = rows[rows.length - 1].id;
    if (done % (ASPECT_BATCH * 10) === 0) deps.log.info("answer rollups: reading comments", { comments: done });
  }
  return done;
}

/** At start and in `npm run db:migrate`: builds what a database from before a rollup lacks, and reads comments again when the aspect reader changed. */
export async function upgradeRollups(deps: RollupDeps): Promise<void> {
  if (await rollupsNeedRebuild(deps.db)) await rebuildRollups(deps.db);
  if (await answerRollupsNeedBuild(deps.db)) await buildAnswerRollups(deps);
  else await rederiveAspects(deps);
}
