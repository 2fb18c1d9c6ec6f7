// A customer's personal data: export it all (JSON), erase it all, and the retention policy that removes it after N months.
import { and, eq, gte, inArray, isNotNull, isNull, like, lt, lte, not, notExists, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, customers, invitations, loginAttempts, mailbox, passwordTokens, privacySettings, purchaseItems, purchases, responses, sessions } from "../../db/schema";
import { FAILURE_MEMORY_MS } from "../domain/login-backoff";
import type { Deps } from "../deps";
import { erasedEmail, monthsBefore } from "../domain/retention";
import { notFound } from "../errors";
import { auditEntry, type Actor } from "./audit";

type Customer = typeof customers.$inferSelect;

/** A customer by id or by email (anything with an @ is an email). */
export async function findCustomer(db: Db, ref: string): Promise<Customer> {
  const where = ref.includes("@") ? eq(customers.email, ref.trim().toLowerCase()) : eq(customers.id, ref.trim());
  const [c] = await db.select().from(customers).where(where);
  if (!c) throw notFound("Customer");
  return c;
}

/** Mailbox copies addressed to the customer (dev mailbox mode; with Resend the provider keeps its own logs). */
const mailboxOf = (email: string) => or(eq(mailbox.to, email), like(mailbox.to, `%<${email.replace(/[%_\\]/g, "")}>`));

/** Everything ValuePulse holds about one customer, as one JSON document (right of access / portability). */
export async function exportCustomer(db: Db, actor: Actor, ref: string, now: number) {
  const customer = await findCustomer(db, ref);
  const ps = await db.select().from(purchases).where(eq(purchases.customerId, customer.id));
  const items = ps.length ? await db.select().from(purchaseItems).where(inArray(purchaseItems.purchaseId, ps.map((p) => p.id))) : [];
  const invs = await db.select().from(invitations).where(eq(invitations.customerId, customer.id));
  const resps = await db.select().from(responses).where(eq(responses.customerId, customer.id));
  const emails = await db.select().from(mailbox).where(mailboxOf(customer.email));
  await auditEntry(db, actor, { action: "customer.export", targetType: "customer", targetId: customer.id }, now);
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
    emails: emails.map((e) => ({ to: e.to, subject: e.subject, text: e.text, sentAt: iso(e.createdAt) })),
  };
}

export type CustomerExport = Awaited<ReturnType<typeof exportCustomer>>;

/**
 * HOOK for score rollups: statements that take the removed responses out of any pre-aggregated
 * table, run in the same transaction as the erase. Scores read from `responses` need nothing (the
 * rows are gone); a rollup table must subtract these rows here (or recompute the affected buckets),
 * so the dashboard and a fresh scan always agree.
 */
export function rollupAdjustmentsForRemoved(_db: Db, _removed: (typeof responses.$inferSelect)[]): { toSQL(): { sql: string; params: unknown[] } }[] {
  return [];
}

/**
 * Erases one customer (right to erasure): their responses and comments, invitations, purchases and
 * items, dev-mailbox copies and the customer row, in one transaction. Scores are recomputed without
 * them (their answers no longer count), rather than kept as anonymous answers: an answer tied to an
 * order id and a date could point back to the person. Audit entries that named the customer keep the
 * action but lose the id; the erase itself is logged with counts only.
 */
export async function eraseCustomer(db: Db, actor: Actor, ref: string, now: number) {
  const customer = await findCustomer(db, ref);
  const removed = await db.select().from(responses).where(eq(responses.customerId, customer.id));
  const purchaseIds = (await db.select({ id: purchases.id }).from(purchases).where(eq(purchases.customerId, customer.id))).map((p) => p.id);
  const mail = await db.select({ id: mailbox.id }).from(mailbox).where(mailboxOf(customer.email));
  const counts = { purchases: purchaseIds.length, responses: removed.length, emails: mail.length };
  await db.commit([
    ...rollupAdjustmentsForRemoved(db, removed),
    db.delete(responses).where(eq(responses.customerId, customer.id)),
    db.delete(invitations).where(eq(invitations.customerId, customer.id)),
    ...(purchaseIds.length ? [db.delete(purchaseItems).where(inArray(purchaseItems.purchaseId, purchaseIds))] : []),
    db.delete(purchases).where(eq(purchases.customerId, customer.id)),
    db.delete(mailbox).where(mailboxOf(customer.email)),
    db.delete(customers).where(eq(customers.id, customer.id)),
    db.update(auditLog).set({ targetId: null }).where(and(eq(auditLog.targetType, "customer"), eq(auditLog.targetId, customer.id))),
    auditEntry(db, actor, { action: "customer.erase", targetType: "customer", after: counts }, now),
  ]);
  return counts;
}

export async function getRetention(db: Db): Promise<{ months: number | null; lastRunAt: number | null }> {
  const [row] = await db.select().from(privacySettings).where(eq(privacySettings.id, 1));
  return { months: row?.retentionMonths ?? null, lastRunAt: row?.lastRetentionRunAt ?? null };
}

export async function setRetention(db: Db, actor: Actor, months: number | null, now: number) {
  const before = await getRetention(db);
  await db.commit([
    db.insert(privacySettings).values({ id: 1, retentionMonths: months, updatedAt: now }).onConflictDoUpdate({ target: privacySettings.id, set: { retentionMonths: months, updatedAt: now } }),
    auditEntry(db, actor, { action: "retention.update", targetType: "settings", targetId: "retention", before: { months: before.months }, after: { months } }, now),
  ]);
  return { months, lastRunAt: before.lastRunAt };
}

/**
 * Applies the retention policy once: comments and free-text answers older than N months are blanked
 * (their scores stay, so trends keep their history); customers with no purchase in N months lose their
 * email and name (replaced by an undeliverable pseudonym); dev-mailbox copies older than N months are
 * deleted. Does nothing when no retention is set.
 */
export async function applyRetention(db: Db, now: number) {
  const { months } = await getRetention(db);
  if (months === null) return null;
  const cutoff = monthsBefore(now, months);
  const stale = await db
    .select({ id: customers.id })
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
    db.insert(privacySettings).values({ id: 1, retentionMonths: months, lastRetentionRunAt: now, updatedAt: now }).onConflictDoUpdate({ target: privacySettings.id, set: { lastRetentionRunAt: now } }),
  ]);
  return { cutoff, commentsRemoved: results[0]!.rowsAffected, customersPseudonymized: stale.length, emailsRemoved: results[1 + stale.length]!.rowsAffected };
}

const RETENTION_EVERY_MS = 60 * 60_000;

/** Deletes what no longer signs anyone in: expired sessions, used or expired password links, login failures long forgotten. */
export async function pruneExpiredCredentials(db: Db, now: number) {
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

export async function runRetentionIfDue(deps: Pick<Deps, "db" | "clock">): Promise<Housekeeping | null> {
  const now = deps.clock.now();
  const { months, lastRunAt } = await getRetention(deps.db);
  if (lastRunAt !== null && now - lastRunAt < RETENTION_EVERY_MS) return null;
  const pruned = await pruneExpiredCredentials(deps.db, now);
  if (months !== null) return { ...pruned, ...(await applyRetention(deps.db, now))! };
  await deps.db
    .insert(privacySettings)
    .values({ id: 1, retentionMonths: null, lastRetentionRunAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: privacySettings.id, set: { lastRetentionRunAt: now } });
  return pruned;
}
