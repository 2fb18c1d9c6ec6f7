// Score rollups: answers summed as they arrive, per day and segment.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Pre-aggregated scores per time bucket and segment, maintained in the same transaction as every
 * answer (record-answer.ts), so dashboard reads never scan responses. `grain` is "d" (UTC day) or
 * "m" (UTC month); `bucket` is the bucket's start (epoch ms). `combo` says which segment columns
 * are real: 0 = all four (template, channel, locale, category), 1 = none (everything), 2–5 = only
 * template / channel / locale / category; the others hold "". A missing value (no channel) is "-".
 */
export const scoreRollups = sqliteTable(
  "score_rollups",
  {
    combo: integer("combo").notNull(),
    grain: text("grain", { enum: ["d", "m"] }).notNull(),
    bucket: integer("bucket").notNull(),
    templateId: text("template_id").notNull(),
    channel: text("channel").notNull(),
    locale: text("locale").notNull(),
    category: text("category").notNull(),
    responses: integer("responses").notNull(),
    promoters: integer("promoters").notNull(),
    passives: integer("passives").notNull(),
    detractors: integer("detractors").notNull(),
    csatResponses: integer("csat_responses").notNull(),
    csatSatisfied: integer("csat_satisfied").notNull(),
    benefitFunctionalSum: integer("benefit_functional_sum").notNull(),
    benefitFunctionalCount: integer("benefit_functional_count").notNull(),
    benefitSocialSum: integer("benefit_social_sum").notNull(),
    benefitSocialCount: integer("benefit_social_count").notNull(),
    benefitEmotionalSum: integer("benefit_emotional_sum").notNull(),
    benefitEmotionalCount: integer("benefit_emotional_count").notNull(),
    benefitMonetarySum: integer("benefit_monetary_sum").notNull(),
    benefitMonetaryCount: integer("benefit_monetary_count").notNull(),
    costMoneySum: integer("cost_money_sum").notNull(),
    costMoneyCount: integer("cost_money_count").notNull(),
    costTimeSum: integer("cost_time_sum").notNull(),
    costTimeCount: integer("cost_time_count").notNull(),
    costEffortSum: integer("cost_effort_sum").notNull(),
    costEffortCount: integer("cost_effort_count").notNull(),
    costRiskSum: integer("cost_risk_sum").notNull(),
    costRiskCount: integer("cost_risk_count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.combo, t.grain, t.bucket, t.templateId, t.channel, t.locale, t.category] })],
);

/** How score_rollups is bucketed (one row, id = 1): days start at midnight this many ms ahead of UTC. No row: UTC. */
export const rollupSettings = sqliteTable("rollup_settings", {
  id: integer("id").primaryKey(),
  utcOffsetMs: integer("utc_offset_ms").notNull(),
});
