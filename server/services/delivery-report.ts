// Delivery status per invitation and delivery rates per template, from the outbox rows and the provider's events.
import type { Deps } from "../deps";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers, emailEvents, invitations, reminders, responses, templates } from "../../db/schema";
import { DELIVERY_STATES, EVENT_STATES, eventRank, stateOfRank, type DeliveryState } from "../domain/delivery-status";
import type { InvitationStatus } from "../domain/vocabulary";

/** The furthest state the provider reported for a message: the highest-ranked of its events (order of arrival does not matter). */
const rankOf = (messageId: SQL | typeof invitations.providerMessageId): SQL<number | null> => {
  const cases = Object.keys(EVENT_STATES).map((type) => sql`when ${type} then ${eventRank(type)}`);
  return sql<number | null>`(select max(case ${emailEvents.type} ${sql.join(cases, sql` `)} else 0 end) from ${emailEvents} where ${emailEvents.emailId} = ${messageId})`;
};

const problemDetail = sql<string | null>`(select ${emailEvents.detail} from ${emailEvents} where ${emailEvents.emailId} = ${invitations.providerMessageId}
  and ${emailEvents.type} in ('email.bounced', 'email.complained', 'email.delivery_delayed') order by ${emailEvents.occurredAt} desc limit 1)`;

export type InvitationDelivery = {
  id: string;
  email: string;
  templateId: string;
  templateName: string | null;
  status: InvitationStatus;
  /** Why it was skipped or failed, or the last temporary error while retrying. */
  reason: string | null;
  attempts: number;
  dueAt: number;
  sentAt: number | null;
  /** What the provider reported since (null before any event). */
  delivery: DeliveryState | null;
  deliveryDetail: string | null;
  reminder: { status: string; dueAt: number; sentAt: number | null; reason: string | null } | null;
};

export async function listInvitationDeliveries(deps: Pick<Deps, "db">, q: { status?: InvitationDelivery["status"]; templateId?: string; before?: string; limit: number }): Promise<InvitationDelivery[]> {
  const { db } = deps;
  const rows = await db
    .select({
      id: invitations.id,
      email: customers.email,
      templateId: invitations.templateId,
      templateName: templates.name,
      status: invitations.status,
      reason: invitations.lastError,
      attempts: invitations.attempts,
      dueAt: invitations.dueAt,
      sentAt: invitations.sentAt,
      rank: rankOf(invitations.providerMessageId),
      deliveryDetail: problemDetail,
      reminderStatus: reminders.status,
      reminderDueAt: reminders.dueAt,
      reminderSentAt: reminders.sentAt,
      reminderReason: reminders.lastError,
    })
    .from(invitations)
    .innerJoin(customers, eq(customers.id, invitations.customerId))
    .leftJoin(templates, eq(templates.id, invitations.templateId))
    .leftJoin(reminders, eq(reminders.invitationId, invitations.id))
    .where(
      and(
        q.status ? eq(invitations.status, q.status) : undefined,
        q.templateId ? eq(invitations.templateId, q.templateId) : undefined,
        q.before ? lt(invitations.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(invitations.id))
    .limit(q.limit);
  return rows.map(({ rank, reminderStatus, reminderDueAt, reminderSentAt, reminderReason, ...r }) => ({
    ...r,
    delivery: stateOfRank(rank),
    reminder: reminderStatus ? { status: reminderStatus, dueAt: reminderDueAt!, sentAt: reminderSentAt, reason: reminderReason } : null,
  }));
}

export type TemplateDeliveryRates = {
  templateId: string;
  templateName: string | null;
  scheduled: number;
  sending: number;
  sent: number;
  skipped: number;
  failed: number;
  remindersSent: number;
  delivered: number;
  delayed: number;
  bounced: number;
  complained: number;
  /** Shares of invitations sent, 0–1; null until the provider reported on any of them (the dev mailbox never does). */
  deliveryRate: number | null;
  bounceRate: number | null;
  complaintRate: number | null;
  /** Invitations sent that did not bounce: the response rate's n (a delivery confirmation is not needed; the dev mailbox sends none). */
  reached: number;
  /** Invitations sent and answered (any question). */
  answered: number;
  /** answered ÷ reached, 0–1 (Delighted's headline figure); null before any invitation reached anyone. */
  responseRate: number | null;
};

/** Counts per template (invitation emails; reminders counted apart). Scans the invitations: an admin view, not a hot path. */
export async function templateDeliveryRates(deps: Pick<Deps, "db">): Promise<TemplateDeliveryRates[]> {
  const { db } = deps;
  const counts = await db
    .select({ templateId: invitations.templateId, status: invitations.status, rank: rankOf(invitations.providerMessageId), n: sql<number>`count(*)` })
    .from(invitations)
    .groupBy(sql`1`, sql`2`, sql`3`);
  const reminderCounts = await db
    .select({ templateId: invitations.templateId, n: sql<number>`count(*)` })
    .from(reminders)
    .innerJoin(invitations, eq(invitations.id, reminders.invitationId))
    .where(eq(reminders.status, "sent"))
    .groupBy(invitations.templateId);
  const answeredCounts = await db
    .select({ templateId: invitations.templateId, n: sql<number>`count(*)` })
    .from(responses)
    .innerJoin(invitations, eq(invitations.id, responses.invitationId))
    .where(eq(invitations.status, "sent"))
    .groupBy(invitations.templateId);
  const names = new Map((await db.select({ id: templates.id, name: templates.name }).from(templates)).map((t) => [t.id, t.name]));

  const byTemplate = new Map<string, TemplateDeliveryRates>();
  const entry = (templateId: string) => {
    let e = byTemplate.get(templateId);
    if (!e) {
      e = { templateId, templateName: names.get(templateId) ?? null, scheduled: 0, sending: 0, sent: 0, skipped: 0, failed: 0, remindersSent: 0, delivered: 0, delayed: 0, bounced: 0, complained: 0, deliveryRate: null, bounceRate: null, complaintRate: null, reached: 0, answered: 0, responseRate: null };
      byTemplate.set(templateId, e);
    }
    return e;
  };
  const at = (s: DeliveryState) => DELIVERY_STATES.indexOf(s) + 1;
  const reported = new Map<string, number>();
  for (const c of counts) {
    const e = entry(c.templateId);
    const n = Number(c.n);
    e[c.status] += n;
    const rank = c.rank ?? 0;
    if (rank > 0) reported.set(c.templateId, (reported.get(c.templateId) ?? 0) + n);
    // A complaint comes from a delivered email.
    if (rank === at("delivered") || rank === at("complained")) e.delivered += n;
    if (rank === at("delivery_delayed")) e.delayed += n;
    if (rank === at("bounced")) e.bounced += n;
    if (rank === at("complained")) e.complained += n;
  }
  for (const r of reminderCounts) entry(r.templateId).remindersSent = Number(r.n);
  for (const r of answeredCounts) entry(r.templateId).answered = Number(r.n);
  return [...byTemplate.values()].map((e) => {
    const share = (x: number) => (e.sent > 0 && (reported.get(e.templateId) ?? 0) > 0 ? x / e.sent : null);
    const reached = e.sent - e.bounced;
    return {
      ...e,
      deliveryRate: share(e.delivered),
      bounceRate: share(e.bounced),
      complaintRate: share(e.complained),
      reached,
      responseRate: reached > 0 ? Math.min(1, e.answered / reached) : null,
    };
  });
}
