// The outgoing webhooks' outbox: events read from committed answers and unsubscribes since a cursor, queued as one
// delivery per subscribed endpoint and event (at least once, deduplicated by endpoint and event).
import { and, asc, eq, gt, gte, lte, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { customers, invitations, purchases, responses, webhookCursors, webhookDeliveries } from "../../db/schema";
import { isDetractor, type ResponseData, type UnsubscribeData, type WebhookEvent, type WebhookEventType } from "../domain/webhook-events";
import { newId } from "../ids";
import { valueAnswers } from "../domain/vocabulary";
import { listEndpoints } from "./webhook-endpoints";

/** `pageSize`: events read per query (tests use a smaller page). */
export type OutboxOptions = { pageSize?: number };

/**
 * Each pass re-reads this much before its cursor: an answer stamped at t may commit a little after
 * another stamped later. Deliveries are unique per endpoint and event, so re-reading adds nothing twice.
 */
const OVERLAP_MS = 15_000;
const PAGE = 1000;

const iso = (ms: number) => new Date(ms).toISOString();

async function cursor(db: Db, name: string): Promise<number | null> {
  const [row] = await db.select({ position: webhookCursors.position }).from(webhookCursors).where(eq(webhookCursors.name, name));
  return row?.position ?? null;
}
const setCursor = (db: Db, name: string, position: number) =>
  db.insert(webhookCursors).values({ name, position }).onConflictDoUpdate({ target: webhookCursors.name, set: { position } });

type Queued = { type: WebhookEventType; key: string; at: number; data: ResponseData | UnsubscribeData };

type Key = { at: number; id: string };

/** Answers changed in [from, to], after `after` in (updatedAt, id) order: keyset pages, so a burst of any size advances. */
async function changedResponses(db: Db, from: number, to: number, after: Key | null, pageSize: number) {
  return db
    .select({ r: responses, email: customers.email, name: customers.name, orderId: purchases.orderId })
    .from(responses)
    .innerJoin(customers, eq(customers.id, responses.customerId))
    .innerJoin(invitations, eq(invitations.id, responses.invitationId))
    .innerJoin(purchases, eq(purchases.id, invitations.purchaseId))
    .where(
      and(
        gte(responses.updatedAt, from),
        lte(responses.updatedAt, to),
        after ? or(gt(responses.updatedAt, after.at), and(eq(responses.updatedAt, after.at), gt(responses.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(responses.updatedAt), asc(responses.id))
    .limit(pageSize);
}

async function unsubscribedBetween(db: Db, from: number, to: number, after: Key | null, pageSize: number) {
  return db
    .select({ id: customers.id, email: customers.email, name: customers.name, at: customers.unsubscribedAt })
    .from(customers)
    .where(
      and(
        gte(customers.unsubscribedAt, from),
        lte(customers.unsubscribedAt, to),
        after ? or(gt(customers.unsubscribedAt, after.at), and(eq(customers.unsubscribedAt, after.at), gt(customers.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(customers.unsubscribedAt), asc(customers.id))
    .limit(pageSize);
}

function responseData(row: Awaited<ReturnType<typeof changedResponses>>[number]): ResponseData {
  const r = row.r;
  return {
    id: r.id,
    score: r.score,
    csat: r.csat,
    comment: r.comment,
    answers: {
      ...valueAnswers(r),
      ...(r.extra ?? {}),
    },
    customer: { id: r.customerId, email: row.email, name: row.name },
    orderId: row.orderId,
    templateId: r.templateId,
    locale: r.locale,
    flagged: r.flagged,
    answeredAt: iso(r.answeredAt),
    updatedAt: iso(r.updatedAt),
  };
}

/**
 * Reads answers and unsubscribes committed since the last pass, page by page, queues one delivery per
 * subscribed endpoint and event, then moves the cursor. Delivery is at least once: a receiver dedupes
 * on `webhook-id`.
 */
export async function collectWebhookEvents(deps: Pick<Deps, "db" | "clock">, opts: OutboxOptions = {}): Promise<number> {
  const { db } = deps;
  const now = deps.clock.now();
  const endpoints = await listEndpoints(deps);
  if (endpoints.length === 0) {
    await db.commit([setCursor(db, "responses", now), setCursor(db, "unsubscribes", now)]);
    return 0;
  }
  const oldest = Math.min(...endpoints.map((e) => e.createdAt));
  const from = (c: number | null) => Math.max(oldest, (c ?? oldest) - OVERLAP_MS);

  const pageSize = opts.pageSize ?? PAGE;
  let queued = 0;
  /** Queues one page of events for every endpoint subscribed to them; duplicates are ignored. */
  const queue = async (events: Queued[]) => {
    const rows: (typeof webhookDeliveries.$inferInsert)[] = [];
    for (const e of events)
      for (const ep of endpoints) {
        // An endpoint hears only what happened after it was registered.
        if (!ep.events.includes(e.type) || e.at < ep.createdAt) continue;
        const payload: WebhookEvent = { type: e.type, timestamp: iso(e.at), data: e.data };
        rows.push({ id: `msg_${newId(now)}`, endpointId: ep.id, eventType: e.type, dedupeKey: e.key, payload: JSON.stringify(payload), status: "pending", attempts: 0, nextAttemptAt: now, createdAt: now });
      }
    const inserts = [];
    for (let i = 0; i < rows.length; i += 100) inserts.push(db.insert(webhookDeliveries).values(rows.slice(i, i + 100)).onConflictDoNothing().returning({ id: webhookDeliveries.id }));
    if (inserts.length) queued += (await db.commit(inserts)).reduce((n, r) => n + r.rows.length, 0);
  };

  const rFrom = from(await cursor(db, "responses"));
  for (let after: Key | null = null; ; ) {
    const page = await changedResponses(db, rFrom, now, after, pageSize);
    const events: Queued[] = [];
    for (const row of page) {
      const data = responseData(row);
      const r = row.r;
      // First seen with its answer time inside the window: it is new (even if already updated since).
      if (r.answeredAt >= rFrom) events.push({ type: "response.created", key: `response.created:${r.id}`, at: r.answeredAt, data });
      if (r.updatedAt > r.answeredAt) events.push({ type: "response.updated", key: `response.updated:${r.id}:${r.updatedAt}`, at: r.updatedAt, data });
      if (isDetractor(r.score)) events.push({ type: "detractor.alert", key: `detractor.alert:${r.id}`, at: r.updatedAt, data });
    }
    await queue(events);
    if (page.length < pageSize) break;
    const last = page[page.length - 1].r;
    after = { at: last.updatedAt, id: last.id };
  }

  const uFrom = from(await cursor(db, "unsubscribes"));
  for (let after: Key | null = null; ; ) {
    const page = await unsubscribedBetween(db, uFrom, now, after, pageSize);
    await queue(page.map((c) => ({ type: "customer.unsubscribed" as const, key: `customer.unsubscribed:${c.id}:${c.at}`, at: c.at!, data: { customer: { id: c.id, email: c.email, name: c.name }, unsubscribedAt: iso(c.at!) } })));
    if (page.length < pageSize) break;
    after = { at: page[page.length - 1].at!, id: page[page.length - 1].id };
  }

  // Moved only after every event up to `now` is queued: a crash before this re-reads, and dedupe absorbs it.
  await db.commit([setCursor(db, "responses", now), setCursor(db, "unsubscribes", now)]);
  return queued;
}
