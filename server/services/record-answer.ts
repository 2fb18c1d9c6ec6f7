// Records or updates the one response of an invitation from the customer's answers.
import { fillPlaceholders, sql } from "drizzle-orm";
import { ulid } from "ulidx";
import type { Db } from "../../db/client";
import { responses } from "../../db/schema";
import type { Question } from "../domain/template-content";
import { AppError } from "../errors";
import { invitationForToken } from "./survey-access";
import { templateById } from "./templates";

export const COMMENT_MAX = 2000;

/** Question keys stored in their own columns (the value model); any other key goes to `extra`. */
const ANSWER_COLUMNS = {
  score: responses.score,
  csat: responses.csat,
  benefit_functional: responses.benefitFunctional,
  benefit_social: responses.benefitSocial,
  benefit_emotional: responses.benefitEmotional,
  benefit_monetary: responses.benefitMonetary,
  cost_money: responses.costMoney,
  cost_time: responses.costTime,
  cost_effort: responses.costEffort,
  cost_risk: responses.costRisk,
  comment: responses.comment,
} as const;
type AnswerKey = keyof typeof ANSWER_COLUMNS;
const ANSWER_KEYS = Object.keys(ANSWER_COLUMNS) as AnswerKey[];

function range(q: Question): [number, number] | null {
  if (q.type === "nps") return [0, 10];
  if (q.type === "text") return null;
  return [1, 5];
}

/**
 * Validates the answers against the template's questions. Blank fields mean "not answered"
 * (a partial response counts for what it has); unknown fields are ignored.
 */
export function parseAnswers(questions: Question[], raw: Record<string, unknown>): { values: Record<string, number | string>; errors: Record<string, string> } {
  const values: Record<string, number | string> = {};
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const v = raw[q.key];
    if (v === undefined || v === null || v === "") continue;
    const bounds = range(q);
    if (bounds) {
      const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < bounds[0] || n > bounds[1]) errors[q.key] = `must be a whole number from ${bounds[0]} to ${bounds[1]}`;
      else values[q.key] = n;
    } else if (typeof v !== "string") errors[q.key] = "must be text";
    else if (v.length > COMMENT_MAX) errors[q.key] = `must be at most ${COMMENT_MAX} characters`;
    else if (v.trim() !== "") values[q.key] = v.trim();
  }
  return { values, errors };
}

/**
 * One statement for insert-or-update, built once: an answer not sent (NULL) keeps the stored one,
 * and free-form answers are merged into `extra`. So an answer never needs to read the response first.
 */
function buildUpsert(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  return db
    .insert(responses)
    .values({
      id: p("id"),
      invitationId: p("invitationId"),
      templateId: p("templateId"),
      templateVersion: p("templateVersion"),
      customerId: p("customerId"),
      locale: p("locale"),
      channel: p("channel"),
      ...Object.fromEntries(ANSWER_KEYS.map((k) => [camel(k), p(k)])),
      extra: p("extra"),
      answeredAt: p("now"),
      updatedAt: p("now"),
    })
    .onConflictDoUpdate({
      target: responses.invitationId,
      set: {
        ...Object.fromEntries(ANSWER_KEYS.map((k) => [camel(k), sql`coalesce(excluded.${sql.identifier(ANSWER_COLUMNS[k].name)}, ${ANSWER_COLUMNS[k]})`])),
        extra: sql`json_patch(coalesce(${responses.extra}, '{}'), excluded.extra)`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning({ id: responses.id })
    .toSQL();
}

const camel = (k: string) => k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

const upserts = new WeakMap<Db, ReturnType<typeof buildUpsert>>();

export type RecordedAnswer = { responseId: string; created: boolean };

export async function recordAnswer(db: Db, token: string, raw: Record<string, unknown>, now: number): Promise<RecordedAnswer> {
  const invitation = await invitationForToken(db, token);
  if (!invitation) throw new AppError("not_found", 404, "This survey link is not valid");
  if (invitation.closesAt <= now) throw new AppError("survey_closed", 410, "This survey is closed");
  const template = await templateById(db, invitation.templateId);
  if (!template) throw new AppError("not_found", 404, "This survey link is not valid");
  const { values, errors } = parseAnswers(template.content.questions, raw);
  if (Object.keys(errors).length > 0) throw new AppError("invalid_input", 400, "Some answers are not valid", errors);

  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (!(key in ANSWER_COLUMNS)) extra[key] = String(value);
  let upsert = upserts.get(db);
  if (!upsert) upserts.set(db, (upsert = buildUpsert(db)));
  const id = ulid(now);
  const args = fillPlaceholders(upsert.params, {
    id,
    invitationId: invitation.id,
    templateId: invitation.templateId,
    templateVersion: invitation.templateVersion,
    customerId: invitation.customerId,
    locale: invitation.locale,
    channel: invitation.channel,
    ...Object.fromEntries(ANSWER_KEYS.map((k) => [k, values[k] ?? null])),
    extra: JSON.stringify(extra),
    now,
  });
  // Group-committed: acknowledged only once the transaction holding it is on disk.
  const [result] = await db.commit([{ sql: upsert.sql, args: args as (string | number | null)[] }]);
  const responseId = String(result.rows[0].id);
  return { responseId, created: responseId === id };
}
