// The two outboxes the dispatcher drains — first invitations and their reminders — as rows with the same send columns.
import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { customers, invitations, reminders, responses, suppressions } from "../../db/schema";
import type { SendCandidate } from "../domain/send-time-rules";
import type { EmailKind } from "./compose-email";
import { newId } from "../ids";
import { templateById } from "./templates";
import { DAY_MS } from "../domain/time";

/**
 * Both tables carry the same outbox columns (id, status, dueAt, batchId, leaseUntil, sentAt,
 * providerMessageId, attempts, lastError); the claim/send code is written once against them.
 */
export type OutboxTable = typeof invitations;

export type Member = { rowId: string; invitation: typeof invitations.$inferSelect; customer: typeof customers.$inferSelect };

export type Outbox = {
  kind: EmailKind;
  table: OutboxTable;
  /** Whether the throttle window applies (a reminder belongs to an invitation already let through). */
  throttle: boolean;
  /** Due rows with what the send-time rules need, oldest first. */
  candidates(db: Db, now: number, limit: number): Promise<SendCandidate[]>;
  /** A batch's rows still being sent, in a stable order (the batch body must be the same on every attempt). */
  members(db: Db, batchId: string): Promise<Member[]>;
  /** Extra writes in the same transaction as marking these rows sent. */
  afterSent(db: Db, sent: { member: Member; sentAt: number }[]): Promise<BatchItem<"sqlite">[]>;
};

const suppressedJoin = eq(suppressions.email, customers.email);

export const invitationOutbox: Outbox = {
  kind: "invitation",
  table: invitations,
  throttle: true,
  async candidates(db, now, limit) {
    const rows = await db
      .select({
        id: invitations.id,
        customerId: invitations.customerId,
        templateId: invitations.templateId,
        dueAt: invitations.dueAt,
        closesAt: invitations.closesAt,
        unsubscribedAt: customers.unsubscribedAt,
        suppressedAt: suppressions.createdAt,
      })
      .from(invitations)
      .innerJoin(customers, eq(customers.id, invitations.customerId))
      .leftJoin(suppressions, suppressedJoin)
      .where(and(eq(invitations.status, "scheduled"), lte(invitations.dueAt, now)))
      .orderBy(asc(invitations.dueAt))
      .limit(limit);
    return rows.map((r) => ({ ...r, unsubscribed: r.unsubscribedAt !== null, suppressed: r.suppressedAt !== null }));
  },
  async members(db, batchId) {
    const rows = await db
      .select({ invitation: invitations, customer: customers })
      .from(invitations)
      .innerJoin(customers, eq(customers.id, invitations.customerId))
      .where(and(eq(invitations.batchId, batchId), eq(invitations.status, "sending")))
      .orderBy(asc(invitations.id));
    return rows.map((r) => ({ rowId: r.invitation.id, ...r }));
  },
  async afterSent(db, sent) {
    const rows: (typeof reminders.$inferInsert)[] = [];
    for (const { member, sentAt } of sent) {
      const rules = (await templateById(db, member.invitation.templateId, member.invitation.templateVersion))?.rules;
      if (!rules?.reminderAfterDays) continue;
      const dueAt = sentAt + rules.reminderAfterDays * DAY_MS;
      // A reminder for a survey that will have closed by then would only lead to a closed page.
      if (dueAt >= member.invitation.closesAt) continue;
      rows.push({ id: newId(sentAt), invitationId: member.invitation.id, status: "scheduled", dueAt, createdAt: sentAt });
    }
    return rows.length ? [db.insert(reminders).values(rows).onConflictDoNothing()] : [];
  },
};

export const reminderOutbox: Outbox = {
  kind: "reminder",
  // Same outbox columns under the same property names (see OutboxTable).
  table: reminders as unknown as OutboxTable,
  throttle: false,
  async candidates(db, now, limit) {
    const rows = await db
      .select({
        id: reminders.id,
        customerId: invitations.customerId,
        templateId: invitations.templateId,
        dueAt: reminders.dueAt,
        closesAt: invitations.closesAt,
        unsubscribedAt: customers.unsubscribedAt,
        suppressedAt: suppressions.createdAt,
        responseId: responses.id,
      })
      .from(reminders)
      .innerJoin(invitations, eq(invitations.id, reminders.invitationId))
      .innerJoin(customers, eq(customers.id, invitations.customerId))
      .leftJoin(suppressions, suppressedJoin)
      .leftJoin(responses, eq(responses.invitationId, invitations.id))
      .where(and(eq(reminders.status, "scheduled"), lte(reminders.dueAt, now)))
      .orderBy(asc(reminders.dueAt))
      .limit(limit);
    return rows.map((r) => ({ ...r, unsubscribed: r.unsubscribedAt !== null, suppressed: r.suppressedAt !== null, answered: r.responseId !== null }));
  },
  async members(db, batchId) {
    const rows = await db
      .select({ rowId: reminders.id, invitation: invitations, customer: customers })
      .from(reminders)
      .innerJoin(invitations, eq(invitations.id, reminders.invitationId))
      .innerJoin(customers, eq(customers.id, invitations.customerId))
      .where(and(eq(reminders.batchId, batchId), eq(reminders.status, "sending")))
      .orderBy(asc(reminders.id));
    return rows;
  },
  async afterSent() {
    return [];
  },
};

/** When each of these customers was last sent (or is being sent) an invitation, per template — for the throttle window. */
export async function lastInvitedAt(db: Db, customerIds: string[], now: number) {
  if (customerIds.length === 0) return [];
  return db
    .select({ customerId: invitations.customerId, templateId: invitations.templateId, at: sql<number>`max(coalesce(${invitations.sentAt}, ${now}))` })
    .from(invitations)
    .where(and(inArray(invitations.customerId, customerIds), inArray(invitations.status, ["sent", "sending"]), isNotNull(invitations.customerId)))
    .groupBy(invitations.customerId, invitations.templateId);
}
