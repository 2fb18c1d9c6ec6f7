// Outgoing webhooks: endpoints, the outbox (events read from committed answers and unsubscribes), delivery with retries.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers, invitations, purchases, responses, webhookAttempts, webhookCursors, webhookDeliveries, webhookEndpoints, webhookReceipts } from "../../db/schema";
import { bareHost, classifyTarget, isAllowListed, resolvedProblem } from "../domain/network-address";
import { isDetractor, nextAttemptAt, slackMessage, type ResponseData, type UnsubscribeData, type WebhookEvent, type WebhookEventType } from "../domain/webhook-events";
import { standardWebhookSignature, webhookSecret } from "../domain/webhook-signatures";
import type { Deps, ResolveHost } from "../deps";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { DAY_MS } from "../domain/time";
import { valueAnswers } from "../domain/vocabulary";

/**
 * Where webhooks may go. `allowedHosts` (WEBHOOK_ALLOWED_HOSTS) skip every check. `resolveHost` (Node: node:dns, injected
 * by the entry) lets a name be checked by the addresses it resolves to; without it (Workers) only the URL is checked.
 */
export type TargetPolicy = { allowedHosts: readonly string[]; resolveHost?: ResolveHost; publicUrl: string };

type Ctx = TargetPolicy & { db: Db; secretKey: string; now: () => number; fetch?: typeof fetch; pageSize?: number };

/** The outbox's context from the app's dependencies (the scheduled job, tests). */
export function webhookContext(deps: Pick<Deps, "db" | "config" | "clock" | "resolveHost" | "webhookFetch">): Ctx {
  return { db: deps.db, secretKey: deps.config.secretKey, now: deps.clock.now, publicUrl: deps.config.publicUrl, allowedHosts: deps.config.webhookAllowedHosts, resolveHost: deps.resolveHost, fetch: deps.webhookFetch };
}

/**
 * Why a webhook may not be sent to `url` (SSRF: this machine, its private networks, cloud metadata), or null. Names are
 * resolved on every call, so a name re-pointed at a private address after registration (DNS rebinding) is refused at
 * the next attempt. ValuePulse's own address is refused too: a webhook is for another system.
 */
export async function webhookTargetProblem(policy: TargetPolicy, url: string, opts: { unresolvable: "refuse" | "allow" } = { unresolvable: "refuse" }): Promise<string | null> {
  const verdict = classifyTarget(url, policy.allowedHosts);
  if (verdict.verdict === "refused") return verdict.reason;
  const host = bareHost(new URL(url).hostname);
  if (host === bareHost(new URL(policy.publicUrl).hostname) && !isAllowListed(host, policy.allowedHosts)) return `points to ValuePulse itself (${host})`;
  if (verdict.verdict === "ok") return null;
  if (!policy.resolveHost) return null;
  let addresses: string[];
  try {
    addresses = await policy.resolveHost(verdict.host);
  } catch (err) {
    return opts.unresolvable === "allow" ? null : `${verdict.host} could not be resolved (${(err as { code?: string }).code ?? "DNS error"})`;
  }
  return resolvedProblem(verdict.host, addresses);
}

export type EndpointInput = { url: string; events: WebhookEventType[]; format: "standard" | "slack"; description?: string };
type EndpointRow = typeof webhookEndpoints.$inferSelect;

const toEndpoint = (row: EndpointRow) => ({ ...row, events: row.events.split(" ") as WebhookEventType[] });
export type Endpoint = ReturnType<typeof toEndpoint>;

export async function createEndpoint(ctx: Pick<Ctx, "db" | "secretKey"> & TargetPolicy, input: EndpointInput, now: number) {
  // A name that does not resolve yet may be registered: every attempt checks it again before anything is sent.
  const problem = await webhookTargetProblem(ctx, input.url, { unresolvable: "allow" });
  if (problem)
    throw new AppError("invalid_input", `The webhook URL ${problem}; an administrator can allow a host with WEBHOOK_ALLOWED_HOSTS`, [{ field: "url", message: problem }]);
  const row: EndpointRow = { id: newId(now), url: input.url, description: input.description ?? null, events: [...new Set(input.events)].join(" "), format: input.format, secretVersion: 1, createdAt: now, disabledAt: null };
  await ctx.db.commit([ctx.db.insert(webhookEndpoints).values(row)]);
  return { endpoint: toEndpoint(row), secret: webhookSecret(ctx.secretKey, row.id, 1) };
}

export async function listEndpoints(db: Db): Promise<Endpoint[]> {
  return (await db.select().from(webhookEndpoints).where(isNull(webhookEndpoints.disabledAt)).orderBy(desc(webhookEndpoints.createdAt))).map(toEndpoint);
}

async function endpointById(db: Db, id: string): Promise<EndpointRow> {
  const [row] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.disabledAt)));
  if (!row) throw notFound("Webhook endpoint");
  return row;
}

/** Disabled, not deleted: its delivery log stays readable; pending deliveries stop. */
export async function disableEndpoint(db: Db, id: string, now: number): Promise<void> {
  await endpointById(db, id);
  await db.commit([
    db.update(webhookEndpoints).set({ disabledAt: now }).where(eq(webhookEndpoints.id, id)),
    db.update(webhookDeliveries).set({ status: "failed" }).where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, "pending"))),
  ]);
}

/** The secret is derived, never stored: revealing it again is a computation; rotating bumps its version. */
export async function endpointSecret(ctx: Pick<Ctx, "db" | "secretKey">, id: string, rotate: boolean): Promise<string> {
  const row = await endpointById(ctx.db, id);
  const version = rotate ? row.secretVersion + 1 : row.secretVersion;
  if (rotate) await ctx.db.commit([ctx.db.update(webhookEndpoints).set({ secretVersion: version }).where(eq(webhookEndpoints.id, id))]);
  return webhookSecret(ctx.secretKey, id, version);
}

export async function listDeliveries(db: Db, endpointId: string, limit: number) {
  await endpointById(db, endpointId);
  const rows = await db
    .select({ id: webhookDeliveries.id, eventType: webhookDeliveries.eventType, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, nextAttemptAt: webhookDeliveries.nextAttemptAt, createdAt: webhookDeliveries.createdAt, payload: webhookDeliveries.payload })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), sql`${webhookDeliveries.id} desc`)
    .limit(limit);
  const attempts = rows.length
    ? await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id))).orderBy(asc(webhookAttempts.attempt))
    : [];
  return rows.map(({ payload, ...r }) => ({
    ...r,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null,
    payload: JSON.parse(payload) as unknown,
    log: attempts.filter((a) => a.deliveryId === r.id).map(({ attempt, at, statusCode, error }) => ({ attempt, at, statusCode, error })),
  }));
}

// ---- The outbox ---------------------------------------------------------------------------------

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
export async function collectWebhookEvents(ctx: Ctx): Promise<number> {
  const { db } = ctx;
  const now = ctx.now();
  const endpoints = await listEndpoints(db);
  if (endpoints.length === 0) {
    await db.commit([setCursor(db, "responses", now), setCursor(db, "unsubscribes", now)]);
    return 0;
  }
  const oldest = Math.min(...endpoints.map((e) => e.createdAt));
  const from = (c: number | null) => Math.max(oldest, (c ?? oldest) - OVERLAP_MS);

  const pageSize = ctx.pageSize ?? PAGE;
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

// ---- Delivery -----------------------------------------------------------------------------------

const TIMEOUT_MS = 10_000;

class RefusedTarget extends Error {}

/** fetch's own errors say "fetch failed"; what happened (refused address, connection refused, timeout) is their cause. */
function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : null;
  if (cause?.startsWith("Refused: ")) return cause;
  return cause ? `${err.name}: ${err.message} (${cause})` : `${err.name}: ${err.message}`;
}
const BATCH = 50;

export type DeliveryReport = { delivered: number; retrying: number; failed: number };

/** Sends every due delivery once; failures are retried later on RETRY_DELAYS_MS, each attempt logged. */
export async function deliverDueWebhooks(ctx: Ctx): Promise<DeliveryReport> {
  const { db } = ctx;
  const now = ctx.now();
  const due = await db
    .select({ d: webhookDeliveries, url: webhookEndpoints.url, format: webhookEndpoints.format, secretVersion: webhookEndpoints.secretVersion })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), isNull(webhookEndpoints.disabledAt)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(BATCH);
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const doFetch = ctx.fetch ?? fetch;
  await Promise.all(
    due.map(async ({ d, url, format, secretVersion }) => {
      const event = JSON.parse(d.payload) as WebhookEvent;
      const body = format === "slack" ? JSON.stringify(slackMessage(event, ctx.publicUrl)) : d.payload;
      const timestamp = Math.floor(now / 1000);
      const signature = standardWebhookSignature(webhookSecret(ctx.secretKey, d.endpointId, secretVersion), d.id, timestamp, body);
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        // Checked again on every attempt: what a name resolves to can change after registration.
        const problem = await webhookTargetProblem(ctx, url);
        if (problem) throw new RefusedTarget(problem);
        const res = await doFetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "ValuePulse-Webhooks/1.0", "webhook-id": d.id, "webhook-timestamp": String(timestamp), "webhook-signature": signature },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        statusCode = res.status;
        // The status only: the target's reply is not ours to show (it could be an internal page).
        if (!res.ok) error = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => {});
      } catch (err) {
        error = err instanceof RefusedTarget ? `Refused: the URL ${err.message}` : describeFetchError(err);
      }
      const attempt = d.attempts + 1;
      const next = error ? nextAttemptAt(attempt, now) : null;
      const status = !error ? "succeeded" : next === null ? "failed" : "pending";
      report[status === "succeeded" ? "delivered" : status === "failed" ? "failed" : "retrying"]++;
      await db.commit([
        db.insert(webhookAttempts).values({ id: newId(now), deliveryId: d.id, attempt, at: now, statusCode, error }),
        db.update(webhookDeliveries).set({ status, attempts: attempt, nextAttemptAt: next ?? now }).where(eq(webhookDeliveries.id, d.id)),
      ]);
    }),
  );
  return report;
}

/** The delivery log and the store-webhook receipts are kept this long (providers retry for at most 3 days). */
export const RETENTION_MS = 30 * DAY_MS;
const PRUNE_EVERY_MS = 3_600_000;
const lastPrune = new WeakMap<Db, number>();

/** Drops finished deliveries (with their attempts) and store-webhook receipts older than RETENTION_MS, at most hourly. */
export async function pruneWebhookHistory(db: Db, now: number): Promise<void> {
  if ((lastPrune.get(db) ?? -Infinity) > now - PRUNE_EVERY_MS) return;
  lastPrune.set(db, now);
  const before = now - RETENTION_MS;
  await db.commit([
    db.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(ne(webhookDeliveries.status, "pending"), lt(webhookDeliveries.createdAt, before))))),
    db.delete(webhookDeliveries).where(and(ne(webhookDeliveries.status, "pending"), lt(webhookDeliveries.createdAt, before))),
    db.delete(webhookReceipts).where(lt(webhookReceipts.receivedAt, before)),
  ]);
}

/** One pass of the outbox: queue new events, then send what is due. The Node entry runs it on an interval. */
export async function runOutgoingWebhooks(ctx: Ctx): Promise<DeliveryReport & { queued: number }> {
  const queued = await collectWebhookEvents(ctx);
  const report = await deliverDueWebhooks(ctx);
  await pruneWebhookHistory(ctx.db, ctx.now());
  return { queued, ...report };
}
