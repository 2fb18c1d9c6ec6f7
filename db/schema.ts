// Drizzle tables of ValuePulse. Times are epoch ms (UTC); money is integer minor units + ISO 4217 code.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
  },
  (t) => [index("responses_answered_idx").on(t.answeredAt), index("responses_updated_idx").on(t.updatedAt)],
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

/** Store webhooks already handled (Shopify X-Shopify-Webhook-Id, Stripe event id): a redelivery changes nothing. */
export const webhookReceipts = sqliteTable("webhook_receipts", {
  /** `${provider}:${their id}` */
  id: text("id").primaryKey(),
  topic: text("topic").notNull(),
  receivedAt: integer("received_at").notNull(),
});

/** A CSV import of purchases and its progress. */
export const imports = sqliteTable("imports", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["purchases"] }).notNull(),
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
