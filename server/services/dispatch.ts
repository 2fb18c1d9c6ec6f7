// Sends due invitations and reminders in keyed batches: claim atomically, send once, mark sent — safe to crash anywhere.
import { and, eq, gt, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { decodeTime } from "ulidx";
import type { Db } from "../../db/client";
import { RETRY_WINDOW_MS, retryDelayMs } from "../domain/retry-backoff";
import { applySendTimeRules, type SkipReason } from "../domain/send-time-rules";
import { templateRulesSchema } from "../domain/template-content";
import type { Deps } from "../deps";
import { newId } from "../ids";
import { composeEmail } from "./compose-email";
import { MailerError } from "./mailers/mailer";
import { invitationOutbox, lastInvitedAt, reminderOutbox, type Member, type Outbox } from "./outboxes";
import { templateById } from "./templates";
import { HOUR_MS } from "../domain/time";

/** Resend takes at most 100 emails per batch call. */
export const BATCH_SIZE = 100;
/** Bounded work per call, so one dispatch never runs for ever. */
const MAX_BATCHES = 50;
const DEFAULT_RULES = templateRulesSchema.parse({ delayHours: 0, closeAfterDays: 1, throttleDays: 0 });

/** Counts of emails (invitations and reminders); batches waiting for a retry show in the delivery dashboard. */
export type DispatchResult = {
  sent: number;
  /** Failed for good: refused by the provider as invalid, or still refused when the key's lifetime ran out. */
  failed: number;
  /** Not sent, by the send-time rules: unsubscribed, suppressed, throttled, answered or closed. */
  skipped: number;
};

type DispatchDeps = Pick<Deps, "db" | "mailer" | "clock" | "config" | "log">;

/**
 * Drains both outboxes: re-sends batches whose lease ran out (same members, same key), then forms new
 * batches of due rows that pass the send-time rules. The Node interval, the Workers cron and
 * POST /api/v1/dispatch all call this.
 */
export async function dispatchDue(deps: DispatchDeps): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, skipped: 0 };
  for (const box of [invitationOutbox, reminderOutbox]) {
    for (let i = 0; i < MAX_BATCHES; i++) {
      const now = deps.clock.now();
      const lease = deps.config.dispatchLeaseMs;
      let batchId = await reclaimAbandonedBatch(deps.db, box, now, lease);
      // Found again after the provider may have forgotten its key: sending it could email everyone twice.
      if (batchId && now - decodeTime(batchId) >= RETRY_WINDOW_MS) {
        result.failed += await failExpiredBatch(deps, box, batchId, now);
        continue;
      }
      // While the provider is backing us off (a refused batch waits for its retry), start nothing new:
      // Retry-After holds for every request, not only the refused one.
      if (!batchId && (await providerBackingOff(deps.db, now))) break;
      if (!batchId) {
        const claim = await claimNewBatch(deps.db, box, now, lease);
        result.skipped += claim.skipped;
        batchId = claim.batchId;
      }
      if (!batchId) break;
      const outcome = await sendBatch(deps, box, batchId);
      result.sent += outcome.sent;
      result.failed += outcome.failed;
      // The provider is refusing for now (rate limit, outage): stop here, the back-off decides when to come back.
      if (outcome.retrying) return result;
    }
  }
  return result;
}

/** A refused batch is waiting for its retry (in either outbox). */
async function providerBackingOff(db: Db, now: number): Promise<boolean> {
  for (const { table: t } of [invitationOutbox, reminderOutbox]) {
    const [waiting] = await db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.status, "sending"), gt(t.leaseUntil, now), gt(t.attempts, 0), isNotNull(t.lastError)))
      .limit(1);
    if (waiting) return true;
  }
  return false;
}

const batchOf = (items: BatchItem<"sqlite">[]) => items as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/**
 * Forms one batch of due rows in one write: rows the send-time rules block are skipped (with why), the
 * rest are claimed under a new batch id. The `status = 'scheduled'` guard makes a row claimed by one
 * dispatcher only, even with two running (Node interval and cron, or two Workers).
 */
async function claimNewBatch(db: Db, box: Outbox, now: number, lease: number): Promise<{ batchId: string | null; skipped: number }> {
  const t = box.table;
  let skipped = 0;
  for (;;) {
    const candidates = await box.candidates(db, now, BATCH_SIZE);
    if (candidates.length === 0) return { batchId: null, skipped };
    const rules = new Map<string, typeof DEFAULT_RULES>();
    for (const id of new Set(candidates.map((c) => c.templateId))) rules.set(id, (await templateById(db, id))?.rules ?? DEFAULT_RULES);
    const lastSent = box.throttle ? await lastInvitedAt(db, [...new Set(candidates.map((c) => c.customerId))], now) : [];
    const { send, skip } = applySendTimeRules(candidates, { now, throttle: box.throttle, rulesOf: (id) => rules.get(id)!, lastSent });

    const byReason = new Map<SkipReason, string[]>();
    for (const s of skip) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.id]);
    const batchId = newId(now);
    const writes: BatchItem<"sqlite">[] = [...byReason].map(([reason, ids]) =>
      db
        .update(t)
        .set({ status: "skipped", lastError: reason })
        .where(and(inArray(t.id, ids), eq(t.status, "scheduled")))
        .returning({ id: t.id }),
    );
    if (send.length)
      writes.push(
        db
          .update(t)
          .set({ status: "sending", batchId, leaseUntil: now + lease })
          .where(and(inArray(t.id, send), eq(t.status, "scheduled")))
          .returning({ id: t.id }),
      );
    const results = (await db.batch(batchOf(writes))) as { id: string }[][];
    skipped += results.slice(0, byReason.size).reduce((n, r) => n + r.length, 0);
    if (send.length && results[byReason.size].length > 0) return { batchId, skipped };
    // Everything seen was skipped, or another dispatcher took it: look at the next due rows.
  }
}

/** A batch whose lease ran out is re-sent whole, with the same members and key, so the provider dedupes it. */
async function reclaimAbandonedBatch(db: Db, box: Outbox, now: number, lease: number): Promise<string | null> {
  const t = box.table;
  const [stale] = await db
    .select({ batchId: t.batchId })
    .from(t)
    .where(and(eq(t.status, "sending"), lte(t.leaseUntil, now)))
    .limit(1);
  if (!stale?.batchId) return null;
  const taken = await db
    .update(t)
    .set({ leaseUntil: now + lease })
    .where(and(eq(t.batchId, stale.batchId), eq(t.status, "sending"), lte(t.leaseUntil, now)))
    .returning({ id: t.id });
  return taken.length > 0 ? stale.batchId : null;
}

/**
 * A batch reclaimed when its key is older than RETRY_WINDOW_MS (a sender died and nothing ran for a day): the provider
 * no longer knows the key, so a re-send would not be recognised as one. Whether the first attempt got through cannot be
 * told from here, so its members fail with the reason rather than risk a second email. Returns how many.
 */
async function failExpiredBatch(deps: DispatchDeps, box: Outbox, batchId: string, now: number): Promise<number> {
  const t = box.table;
  const hours = Math.floor((now - decodeTime(batchId)) / HOUR_MS);
  // A batch the provider kept refusing carries its last error; one whose sender died carries none.
  const [last] = await deps.db.select({ error: t.lastError }).from(t).where(and(eq(t.batchId, batchId), eq(t.status, "sending"))).limit(1);
  const reason = last?.error
    ? `Gave up: still not sent ${hours} h after the first attempt (${last.error})`
    : `Not re-sent: abandoned by a sender that stopped, found again ${hours} h after its first attempt, when the provider no longer recognises a repeat (Idempotency-Key kept 24 h); it may have reached the customer`;
  const failed = await deps.db
    .update(t)
    .set({ status: "failed", leaseUntil: null, lastError: reason })
    .where(and(eq(t.batchId, batchId), eq(t.status, "sending")))
    .returning({ id: t.id });
  deps.log.error("abandoned batch older than its idempotency key: not re-sent", { batchId, kind: box.kind, members: failed.length, hours });
  return failed.length;
}

async function sendBatch(deps: DispatchDeps, box: Outbox, batchId: string) {
  const { db } = deps;
  const t = box.table;
  const members = await box.members(db, batchId);
  const ids = members.map((m) => m.rowId);
  const attempts = sql`${t.attempts} + 1`;
  if (members.length === 0) return { sent: 0, failed: 0, retrying: 0 };
  const emails = await Promise.all(members.map((m) => composeEmail(deps, box.kind, m.invitation, m.customer)));
  try {
    const outcomes = await deps.mailer.sendBatch(emails, batchId);
    const sentAt = deps.clock.now();
    const sent = members.flatMap((member, i) => ("id" in outcomes[i] ? [{ member, sentAt, messageId: outcomes[i].id }] : []));
    const rejected = members.flatMap((member, i) => {
      const o = outcomes[i];
      return "rejected" in o ? [{ member, reason: o.rejected }] : [];
    });
    // Marked in one transaction with the provider's ids (and the reminders to come): a crash before
    // this line leaves the batch leased, and its re-send under the same key is answered from the provider's cache.
    await db.batch(
      batchOf([
        db.update(t).set({ attempts }).where(inArray(t.id, ids)),
        ...sent.map((s) =>
          db.update(t).set({ status: "sent", sentAt, providerMessageId: s.messageId, leaseUntil: null, lastError: null }).where(eq(t.id, s.member.rowId)),
        ),
        ...rejected.map((r) =>
          db.update(t).set({ status: "failed", leaseUntil: null, lastError: `Refused by the provider: ${r.reason}` }).where(eq(t.id, r.member.rowId)),
        ),
        ...(await box.afterSent(db, sent)),
      ]),
    );
    return { sent: sent.length, failed: rejected.length, retrying: 0 };
  } catch (err) {
    return failBatch(deps, box, batchId, members, err);
  }
}

async function failBatch(deps: DispatchDeps, box: Outbox, batchId: string, members: Member[], err: unknown) {
  const { db } = deps;
  const t = box.table;
  const now = deps.clock.now();
  const ids = members.map((m) => m.rowId);
  const message = err instanceof Error ? err.message : String(err);
  const set = (values: Parameters<ReturnType<typeof db.update<typeof t>>["set"]>[0]) =>
    db.update(t).set(values).where(and(inArray(t.id, ids), eq(t.status, "sending")));
  const attempts = sql`${t.attempts} + 1`;

  // Same key, other content: the provider already accepted this batch on an earlier attempt (the
  // customer's name changed since, say). Sending it again under a new key would email them twice.
  if (err instanceof MailerError && err.code === "invalid_idempotent_request") {
    deps.log.error("batch already accepted under its key with other content; marking sent", { batchId });
    await db.batch(
      batchOf([
        set({ status: "sent", sentAt: now, leaseUntil: null, attempts, lastError: "Sent on an earlier attempt (provider message id unknown)" }),
        ...(await box.afterSent(db, members.map((member) => ({ member, sentAt: now })))),
      ]),
    );
    return { sent: ids.length, failed: 0, retrying: 0 };
  }
  const retryable = !(err instanceof MailerError) || err.retryable;
  const keyAge = now - decodeTime(batchId);
  deps.log.error("invitation batch failed", { batchId, retryable, error: message });
  if (!retryable || keyAge >= RETRY_WINDOW_MS) {
    const reason = retryable ? `Gave up: still refused ${Math.round(keyAge / HOUR_MS)} h after the first attempt (${message})` : message;
    await set({ status: "failed", leaseUntil: null, lastError: reason, attempts });
    return { sent: 0, failed: ids.length, retrying: 0 };
  }
  // Retryable: keep the batch (same members, same key) and come back after the back-off.
  const [row] = await db.select({ attempts: t.attempts }).from(t).where(eq(t.id, ids[0]));
  const delay = retryDelayMs((row?.attempts ?? 0) + 1, err instanceof MailerError ? err.retryAfterMs : undefined);
  await set({ leaseUntil: now + delay, lastError: message, attempts });
  return { sent: 0, failed: 0, retrying: ids.length };
}
