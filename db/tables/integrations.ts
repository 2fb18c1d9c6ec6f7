// Integrations: incoming webhook receipts, imports, outgoing webhook endpoints, deliveries and cursors.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { IMPORT_KINDS, IMPORT_STATUSES, WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS } from "../../server/domain/vocabulary";

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
  /** "delighted": a Delighted import whose file was not read yet; it becomes the kind found in the file. */
  kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
  status: text("status", { enum: IMPORT_STATUSES }).notNull(),
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
  format: text("format", { enum: WEBHOOK_FORMATS }).notNull(),
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
    eventType: text("event_type", { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    /** What the event is about (response id + version, customer id): an event is queued once per endpoint. */
    dedupeKey: text("dedupe_key").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull(),
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
