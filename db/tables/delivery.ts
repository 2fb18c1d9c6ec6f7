// Email delivery: the dev mailbox, suppressions, erased opt-outs and provider events.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { SUPPRESSION_REASONS } from "../../server/domain/vocabulary";

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
