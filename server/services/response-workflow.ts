// Closing the loop on one response: assign, change status, internal notes, reply to the customer by email.
import { asc, eq, inArray } from "drizzle-orm";
import { alertRules, alerts, customers, responseNotes, responses, users } from "../../db/schema";
import { renderReplyEmail } from "../../emails/reply";
import type { Deps } from "../deps";
import { nextCaseStatus } from "../domain/cases";
import type { Locale } from "../domain/template-content";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { isLocale, ROLES_WHO_MAY, type NoteKind } from "../domain/vocabulary";
import { responseById, type FeedItem, type ResponseStatus } from "./response-feed";
import { templateById } from "./templates";

/** Who may be assigned a response: people whose role handles customers. */
const ASSIGNABLE_ROLES = ROLES_WHO_MAY.handleCases;

export async function listAssignees(deps: Pick<Deps, "db">) {
  return deps.db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.role, [...ASSIGNABLE_ROLES]))
    .orderBy(asc(users.email));
}

export type WorkflowChange = { assigneeId?: string | null; status?: ResponseStatus };

/**
 * Opening a case (status open) on a response without one, assigning (which starts a case: in progress),
 * closing (stamps closedAt), reopening (clears it). Returns the response as the feed shows it, and publishes it
 * (live dashboards show the change).
 */
export async function updateResponseWorkflow(deps: Pick<Deps, "db" | "clock" | "events">, id: string, change: WorkflowChange): Promise<FeedItem> {
  const { db } = deps;
  const now = deps.clock.now();
  const [current] = await db.select({ status: responses.status, closedAt: responses.closedAt }).from(responses).where(eq(responses.id, id));
  if (!current) throw notFound("Response");
  if (change.assigneeId) {
    const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, change.assigneeId));
    if (!user || !(ASSIGNABLE_ROLES as readonly string[]).includes(user.role))
      throw new AppError("invalid_input", "The assignee must be an admin or support user", [{ field: "assigneeId", message: "not an assignable user" }]);
  }
  const status = nextCaseStatus(current.status, { status: change.status, assigned: !!change.assigneeId });
  const closedAt = status === "closed" ? (current.status === "closed" ? current.closedAt : now) : null;
  await db.commit([
    db
      .update(responses)
      .set({ status, closedAt, ...(change.assigneeId !== undefined && { assigneeId: change.assigneeId }) })
      .where(eq(responses.id, id)),
  ]);
  deps.events.publish({ type: "response", responseId: id });
  return (await responseById(db, id))!;
}

export type Note = { id: string; kind: NoteKind; body: string; authorEmail: string | null; createdAt: number };

export async function notesOf(deps: Pick<Deps, "db">, responseId: string): Promise<Note[]> {
  return deps.db
    .select({ id: responseNotes.id, kind: responseNotes.kind, body: responseNotes.body, authorEmail: users.email, createdAt: responseNotes.createdAt })
    .from(responseNotes)
    .leftJoin(users, eq(users.id, responseNotes.authorId))
    .where(eq(responseNotes.responseId, responseId))
    .orderBy(asc(responseNotes.createdAt), asc(responseNotes.id));
}

export async function responseDetail(deps: Pick<Deps, "db">, id: string) {
  const { db } = deps;
  const response = await responseById(db, id);
  if (!response) throw notFound("Response");
  const raised = await db
    .select({ id: alerts.id, ruleName: alertRules.name, createdAt: alerts.createdAt, emailedAt: alerts.emailedAt })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(eq(alerts.responseId, id))
    .orderBy(asc(alerts.createdAt));
  return { response, notes: await notesOf(deps, id), alerts: raised };
}

/** An internal note: seen by the team only. */
export async function addNote(deps: Pick<Deps, "db" | "clock">, responseId: string, authorId: string | null, body: string): Promise<Note> {
  const { db } = deps;
  const now = deps.clock.now();
  const exists = await responseById(db, responseId);
  if (!exists) throw notFound("Response");
  const note = { id: newId(now), responseId, authorId, kind: "note" as const, body, createdAt: now };
  await db.commit([db.insert(responseNotes).values(note)]);
  return (await notesOf(deps, responseId)).find((n) => n.id === note.id)!;
}

/**
 * Emails the customer from the dashboard in their language; their reply goes to the lead
 * (Reply-To). The reply is kept as a note, and a new case (or a response without one) moves to in progress.
 * The note id is the send's idempotency key.
 */
export async function replyToResponse(
  deps: Pick<Deps, "db" | "mailer" | "config" | "clock" | "events">,
  responseId: string,
  lead: { id: string; email: string; name: string | null },
  body: string,
): Promise<Note> {
  const { db } = deps;
  const now = deps.clock.now();
  const [row] = await db
    .select({ email: customers.email, name: customers.name, locale: responses.locale, templateId: responses.templateId, status: responses.status })
    .from(responses)
    .innerJoin(customers, eq(customers.id, responses.customerId))
    .where(eq(responses.id, responseId));
  if (!row) throw notFound("Response");
  const template = await templateById(db, row.templateId);
  const locale: Locale = isLocale(row.locale) ? row.locale : "en";
  const rendered = renderReplyEmail({ brand: template?.content.brand.name ?? "ValuePulse", customerName: row.name, body, leadName: lead.name ?? lead.email }, locale);
  const id = newId(now);
  await deps.mailer.sendBatch([{ from: deps.config.emailFrom, to: row.email, replyTo: lead.email, ...rendered, headers: {} }], `reply-${id}`);
  await db.commit([
    db.insert(responseNotes).values({ id, responseId, authorId: lead.id, kind: "reply", body, createdAt: now }),
    ...(row.status === "open" || row.status === "none" ? [db.update(responses).set({ status: "in_progress" }).where(eq(responses.id, responseId))] : []),
  ]);
  deps.events.publish({ type: "response", responseId });
  return (await notesOf(deps, responseId)).find((n) => n.id === id)!;
}
