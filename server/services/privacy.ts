// A customer's personal data: export it all (JSON), erase it all, and the retention policy that removes it after N months.
import { and, eq, gte, inArray, isNotNull, isNull, like, lt, lte, not, notExists, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  alerts,
  auditLog,
  customers,
  emailEvents,
  invitations,
  linkClicks,
  loginAttempts,
  mailbox,
  passwordTokens,
  privacySettings,
  purchaseItems,
  purchases,
  reminders,
  responseNotes,
  responses,
  sessions,
  suppressions,
} from "../../db/schema";
import { FAILURE_MEMORY_MS } from "../domain/login-backoff";
import type { Deps } from "../deps";
import { erasedEmail, monthsBefore } from "../domain/retention";
import { notFound } from "../errors";
import { auditEntry, type Actor } from "./audit";
import { rememberOptOut } from "./erased-opt-outs";
import { forgetAspects, rollupStatements } from "./rollup-writes";
import { forgetCustomerInvitations } from "./survey-access";
import { HOUR_MS } from "../domain/time";

type Customer = typeof customers.$inferSelect;

/** A customer by id or by email (anything with an @ is an email). */
export async function findCustomer(deps: Pick<Deps, "db">, ref: string): Promise<Customer> {
  const { db } = deps;
  const where = ref.includes("@") ? eq(customers.email, ref.trim().toLowerCase()) : eq(customers.id, ref.trim());
  const [c] = await db.select().from(customers).where(where);
  if (!c) throw notFound("Customer");
  return c;
}

/**
 * Dev-mailbox copies addressed to the customer or naming them (alert emails to leads quote the customer's
 * address and comment). With Resend the provider keeps its own logs.
 */
const mailboxOf = (email: string) => {
  const safe = email.replace(/[%_\\]/g, "");
  return or(eq(mailbox.to, email), like(mailbox.to, `%<${safe}>`), like(mailbox.text, `%${safe}%`), like(mailbox.html, `%${safe}%`));
};

/** Everything ValuePulse holds about one customer, as one JSON document (right of access / portability). */
export async function exportCustomer(deps: Pick<Deps, "db" | "clock">, { actor, ref }: { actor: Actor; ref: string }) {
  const { db } = deps;
  const now = deps.clock.now();
  const customer = await findCustomer(deps, ref);
  const ps = await db.select().from(purchases).where(eq(purchases.customerId, customer.id));
  const items = ps.length ? await db.select().from(purchaseItems).where(inArray(purchaseItems.purchaseId, ps.map((p) => p.id))) : [];
  const invs = await db.select().from(invitations).where(eq(invitations.customerId, customer.id));
  const resps = await db.select().from(responses).where(eq(responses.customerId, customer.id));
  const emails = await db.select().from(mailbox).where(mailboxOf(customer.email));
  const notes = resps.length ? await db.select().from(responseNotes).where(inArray(responseNotes.responseId, resps.map((r) => r.id))) : [];
  const [suppression] = await db.select().from(suppressions).where(eq(suppressions.email, customer.email));
  await auditEntry(deps, actor, { action: "customer.export", targetType: "customer", targetId: customer.id });
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    exportedAt: new Date(now).toISOString(),
    customer: { id: customer.id, email: customer.email, name: customer.name, locale: customer.locale, unsubscribedAt: iso(customer.unsubscribedAt), createdAt: iso(customer.createdAt) },
    purchases: ps.map(({ contentHash: _, ...p }) => ({
      ...p,
      purchasedAt: iso(p.purchasedAt),
      fulfilledAt: iso(p.fulfilledAt),
      createdAt: iso(p.createdAt),
      items: items.filter((i) => i.purchaseId === p.id).sort((a, b) => a.position - b.position).map(({ sku, name, category }) => ({ sku, name, category })),
    })),
    // Token hashes and send bookkeeping are ours, not the customer's data.
    invitations: invs.map((i) => ({ id: i.id, purchaseId: i.purchaseId, templateId: i.templateId, templateVersion: i.templateVersion, locale: i.locale, status: i.status, dueAt: iso(i.dueAt), sentAt: iso(i.sentAt), closesAt: iso(i.closesAt) })),
    responses: resps.map((r) => ({ ...r, answeredAt: iso(r.answeredAt), updatedAt: iso(r.updatedAt) })),
    // Closed-loop notes and the replies emailed to them, about their responses.
    notes: notes.map((n) => ({ responseId: n.responseId, kind: n.kind, body: n.body, createdAt: iso(n.createdAt) })),
    suppression: suppression ? { reason: suppression.reason, since: iso(suppression.createdAt) } : null,
    emails: emails.map((e) => ({ to: e.to, subject: e.subject, text: e.text, sentAt: iso(e.createdAt) })),
  };
}

export type CustomerExport = Awaited<ReturnType<typeof exportCustomer>>;

/**
 * Erases one customer (right to erasure), in one transaction: their responses with their closed-loop
 * notes, replies and alerts; invitations with their reminders and link clicks; purchases and items;
 * provider email events and dev-mailbox copies addressed to them; their suppression entry; and the
 * customer row. If they had unsubscribed or were suppressed, that opt-out is kept under an HMAC of the
 * address (erased-opt-outs.ts). Score rollups lose the responses' contribution in the same transaction
 * (rollupStatements(db, "response").remove, before the delete), so the dashboard and a fresh scan agree.
 * Scores are recomputed without them rather than kept as anonymous answers: an answer tied to an
 * order, a date and a comment could point back to the person. Audit entries that named the customer
 * keep the action but lose the id; the erase itself is logged with counts only.
 */
export async function eraseCustomer(deps: Pick<Deps, "db" | "clock" | "config">, { actor, ref }: { actor: Actor; ref: string }) {
  const { db } = deps;
  const customer = await findCustomer(deps, ref);
  const [suppression] = await db.select({ reason: suppressions.reason }).from(suppressions).where(eq(suppressions.email, customer.email));
  const optOut = rememberOptOut(deps, { email: customer.email, unsubscribedAt: customer.unsubscribedAt, suppressionReason: suppression?.reason ?? null });
  const responseIds = (await db.select({ id: responses.id }).from(responses).where(eq(responses.customerId, customer.id))).map((r) => r.id);
  const invitationIds = (await db.select({ id: invitations.id }).from(invitations).where(eq(invitations.customerId, customer.id))).map((i) => i.id);
  const purchaseIds = (await db.select({ id: purchases.id }).from(purchases).where(eq(purchases.customerId, customer.id))).map((p) => p.id);
  const messageIds = [
    ...(await db.select({ m: invitations.providerMessageId }).from(invitations).where(eq(invitations.customerId, customer.id))),
    ...(invitationIds.length ? await db.select({ m: reminders.providerMessageId }).from(reminders).where(inArray(reminders.invitationId, invitationIds)) : []),
  ]
    .map((r) => r.m)
    .filter((m): m is string => m !== null);
  const mail = await db.select({ id: mailbox.id }).from(mailbox).where(mailboxOf(customer.email));
  const counts = { purchases: purchaseIds.length, responses: responseIds.length, emails: mail.length };
  const some = <T>(ids: string[], q: () => T): T[] => (ids.length ? [q()] : []);
  await db.commit([
    ...rollupStatements(db, "response").remove(responseIds),
    ...forgetAspects(responseIds),
    ...some(responseIds, () => db.delete(responseNotes).where(inArray(responseNotes.responseId, responseIds))),
    ...some(responseIds, () => db.delete(alerts).where(inArray(alerts.responseId, responseIds))),
    db.delete(responses).where(eq(responses.customerId, customer.id)),
    ...some(invitationIds, () => db.delete(reminders).where(inArray(reminders.invitationId, invitationIds))),
    ...some(invitationIds, () => db.delete(linkClicks).where(inArray(linkClicks.invitationId, invitationIds))),
    db.delete(invitations).where(eq(invitations.customerId, customer.id)),
    ...some(purchaseIds, () => db.delete(purchaseItems).where(inArray(purchaseItems.purchaseId, purchaseIds))),
    db.delete(purchases).where(eq(purchases.customerId, customer.id)),
    db.delete(emailEvents).where(or(eq(emailEvents.recipient, customer.email), ...(messageIds.length ? [inArray(emailEvents.emailId, messageIds)] : []))),
    db.delete(mailbox).where(mailboxOf(customer.email)),
    db.delete(suppressions).where(eq(suppressions.email, customer.email)),
    ...(optOut ? [optOut] : []),
    // Their kept value goes too (not left to the foreign key's cascade: its triggers keep the totals right).
    { sql: `delete from customer_revenue where customer_id = ?`, args: [customer.id] },
    { sql: `delete from customer_values where customer_id = ?`, args: [customer.id] },
    db.delete(customers).where(eq(customers.id, customer.id)),
    db.update(auditLog).set({ targetId: null }).where(and(eq(auditLog.targetType, "customer"), eq(auditLog.targetId, customer.id))),
    auditEntry(deps, actor, { action: "customer.erase", targetType: "customer", after: counts }),
  ]);
  // Nothing this process keeps may still name them: their links' cached invitations.
  forgetCustomerInvitations(db, customer.id);
  return counts;
}

export async function getRetention(deps: Pick<Deps, "db">): Promise<{ months: number | null; lastRunAt: number | null }> {
  const [row] = await deps.db.select().from(privacySettings).where(eq(privacySettings.id, 1));
  return { months: row?.retentionMonths ?? null, lastRunAt: row?.lastRetentionRunAt ?? null };
}

export async function setRetention(deps: Pick<Deps, "db" | "clock">, { actor, months }: { actor: Actor; months: number | null }) {
  const { db } = deps;
  const now = deps.clock.now();
  const before = await getRetention(deps);
  await db.commit([
    db.insert(privacySettings).values({ id: 1, retentionMonths: months, updatedAt: now }).onConflictDoUpdate({ target: privacySettings.id, set: { retentionMonths: months, updatedAt: now } }),
    auditEntry(deps, actor, { action: "retention.update", targetType: "settings", targetId: "retention", before: { months: before.months }, after: { months } }),
  ]);
  return { months, lastRunAt: before.lastRunAt };
}

/**
 * Applies the retention policy once: comments and free-text answers older than N months are blanked
 * (their scores stay, so trends keep their history); customers with no purchase in N months lose their
 * email and name (replaced by an undeliverable pseudonym; an unsubscribe is kept by digest, erased-opt-outs.ts); dev-mailbox copies, closed-loop notes and
 * provider email events older than N months are deleted. Does nothing when no retention is set.
 */
export async function applyRetention(deps: Pick<Deps, "db" | "clock" | "config">) {
  const { db } = deps;
  const now = deps.clock.now();
  const { months } = await getRetention(deps);
  if (months === null) return null;
  const cutoff = monthsBefore(now, months, db.utcOffsetMs);
  const stale = await db
    .select({ id: customers.id, email: customers.email, unsubscribedAt: customers.unsubscribedAt })
    .from(customers)
    .where(
      and(
        lt(customers.createdAt, cutoff),
        not(like(customers.email, "%@erased.invalid")),
        notExists(db.select({ id: purchases.id }).from(purchases).where(and(eq(purchases.customerId, customers.id), gte(purchases.purchasedAt, cutoff)))),
      ),
    );
  const results = await db.commit([
    db.update(responses).set({ comment: null, extra: null }).where(and(lt(responses.answeredAt, cutoff), or(isNotNull(responses.comment), isNotNull(responses.extra)))),
    ...stale.map((c) => db.update(customers).set({ email: erasedEmail(c.id), name: null }).where(eq(customers.id, c.id))),
    db.delete(mailbox).where(lt(mailbox.createdAt, cutoff)),
    // Closed-loop notes and replies quote customers; provider events name their addresses.
    db.delete(responseNotes).where(lt(responseNotes.createdAt, cutoff)),
    db.delete(emailEvents).where(lt(emailEvents.receivedAt, cutoff)),
    db.insert(privacySettings).values({ id: 1, retentionMonths: months, lastRetentionRunAt: now, updatedAt: now }).onConflictDoUpdate({ target: privacySettings.id, set: { lastRetentionRunAt: now } }),
    // Their unsubscribe stays on the pseudonymized row, which no purchase finds again: keep it by digest too.
    ...stale.flatMap((c) => rememberOptOut(deps, { ...c, suppressionReason: null }) ?? []),
  ]);
  return { cutoff, commentsRemoved: results[0]!.rowsAffected, customersPseudonymized: stale.length, emailsRemoved: results[1 + stale.length]!.rowsAffected };
}

const RETENTION_EVERY_MS = HOUR_MS;

/** Deletes what no longer signs anyone in: expired sessions, used or expired password links, login failures long forgotten. */
export async function pruneExpiredCredentials(deps: Pick<Deps, "db" | "clock">) {
  const { db } = deps;
  const now = deps.clock.now();
  const [s, p, l] = await db.commit([
    db.delete(sessions).where(lte(sessions.expiresAt, now)),
    db.delete(passwordTokens).where(or(isNotNull(passwordTokens.usedAt), lte(passwordTokens.expiresAt, now))),
    db.delete(loginAttempts).where(and(lt(loginAttempts.lastFailedAt, now - FAILURE_MEMORY_MS), or(isNull(loginAttempts.lockedUntil), lte(loginAttempts.lockedUntil, now)))),
  ]);
  return { sessionsPruned: s!.rowsAffected, passwordLinksPruned: p!.rowsAffected, loginFailuresPruned: l!.rowsAffected };
}

/**
 * Hourly housekeeping: prunes expired credentials and applies the retention policy (if one is set).
 * The Node entry calls it from its dispatcher interval; on Workers, call it from the Cron Trigger
 * (`scheduled`) handler with the same deps. Returns null when the last run is less than an hour old.
 */
type Housekeeping = Awaited<ReturnType<typeof pruneExpiredCredentials>> & Partial<NonNullable<Awaited<ReturnType<typeof applyRetention>>>>;

export async function runRetentionIfDue(deps: Pick<Deps, "db" | "clock" | "config">): Promise<Housekeeping | null> {
  const now = deps.clock.now();
  const { months, lastRunAt } = await getRetention(deps);
  if (lastRunAt !== null && now - lastRunAt < RETENTION_EVERY_MS) return null;
  const pruned = await pruneExpiredCredentials(deps);
  if (months !== null) return { ...pruned, ...(await applyRetention(deps))! };
  await deps.db
    .insert(privacySettings)
    .values({ id: 1, retentionMonths: null, lastRetentionRunAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: privacySettings.id, set: { lastRetentionRunAt: now } });
  return pruned;
}
