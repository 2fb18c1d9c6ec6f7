// Answer rollups (issue 22): what the Analytics page and Live's tier filter read instead of the responses.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { PAIR_COLUMNS } from "../../server/domain/pair-sums";
import { VALUE_ANSWER_KEYS } from "../../server/domain/vocabulary";
import { responses } from "./surveys";

/** The segment key every answer rollup row carries; a missing value (no channel, category or tier) is "-". */
const segmentKey = {
  grain: text("grain", { enum: ["d", "m"] }).notNull(),
  bucket: integer("bucket").notNull(),
  templateId: text("template_id").notNull(),
  channel: text("channel").notNull(),
  locale: text("locale").notNull(),
  category: text("category").notNull(),
  /** The tier at answer time (responses.tier). */
  tier: text("tier").notNull(),
};

const counts = ["responses", "promoters", "passives", "detractors", "csat_responses", "csat_satisfied", ...VALUE_ANSWER_KEYS.flatMap((k) => [`${k}_sum`, `${k}_count`])];

/**
 * Per local day ("d") and month ("m") — `bucket` is its start in epoch ms, days cut at midnight in TIMEZONE —
 * and segment including the tier at answer time: the score counts of score_rollups, plus the pairwise sums of the
 * NPS answer and the eight value answers over the answers giving both and the NPS answer (server/domain/pair-sums.ts:
 * key drivers). Kept in the answer's own transaction (server/services/rollup-writes.ts).
 */
export const answerRollups = sqliteTable(
  "answer_rollups",
  {
    ...segmentKey,
    ...Object.fromEntries([...counts, ...PAIR_COLUMNS].map((c) => [c, integer(c).notNull().default(0)])),
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucket, t.templateId, t.channel, t.locale, t.category, t.tier] })],
);

/**
 * Counts and sums by key, same buckets and segments: `x:KEY=VALUE` answers to closed questions outside the value
 * model (expectations, touchpoint ratings); `i:VERSION:SCALE:KEY` and `i:VERSION:SCALE:KEY*KEY` the item sums of a
 * scale over the answers giving every item its template version asks (n, Σx or Σxy); `a:ASPECT:POLARITY:CLASS`
 * comments speaking of an aspect, `c:CLASS` comments, per NPS class (p, a, d; "-" without an NPS answer).
 */
export const answerKeyRollups = sqliteTable(
  "answer_key_rollups",
  {
    ...segmentKey,
    key: text("key").notNull(),
    n: integer("n").notNull(),
    sum: integer("sum").notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucket, t.templateId, t.channel, t.locale, t.category, t.tier, t.key] })],
);

/** The aspects of a response's comment (server/domain/comment-aspects.ts), found when it is stored: "ASPECT:POLARITY" strings as JSON. */
export const commentAspectRows = sqliteTable("comment_aspects", {
  responseId: text("response_id")
    .primaryKey()
    .references(() => responses.id, { onDelete: "cascade" }),
  aspects: text("aspects").notNull(),
  /** The aspect lexicon's version they were found with; the re-derive job redoes the others. */
  version: text("version").notNull(),
});

/** One row (id = 1) once the answer rollups are built (a database from before them is built at start): the time zone they are bucketed in. */
export const answerRollupState = sqliteTable("answer_rollup_state", {
  id: integer("id").primaryKey(),
  utcOffsetMs: integer("utc_offset_ms").notNull(),
});
