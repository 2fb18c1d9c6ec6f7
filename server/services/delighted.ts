// The Delighted-compatible API's use cases, answering in Delighted's shapes (ids as strings, times as Unix seconds).
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { customers, invitations, purchaseProperties, purchases, responses, suppressions } from "../../db/schema";
import { npsFromCounts } from "../domain/nps";
import { newId } from "../ids";
import { normalizeLocale, recordPurchase } from "./record-purchase";
import { returningOptOut } from "./erased-opt-outs";

const secs = (ms: number | null | undefined) => (ms == null ? null : Math.floor(ms / 1000));
const ms = (s: number | undefined) => (s === undefined ? undefined : s * 1000);

export type PersonRequest = { email: string; name?: string; delay: number; properties: Record<string, string>; send: boolean };

/**
 * POST /v1/people: a survey request becomes a purchase (order id `delighted:<id>`, amount 0 in XXX,
 * ISO 4217's "no currency") so the active template's rules, throttle and unsubscribes apply; `delay`
 * replaces the template's delay. With send=false only the person is created or updated.
 */
export async function sendToPerson(deps: Pick<Deps, "db" | "clock" | "config">, req: PersonRequest) {
  const { db } = deps;
  const now = deps.clock.now();
  const email = req.email.toLowerCase();
  const locale = req.properties.locale;
  let surveyAt: number | null = null;
  if (req.send) {
    const product = req.properties.question_product_name;
    const result = await recordPurchase(deps, { id: `delighted:${newId(now)}`, customer: { email, ...(req.name && { name: req.name }), ...(locale && { locale }) }, amount: 0, currency: "XXX", channel: "delighted-api", purchasedAt: now, ...(product && { items: [{ name: product.slice(0, 500) }] }) });
    const dueAt = now + req.delay * 1000;
    const ids = result.scheduled.map((s) => s.invitationId);
    const writes = [];
    if (ids.length) {
      // Keep each invitation open as long as the template says, counted from the new due time.
      writes.push(db.update(invitations).set({ dueAt, closesAt: sql`${invitations.closesAt} - ${invitations.dueAt} + ${dueAt}` }).where(and(inArray(invitations.id, ids), eq(invitations.status, "scheduled"))));
      surveyAt = dueAt;
    }
    if (Object.keys(req.properties).length) writes.push(db.insert(purchaseProperties).values({ purchaseId: result.purchaseId, properties: req.properties }).onConflictDoNothing());
    if (writes.length) await db.commit(writes);
  } else {
    const [known] = await db.select({ id: customers.id }).from(customers).where(eq(customers.email, email));
    const set = { ...(req.name && { name: req.name }), ...(locale && { locale: normalizeLocale(locale) }) };
    if (!known) {
      const returning = await returningOptOut(deps, email);
      await db.commit([db.insert(customers).values({ id: newId(now), email, name: req.name ?? null, locale: normalizeLocale(locale), unsubscribedAt: returning.unsubscribedAt, createdAt: now }).onConflictDoNothing(), ...returning.writes]);
    }
    else if (Object.keys(set).length) await db.commit([db.update(customers).set(set).where(eq(customers.id, known.id))]);
  }
  const [c] = await db.select().from(customers).where(eq(customers.email, email));
  return { id: c.id, email: c.email, name: c.name, survey_scheduled_at: secs(surveyAt), properties: req.properties };
}

export type PeopleCursor = { createdAt: number; id: string };

/** People in creation order, `after` being the last person of the previous page. */
export async function listPeople(deps: Pick<Deps, "db">, q: { perPage: number; after?: PeopleCursor; since?: number; until?: number; email?: string }) {
  const { db } = deps;
  const rows = await db
    .select({
      id: customers.id,
      email: customers.email,
      name: customers.name,
      createdAt: customers.createdAt,
      lastSentAt: sql<number | null>`(select max(${invitations.sentAt}) from ${invitations} where ${invitations.customerId} = ${customers.id})`,
      lastRespondedAt: sql<number | null>`(select max(${responses.updatedAt}) from ${responses} where ${responses.customerId} = ${customers.id})`,
      nextScheduledAt: sql<number | null>`(select min(${invitations.dueAt}) from ${invitations} where ${invitations.customerId} = ${customers.id} and ${invitations.status} = 'scheduled')`,
    })
    .from(customers)
    .where(
      and(
        q.after ? or(gt(customers.createdAt, q.after.createdAt), and(eq(customers.createdAt, q.after.createdAt), gt(customers.id, q.after.id))) : undefined,
        q.since !== undefined ? gte(customers.createdAt, ms(q.since)!) : undefined,
        q.until !== undefined ? lte(customers.createdAt, ms(q.until)!) : undefined,
        q.email ? eq(customers.email, q.email.toLowerCase()) : undefined,
      ),
    )
    .orderBy(asc(customers.createdAt), asc(customers.id))
    .limit(q.perPage + 1);
  const page = rows.slice(0, q.perPage);
  return {
    people: page.map((r) => ({ id: r.id, email: r.email, name: r.name, created_at: secs(r.createdAt), phone_number: null, last_sent_at: secs(r.lastSentAt), last_responded_at: secs(r.lastRespondedAt), next_survey_scheduled_at: secs(r.nextScheduledAt) })),
    next: rows.length > q.perPage ? { createdAt: page[page.length - 1].createdAt, id: page[page.length - 1].id } : null,
  };
}

/** Unsubscribes by email; someone we have never seen is recorded as unsubscribed, so a later purchase is not surveyed. */
export async function unsubscribeEmail(deps: Pick<Deps, "db" | "clock">, email: string): Promise<void> {
  const { db } = deps;
  const now = deps.clock.now();
  const address = email.toLowerCase();
  await db.commit([
    db.insert(customers).values({ id: newId(now), email: address, locale: "en", unsubscribedAt: now, createdAt: now }).onConflictDoUpdate({ target: customers.email, set: { unsubscribedAt: sql`coalesce(${customers.unsubscribedAt}, ${now})` } }),
  ]);
}

export async function listUnsubscribes(deps: Pick<Deps, "db">, q: { perPage: number; page: number; since?: number; until?: number }) {
  const { db } = deps;
  const rows = await db
    .select({ id: customers.id, email: customers.email, name: customers.name, at: customers.unsubscribedAt })
    .from(customers)
    .where(and(isNotNull(customers.unsubscribedAt), q.since !== undefined ? gte(customers.unsubscribedAt, ms(q.since)!) : undefined, q.until !== undefined ? lte(customers.unsubscribedAt, ms(q.until)!) : undefined))
    .orderBy(asc(customers.unsubscribedAt), asc(customers.id))
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage);
  return rows.map((r) => ({ person_id: r.id, email: r.email, name: r.name, unsubscribed_at: secs(r.at) }));
}

/** Hard bounces reported by Resend's webhook (the suppression list), in Delighted's shape. */
export async function listBounces(deps: Pick<Deps, "db">, q: { perPage: number; page: number; since?: number; until?: number }) {
  const { db } = deps;
  const rows = await db
    .select({ id: customers.id, email: suppressions.email, name: customers.name, at: suppressions.createdAt })
    .from(suppressions)
    .leftJoin(customers, eq(customers.email, suppressions.email))
    .where(and(eq(suppressions.reason, "hard_bounce"), q.since !== undefined ? gte(suppressions.createdAt, ms(q.since)!) : undefined, q.until !== undefined ? lte(suppressions.createdAt, ms(q.until)!) : undefined))
    .orderBy(asc(suppressions.createdAt), asc(suppressions.email))
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage);
  return rows.map((r) => ({ person_id: r.id, email: r.email, name: r.name, bounced_at: secs(r.at) }));
}

export type ResponseQuery = {
  perPage: number;
  page: number;
  since?: number;
  until?: number;
  updatedSince?: number;
  updatedUntil?: number;
  personId?: string;
  personEmail?: string;
  order: "asc" | "desc" | "asc:updated_at" | "desc:updated_at";
  expandPerson: boolean;
};

export async function listSurveyResponses(deps: Pick<Deps, "db">, q: ResponseQuery) {
  const { db } = deps;
  const where: (SQL | undefined)[] = [
    q.since !== undefined ? gte(responses.answeredAt, ms(q.since)!) : undefined,
    q.until !== undefined ? lte(responses.answeredAt, ms(q.until)!) : undefined,
    q.updatedSince !== undefined ? gte(responses.updatedAt, ms(q.updatedSince)!) : undefined,
    q.updatedUntil !== undefined ? lte(responses.updatedAt, ms(q.updatedUntil)!) : undefined,
    q.personId ? eq(responses.customerId, q.personId) : undefined,
    q.personEmail ? eq(customers.email, q.personEmail.toLowerCase()) : undefined,
  ];
  const [dir, field] = q.order.split(":");
  const col = field === "updated_at" ? responses.updatedAt : responses.answeredAt;
  const rows = await db
    .select({ r: responses, email: customers.email, name: customers.name, customerCreatedAt: customers.createdAt, properties: purchaseProperties.properties })
    .from(responses)
    .innerJoin(customers, eq(customers.id, responses.customerId))
    .innerJoin(invitations, eq(invitations.id, responses.invitationId))
    .leftJoin(purchaseProperties, eq(purchaseProperties.purchaseId, invitations.purchaseId))
    .where(and(...where))
    .orderBy(dir === "desc" ? desc(col) : asc(col), dir === "desc" ? desc(responses.id) : asc(responses.id))
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage);
  return rows.map(({ r, email, name, customerCreatedAt, properties }) => ({
    id: r.id,
    person: q.expandPerson ? { id: r.customerId, email, name, created_at: secs(customerCreatedAt) } : r.customerId,
    survey_type: "nps",
    score: r.score,
    comment: r.comment,
    permalink: null,
    created_at: secs(r.answeredAt),
    updated_at: secs(r.updatedAt),
    person_properties: properties ?? null,
    notes: [],
    tags: [],
    additional_answers: [],
  }));
}

/** Core metrics: Delighted rounds the score and percentages to whole numbers. */
export async function delightedMetrics(deps: Pick<Deps, "db">, q: { since?: number; until?: number }) {
  const { db } = deps;
  const [row] = await db
    .select({
      promoters: sql<number>`coalesce(sum(${responses.score} >= 9), 0)`,
      passives: sql<number>`coalesce(sum(${responses.score} between 7 and 8), 0)`,
      detractors: sql<number>`coalesce(sum(${responses.score} <= 6), 0)`,
    })
    .from(responses)
    .where(and(q.since !== undefined ? gte(responses.answeredAt, ms(q.since)!) : undefined, q.until !== undefined ? lte(responses.answeredAt, ms(q.until)!) : undefined));
  const nps = npsFromCounts({ promoters: Number(row.promoters), passives: Number(row.passives), detractors: Number(row.detractors) });
  const pct = (n: number) => (nps.responses ? Math.round((n / nps.responses) * 100) : 0);
  return {
    nps: nps.score === null ? 0 : Math.round(nps.score),
    promoter_count: nps.promoters,
    promoter_percent: pct(nps.promoters),
    passive_count: nps.passives,
    passive_percent: pct(nps.passives),
    detractor_count: nps.detractors,
    detractor_percent: pct(nps.detractors),
    response_count: nps.responses,
  };
}
