// Sends due invitations in keyed batches: claim atomically, send once, mark sent — safe to crash anywhere.
import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { newId } from "../ids";
import { renderInvitation } from "../../emails/invitation";
import type { Db } from "../../db/client";
import { customers, invitations, purchaseItems } from "../../db/schema";
import type { Locale } from "../domain/template-content";
import { surveyToken } from "../domain/tokens";
import type { Deps } from "../deps";
import { MailerError, type OutgoingEmail } from "./mailers/mailer";
import { templateById } from "./templates";

/** Resend takes at most 100 emails per batch call. */
export const BATCH_SIZE = 100;
/** Back-off before retrying a batch the provider refused temporarily. */
const RETRY_MS = 30_000;
/** Bounded work per call, so one dispatch never runs for ever. */
const MAX_BATCHES = 50;

export type DispatchResult = { sent: number; failed: number; skipped: number };

export async function dispatchDue(deps: Pick<Deps, "db" | "mailer" | "clock" | "config" | "log">): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, skipped: 0 };
  for (let i = 0; i < MAX_BATCHES; i++) {
    const now = deps.clock.now();
    result.skipped += await skipUnsubscribed(deps.db, now);
    const lease = deps.config.dispatchLeaseMs;
    const batch = (await reclaimAbandonedBatch(deps.db, now, lease)) ?? (await claimNewBatch(deps.db, now, lease));
    if (!batch) break;
    const outcome = await sendBatch(deps, batch);
    result.sent += outcome.sent;
    result.failed += outcome.failed;
    if (outcome.retryLater) break;
  }
  return result;
}

/** Unsubscribed customers are checked again at send time, before a batch's membership is fixed. */
async function skipUnsubscribed(db: Db, now: number): Promise<number> {
  const rows = await db
    .update(invitations)
    .set({ status: "skipped", lastError: "unsubscribed" })
    .where(
      and(
        eq(invitations.status, "scheduled"),
        lte(invitations.dueAt, now),
        inArray(invitations.customerId, db.select({ id: customers.id }).from(customers).where(isNotNull(customers.unsubscribedAt))),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}

/** Claims up to BATCH_SIZE due invitations in one statement, so two dispatchers never claim the same one. */
async function claimNewBatch(db: Db, now: number, lease: number): Promise<string | null> {
  const batchId = newId(now);
  const due = db
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.status, "scheduled"), lte(invitations.dueAt, now)))
    .orderBy(asc(invitations.dueAt))
    .limit(BATCH_SIZE);
  const claimed = await db
    .update(invitations)
    .set({ status: "sending", batchId, leaseUntil: now + lease })
    .where(and(inArray(invitations.id, due), eq(invitations.status, "scheduled")))
    .returning({ id: invitations.id });
  return claimed.length > 0 ? batchId : null;
}

/** A batch whose lease ran out is re-sent whole, with the same members and key, so the provider dedupes it. */
async function reclaimAbandonedBatch(db: Db, now: number, lease: number): Promise<string | null> {
  const [stale] = await db
    .select({ batchId: invitations.batchId })
    .from(invitations)
    .where(and(eq(invitations.status, "sending"), lte(invitations.leaseUntil, now)))
    .limit(1);
  if (!stale?.batchId) return null;
  const taken = await db
    .update(invitations)
    .set({ leaseUntil: now + lease })
    .where(and(eq(invitations.batchId, stale.batchId), eq(invitations.status, "sending"), lte(invitations.leaseUntil, now)))
    .returning({ id: invitations.id });
  return taken.length > 0 ? stale.batchId : null;
}

async function sendBatch(deps: Pick<Deps, "db" | "mailer" | "clock" | "config" | "log">, batchId: string) {
  const { db } = deps;
  const members = await db
    .select({ invitation: invitations, customer: customers })
    .from(invitations)
    .innerJoin(customers, eq(customers.id, invitations.customerId))
    .where(and(eq(invitations.batchId, batchId), eq(invitations.status, "sending")))
    .orderBy(asc(invitations.id));
  const emails = await Promise.all(members.map((m) => composeInvitation(deps, m.invitation, m.customer)));
  const ids = members.map((m) => m.invitation.id);
  try {
    const messageIds = await deps.mailer.sendBatch(emails, batchId);
    const sentAt = deps.clock.now();
    await db.batch([
      db.update(invitations).set({ attempts: sql`${invitations.attempts} + 1` }).where(inArray(invitations.id, ids)),
      ...members.map((m, i) =>
        db
          .update(invitations)
          .set({ status: "sent", sentAt, providerMessageId: messageIds[i], leaseUntil: null, lastError: null })
          .where(eq(invitations.id, m.invitation.id)),
      ),
    ]);
    return { sent: members.length, failed: 0, retryLater: false };
  } catch (err) {
    const retryable = !(err instanceof MailerError) || err.retryable;
    const message = err instanceof Error ? err.message : String(err);
    deps.log.error("invitation batch failed", { batchId, retryable, error: message });
    // Retryable: keep the batch (same members, same key) and try again after the back-off.
    await db
      .update(invitations)
      .set(
        retryable
          ? { leaseUntil: deps.clock.now() + RETRY_MS, lastError: message, attempts: sql`${invitations.attempts} + 1` }
          : { status: "failed", leaseUntil: null, lastError: message, attempts: sql`${invitations.attempts} + 1` },
      )
      .where(inArray(invitations.id, ids));
    return { sent: 0, failed: retryable ? 0 : members.length, retryLater: retryable };
  }
}

async function composeInvitation(
  deps: Pick<Deps, "db" | "config">,
  invitation: typeof invitations.$inferSelect,
  customer: typeof customers.$inferSelect,
): Promise<OutgoingEmail> {
  const template = await templateById(deps.db, invitation.templateId, invitation.templateVersion);
  if (!template) throw new Error(`template ${invitation.templateId} is missing`);
  const [item] = await deps.db
    .select({ name: purchaseItems.name })
    .from(purchaseItems)
    .where(eq(purchaseItems.purchaseId, invitation.purchaseId))
    .orderBy(asc(purchaseItems.position))
    .limit(1);
  const token = surveyToken(deps.config.secretKey, invitation.id);
  const surveyUrl = `${deps.config.publicUrl}/s/${token}`;
  const unsubscribeUrl = `${deps.config.publicUrl}/u/${token}`;
  const rendered = renderInvitation({
    locale: invitation.locale as Locale,
    content: template.content,
    customerName: customer.name,
    productName: item?.name ?? null,
    surveyUrl,
    unsubscribeUrl,
  });
  return {
    from: deps.config.emailFrom,
    to: customer.email,
    ...rendered,
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
