// Drizzle tables of ValuePulse. Times are epoch ms (UTC); money is integer minor units + ISO 4217 code.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CASE_STATUSES } from "../server/domain/cases";
import { TIERS } from "../server/domain/value-tiers";
import { LOCALES, ROLES } from "../server/domain/vocabulary";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name"),
  role: text("role", { enum: ROLES }).notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull(),
  /** invited: has not set a password yet (password_hash matches nothing); deactivated: cannot sign in, sessions ended. */
  status: text("status", { enum: ["active", "invited", "deactivated"] }).notNull().default("active"),
  deactivatedAt: integer("deactivated_at"),
  /** The dashboard's language this user chose; null: follow the browser's. */
  uiLocale: text("ui_locale", { enum: LOCALES }),
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a stolen database copy cannot sign anyone in. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Last request seen (to the minute): a session idle longer than SESSION_IDLE_TIMEOUT_MS ends. Null: opened before idle timeouts, counts from createdAt. */
    lastSeenAt: integer("last_seen_at"),
    /** Shown in the sessions list so a user can tell their devices apart. */
    userAgent: text("user_agent"),
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

export const customers = sqliteTable(
  "customers",
  {
    id: text("id").primaryKey(),
    /** Lower-cased: one customer per address. */
    email: text("email").notNull().unique(),
    name: text("name"),
    locale: text("locale").notNull(),
    unsubscribedAt: integer("unsubscribed_at"),
    createdAt: integer("created_at").notNull(),
  },
  // Outgoing webhooks and the Delighted API list unsubscribes by time.
  (t) => [index("customers_unsubscribed_idx").on(t.unsubscribedAt)],
);

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
  /** draft: never published; published: its latest version invites customers; archived: invites no one. */
  status: text("status", { enum: ["draft", "published", "archived"] }).notNull(),
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

/** Single-use links for setting a password: an invitation to join, or a reset. Only the token's SHA-256 is stored. */
export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["invite", "reset"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("password_tokens_user_idx").on(t.userId)],
);

/** Failed sign-ins per account, for lockout with backoff. Keyed by SHA-256 of the email: typed-in addresses are not stored. */
export const loginAttempts = sqliteTable("login_attempts", {
  emailHash: text("email_hash").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailedAt: integer("last_failed_at").notNull(),
  lockedUntil: integer("locked_until"),
});

/** Admin actions: who, what, when, and the record before and after. Never holds secrets. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    actorKind: text("actor_kind", { enum: ["user", "apiKey", "system"] }).notNull(),
    actorId: text("actor_id"),
    /** The actor's email (or key name) at the time: the log stays readable after the user is gone. */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    before: text("before", { mode: "json" }).$type<Record<string, unknown>>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown>>(),
    /** The client address the action came from (behind a trusted proxy, the client it names: TRUST_PROXY); null for system actions. */
    address: text("address"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);

/** Privacy settings (one row, id = 1). retention_months null: keep personal data until erased by hand. */
export const privacySettings = sqliteTable("privacy_settings", {
  id: integer("id").primaryKey(),
  retentionMonths: integer("retention_months"),
  lastRetentionRunAt: integer("last_retention_run_at"),
  updatedAt: integer("updated_at").notNull(),
});

/** The comment-theme lexicon a marketer edits: a folded phrase → the value type or cost kind it is about. */
export const themeLexicon = sqliteTable("theme_lexicon", {
  phrase: text("phrase").primaryKey(),
  target: text("target").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

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

/**
 * The one reminder of an invitation, its own outbox row (same columns and life cycle as an invitation's
 * send): created when the invitation is marked sent, due `reminderAfterDays` later.
 */
export const reminders = sqliteTable(
  "reminders",
  {
    id: text("id").primaryKey(),
    invitationId: text("invitation_id").notNull().unique().references(() => invitations.id),
    status: text("status", { enum: ["scheduled", "sending", "sent", "skipped", "failed"] }).notNull(),
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

const SUPPRESSION_REASONS = ["hard_bounce", "complaint", "manual"] as const;

/** Addresses never emailed again: hard bounces and complaints (from provider events) and manual entries by admins. */
export const suppressions = sqliteTable("suppressions", {
  /** Lower-cased, like customers.email. */
  email: text("email").primaryKey(),
  reason: text("reason", { enum: SUPPRESSION_REASONS }).notNull(),
  /** The provider's bounce message, or the admin's note. */
  detail: text("detail"),
  /** The provider event that added it (svix-id), when it came from one. */
  eventId: text("event_id"),
  /** Who added it by hand: "user:<id>" or "key:<id>". */
  createdBy: text("created_by"),
  createdAt: integer("created_at").notNull(),
});

/**
 * The opt-outs of people whose address is gone (erased, or pseudonymized by retention), keyed by an HMAC of the
 * address under SECRET_KEY: not the address, yet enough to recognise it if a shop sends it again, so that an
 * unsubscribe or a suppression outlives the erasure.
 */
export const erasedOptOuts = sqliteTable("erased_opt_outs", {
  emailDigest: text("email_digest").primaryKey(),
  /** When they unsubscribed, if they had. */
  unsubscribedAt: integer("unsubscribed_at"),
  /** Why their address was suppressed, if it was. */
  suppressionReason: text("suppression_reason", { enum: SUPPRESSION_REASONS }),
  erasedAt: integer("erased_at").notNull(),
});

/** Provider (Resend) email events, one row per webhook delivery id (svix-id): retries of an event are stored once. */
export const emailEvents = sqliteTable(
  "email_events",
  {
    id: text("id").primaryKey(),
    /** "email.delivered", "email.bounced", "email.complained", "email.delivery_delayed", … */
    type: text("type").notNull(),
    /** The provider's message id (invitations.provider_message_id or reminders.provider_message_id). */
    emailId: text("email_id"),
    recipient: text("recipient"),
    /** e.g. "Permanent/General: mailbox does not exist" for a bounce. */
    detail: text("detail"),
    occurredAt: integer("occurred_at").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [index("email_events_email_idx").on(t.emailId)],
);
/** Store webhooks already handled (Shopify X-Shopify-Webhook-Id, Stripe event id): a redelivery changes nothing. */
export const webhookReceipts = sqliteTable("webhook_receipts", {
  /** `${provider}:${their id}` */
  id: text("id").primaryKey(),
  topic: text("topic").notNull(),
  receivedAt: integer("received_at").notNull(),
});

/** A CSV import of purchases and its progress. */
const IMPORT_KINDS = ["purchases", "delighted", "delighted-responses", "delighted-people", "delighted-unsubscribes", "delighted-bounces"] as const;
export const imports = sqliteTable("imports", {
  id: text("id").primaryKey(),
  /** "delighted": a Delighted import whose file was not read yet; it becomes the kind found in the file. */
  kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
  status: text("status", { enum: ["waiting", "running", "done", "failed"] }).notNull(),
  fileName: text("file_name"),
  /** From Content-Length when known: progress = bytesRead / bytesTotal. */
  bytesTotal: integer("bytes_total"),
  bytesRead: integer("bytes_read").notNull().default(0),
  rowsProcessed: integer("rows_processed").notNull().default(0),
  imported: integer("imported").notNull().default(0),
  /** Rows whose order id was already recorded with the same content. */
  unchanged: integer("unchanged").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  error: text("error"),
  createdAt: integer("created_at").notNull(),
  finishedAt: integer("finished_at"),
});

export const importErrors = sqliteTable(
  "import_errors",
  {
    id: text("id").primaryKey(),
    importId: text("import_id").notNull().references(() => imports.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    field: text("field").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [index("import_errors_import_idx").on(t.importId, t.line)],
);

/** Outgoing webhook endpoints registered by admins. */
export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  description: text("description"),
  /** Space-separated event types, e.g. "response.created detractor.alert". */
  events: text("events").notNull(),
  format: text("format", { enum: ["standard", "slack"] }).notNull(),
  /** The signing secret is derived from SECRET_KEY, the id and this version (never stored); rotating bumps it. */
  secretVersion: integer("secret_version").notNull().default(1),
  createdAt: integer("created_at").notNull(),
  disabledAt: integer("disabled_at"),
});

/** The outbox: one row per event per endpoint, written before any attempt; delivered at least once. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    /** Also the Standard Webhooks `webhook-id`, stable across retries. */
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type", { enum: ["response.created", "response.updated", "detractor.alert", "customer.unsubscribed"] }).notNull(),
    /** What the event is about (response id + version, customer id): an event is queued once per endpoint. */
    dedupeKey: text("dedupe_key").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("webhook_deliveries_dedupe_uq").on(t.endpointId, t.dedupeKey), index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt)],
);

/** The delivery log: one row per attempt. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id").notNull().references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    at: integer("at").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);

/** How far the webhook outbox has read each source of events (epoch ms). */
export const webhookCursors = sqliteTable("webhook_cursors", {
  name: text("name").primaryKey(),
  position: integer("position").notNull(),
});

/** Properties sent with a survey request through the Delighted-compatible API, returned as `person_properties`. */
export const purchaseProperties = sqliteTable("purchase_properties", {
  purchaseId: text("purchase_id").primaryKey().references(() => purchases.id, { onDelete: "cascade" }),
  /** Free-form keys chosen by the sender: JSON by design. */
  properties: text("properties", { mode: "json" }).notNull().$type<Record<string, string>>(),
});

/** Delighted's person ids of imported people, so a survey_responses.json that names only the person id finds them. */
export const delightedPeople = sqliteTable("delighted_people", {
  personId: text("person_id").primaryKey(),
  customerId: text("customer_id").notNull().references(() => customers.id, { onDelete: "cascade" }),
});
