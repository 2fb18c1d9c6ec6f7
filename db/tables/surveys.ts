// Survey templates, invitations, responses and what hangs off them (notes, reminders, link clicks, theme lexicon).
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { TIERS } from "../../server/domain/value-tiers";
import { CASE_STATUSES, INVITATION_STATUSES, NOTE_KINDS, TEMPLATE_STATUSES } from "../../server/domain/vocabulary";
import { customers, purchases } from "./customers";
import { users } from "./staff";

export const templates = sqliteTable("templates", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** draft: never published; published: its latest version invites customers; archived: invites no one. */
  status: text("status", { enum: TEMPLATE_STATUSES }).notNull(),
  /** Latest published version (0: never published). Its content lives, immutable, in template_versions. */
  version: integer("version").notNull(),
  /** The editable working copy (free-form JSON by design); publishing copies it into a new version. */
  content: text("content", { mode: "json" }).notNull(),
  /** Sending rules of the working copy (JSON: evaluated in memory by the rule engine, never filtered in SQL). */
  rules: text("rules", { mode: "json" }),
  /** The working copy differs from the latest published version. */
  hasDraft: integer("has_draft", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at"),
  publishedAt: integer("published_at"),
});

/** Published versions: written once, never updated, so invitations and responses keep the exact wording they used. */
export const templateVersions = sqliteTable(
  "template_versions",
  {
    templateId: text("template_id").notNull().references(() => templates.id),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    content: text("content", { mode: "json" }).notNull(),
    rules: text("rules", { mode: "json" }).notNull(),
    publishedAt: integer("published_at").notNull(),
    /** User id, or "apiKey:{id}", or "system" for the seeded default. */
    publishedBy: text("published_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);

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
    status: text("status", { enum: INVITATION_STATUSES }).notNull(),
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
    /** When a mail scanner was seen opening this invitation's links (honeypot hit or a burst of score links). It stays answerable. */
    scannedAt: integer("scanned_at"),
  },
  (t) => [
    uniqueIndex("invitations_purchase_template_uq").on(t.purchaseId, t.templateId),
    index("invitations_due_idx").on(t.status, t.dueAt),
    index("invitations_customer_template_idx").on(t.customerId, t.templateId, t.createdAt),
    index("invitations_batch_idx").on(t.batchId),
    /** Provider events name the message, not the invitation. */
    index("invitations_message_idx").on(t.providerMessageId),
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
    /**
     * The closed loop (server/domain/cases.ts): who handles it, where it stands, when it was closed. "none": no case;
     * the answer writer stores "none" and opens a case for detractors and alert matches; the column's default stays "open"
     * (changing it would rebuild the table), so any other writer errs on the side of a case.
     */
    status: text("status", { enum: CASE_STATUSES }).notNull().default("open"),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    closedAt: integer("closed_at"),
    /**
     * The customer's value tier when they answered: from their purchases in the 12 months before the purchase the
     * survey is about (server/domain/value-tiers.ts, tierAtPurchaseSql), set when the response is first stored.
     */
    tier: text("tier", { enum: TIERS }),
  },
  (t) => [
    index("responses_answered_idx").on(t.answeredAt),
    index("responses_tier_idx").on(t.tier, t.answeredAt),
    index("responses_updated_idx").on(t.updatedAt),
    index("responses_status_idx").on(t.status, t.answeredAt),
  ],
);

/** Internal notes on a response, and replies emailed to its customer (kind "reply"). */
export const responseNotes = sqliteTable(
  "response_notes",
  {
    id: text("id").primaryKey(),
    responseId: text("response_id").notNull().references(() => responses.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: NOTE_KINDS }).notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("response_notes_response_idx").on(t.responseId, t.createdAt)],
);

/**
 * The one reminder of an invitation, its own outbox row (same columns and life cycle as an invitation's
 * send): created when the invitation is marked sent, due `reminderAfterDays` later.
 */
export const reminders = sqliteTable(
  "reminders",
  {
    id: text("id").primaryKey(),
    invitationId: text("invitation_id").notNull().unique().references(() => invitations.id),
    status: text("status", { enum: INVITATION_STATUSES }).notNull(),
    dueAt: integer("due_at").notNull(),
    batchId: text("batch_id"),
    leaseUntil: integer("lease_until"),
    sentAt: integer("sent_at"),
    providerMessageId: text("provider_message_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("reminders_due_idx").on(t.status, t.dueAt),
    index("reminders_batch_idx").on(t.batchId),
    index("reminders_message_idx").on(t.providerMessageId),
  ],
);

/**
 * Opens of an email's links soon after delivery (and every honeypot hit), kept only to tell mail scanners from
 * people. Never an answer: a GET records no score.
 */
export const linkClicks = sqliteTable(
  "link_clicks",
  {
    id: text("id").primaryKey(),
    invitationId: text("invitation_id").notNull().references(() => invitations.id),
    /** The score link's 0–10; null for the honeypot link. */
    score: integer("score"),
    /** Set aside as a mail scanner's click. */
    automated: integer("automated", { mode: "boolean" }).notNull().default(false),
    at: integer("at").notNull(),
  },
  (t) => [index("link_clicks_invitation_idx").on(t.invitationId, t.at), index("link_clicks_automated_idx").on(t.automated, t.at)],
);

/** The comment-theme lexicon a marketer edits: a folded phrase → the value type or cost kind it is about. */
export const themeLexicon = sqliteTable("theme_lexicon", {
  phrase: text("phrase").primaryKey(),
  target: text("target").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
