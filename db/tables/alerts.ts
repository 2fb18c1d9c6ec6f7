// Alert rules and the alerts they raised.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { LOCALES } from "../../server/domain/vocabulary";
import { responses } from "./surveys";

/** What raises an alert: score at most maxScore and/or a comment containing keyword (both set: both must hold). */
export const alertRules = sqliteTable("alert_rules", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  maxScore: integer("max_score"),
  /** Lower-cased; matched case-insensitively anywhere in the comment. */
  keyword: text("keyword"),
  /** Leads' email addresses to notify; the list is only ever read whole. */
  recipients: text("recipients", { mode: "json" }).notNull().$type<string[]>(),
  /** Language of this rule's alert emails. */
  locale: text("locale", { enum: LOCALES }).notNull().default("en"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull(),
});

/**
 * One alert per rule and response, raised in the answer's own transaction (so its id is
 * "{responseId}.{ruleId}", made in SQL); emailedAt once the leads were emailed.
 */
export const alerts = sqliteTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    ruleId: text("rule_id").notNull().references(() => alertRules.id, { onDelete: "cascade" }),
    responseId: text("response_id").notNull().references(() => responses.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    emailedAt: integer("emailed_at"),
  },
  (t) => [index("alerts_response_idx").on(t.responseId), index("alerts_created_idx").on(t.createdAt), index("alerts_unsent_idx").on(t.emailedAt)],
);
