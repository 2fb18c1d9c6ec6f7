// Drizzle tables of ValuePulse. Times are epoch ms (UTC); money is integer minor units + ISO 4217 code.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name"),
  role: text("role", { enum: ["admin", "marketer", "support", "viewer"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a stolen database copy cannot sign anyone in. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiKeys = sqliteTable("api_keys", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  prefix: text("prefix").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  scope: text("scope", { enum: ["ingest", "read", "full"] }).notNull(),
  createdAt: integer("created_at").notNull(),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
});

export const customers = sqliteTable("customers", {
  id: text("id").primaryKey(),
  /** Lower-cased: one customer per address. */
  email: text("email").notNull().unique(),
  name: text("name"),
  locale: text("locale").notNull(),
  unsubscribedAt: integer("unsubscribed_at"),
  createdAt: integer("created_at").notNull(),
});

export const purchases = sqliteTable(
  "purchases",
  {
    id: text("id").primaryKey(),
    /** The shop's order id: purchases are idempotent on it. */
    orderId: text("order_id").notNull().unique(),
    customerId: text("customer_id").notNull().references(() => customers.id),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    channel: text("channel"),
    purchasedAt: integer("purchased_at").notNull(),
    fulfilledAt: integer("fulfilled_at"),
    /** Hash of the canonical request: the same id with other content is a conflict. */
    contentHash: text("content_hash").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("purchases_customer_idx").on(t.customerId)],
);

export const purchaseItems = sqliteTable(
  "purchase_items",
  {
    id: text("id").primaryKey(),
    purchaseId: text("purchase_id").notNull().references(() => purchases.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    sku: text("sku"),
    name: text("name").notNull(),
    category: text("category"),
  },
  (t) => [index("purchase_items_purchase_idx").on(t.purchaseId)],
);

export const templates = sqliteTable("templates", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  status: text("status", { enum: ["draft", "active", "archived"] }).notNull(),
  version: integer("version").notNull(),
  /** Free-form, versioned template content (questions and texts per locale): JSON by design. */
  content: text("content", { mode: "json" }).notNull(),
  delayHours: integer("delay_hours").notNull(),
  throttleDays: integer("throttle_days").notNull(),
  closeAfterDays: integer("close_after_days").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    purchaseId: text("purchase_id").notNull().references(() => purchases.id),
    customerId: text("customer_id").notNull().references(() => customers.id),
    templateId: text("template_id").notNull().references(() => templates.id),
    templateVersion: integer("template_version").notNull(),
    /** SHA-256 of the survey token; the token itself is derived from the secret key and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    locale: text("locale").notNull(),
    status: text("status", { enum: ["scheduled", "sending", "sent", "skipped", "failed"] }).notNull(),
    dueAt: integer("due_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    /** The send batch this invitation belongs to; the batch id is the provider's Idempotency-Key. */
    batchId: text("batch_id"),
    leaseUntil: integer("lease_until"),
    sentAt: integer("sent_at"),
    providerMessageId: text("provider_message_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("invitations_purchase_template_uq").on(t.purchaseId, t.templateId),
    index("invitations_due_idx").on(t.status, t.dueAt),
    index("invitations_customer_template_idx").on(t.customerId, t.templateId, t.createdAt),
    index("invitations_batch_idx").on(t.batchId),
  ],
);

export const responses = sqliteTable(
  "responses",
  {
    id: text("id").primaryKey(),
    /** One response per invitation; answering again updates it. */
    invitationId: text("invitation_id").notNull().unique().references(() => invitations.id),
    templateId: text("template_id").notNull(),
    templateVersion: integer("template_version").notNull(),
    customerId: text("customer_id").notNull(),
    locale: text("locale").notNull(),
    channel: text("channel"),
    score: integer("score"),
    csat: integer("csat"),
    benefitFunctional: integer("benefit_functional"),
    benefitSocial: integer("benefit_social"),
    benefitEmotional: integer("benefit_emotional"),
    benefitMonetary: integer("benefit_monetary"),
    costMoney: integer("cost_money"),
    costTime: integer("cost_time"),
    costEffort: integer("cost_effort"),
    costRisk: integer("cost_risk"),
    comment: text("comment"),
    /** Answers to questions outside the value model (free-form keys). */
    extra: text("extra", { mode: "json" }).$type<Record<string, string>>(),
    /** Bot signals flag an answer, never drop it. */
    flagged: integer("flagged", { mode: "boolean" }).notNull().default(false),
    answeredAt: integer("answered_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Category of the purchase's first categorised item, copied at answer time so rollups and filters need no join. */
    category: text("category"),
    /** The closed loop: who handles it, where it stands, when it was closed. */
    status: text("status", { enum: ["open", "in_progress", "closed"] }).notNull().default("open"),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    closedAt: integer("closed_at"),
  },
  (t) => [
    index("responses_answered_idx").on(t.answeredAt),
    index("responses_updated_idx").on(t.updatedAt),
    index("responses_status_idx").on(t.status, t.answeredAt),
  ],
);

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

/** Internal notes on a response, and replies emailed to its customer (kind "reply"). */
export const responseNotes = sqliteTable(
  "response_notes",
  {
    id: text("id").primaryKey(),
    responseId: text("response_id").notNull().references(() => responses.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["note", "reply"] }).notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("response_notes_response_idx").on(t.responseId, t.createdAt)],
);

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
  locale: text("locale", { enum: ["en", "vi"] }).notNull().default("en"),
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

/** The dev mailbox: where emails go when no RESEND_API_KEY is set. */
export const mailbox = sqliteTable(
  "mailbox",
  {
    id: text("id").primaryKey(),
    /** Idempotency-Key of the batch + position: a retried batch is stored once, like at the provider. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    from: text("from_address").notNull(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: text("headers", { mode: "json" }).notNull().$type<Record<string, string>>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("mailbox_created_idx").on(t.createdAt)],
);
