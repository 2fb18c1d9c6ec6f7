// Records or updates the one response of an invitation from the customer's answers.
import { eq } from "drizzle-orm";
import { ulid } from "ulidx";
import type { Db } from "../../db/client";
import { purchases, responses } from "../../db/schema";
import type { Question } from "../domain/template-content";
import { AppError } from "../errors";
import { surveyAccess } from "./survey-access";

export const COMMENT_MAX = 2000;

type ResponseValues = Partial<Omit<typeof responses.$inferInsert, "id" | "invitationId">>;

const COLUMN_BY_KEY: Record<string, keyof ResponseValues> = {
  score: "score",
  csat: "csat",
  benefit_functional: "benefitFunctional",
  benefit_social: "benefitSocial",
  benefit_emotional: "benefitEmotional",
  benefit_monetary: "benefitMonetary",
  cost_money: "costMoney",
  cost_time: "costTime",
  cost_effort: "costEffort",
  cost_risk: "costRisk",
  comment: "comment",
};

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

export type RecordedAnswer = { responseId: string; created: boolean };

export async function recordAnswer(db: Db, token: string, raw: Record<string, unknown>, now: number): Promise<RecordedAnswer> {
  const access = await surveyAccess(db, token, now);
  if (access.state === "not_found") throw new AppError("not_found", 404, "This survey link is not valid");
  if (access.state === "closed") throw new AppError("survey_closed", 410, "This survey is closed");
  const { values, errors } = parseAnswers(access.template.content.questions, raw);
  if (Object.keys(errors).length > 0) throw new AppError("invalid_input", 400, "Some answers are not valid", errors);

  const columns: ResponseValues = {};
  const extra: Record<string, string> = { ...(access.response?.extra ?? {}) };
  for (const [key, value] of Object.entries(values)) {
    const column = COLUMN_BY_KEY[key];
    if (column) (columns as Record<string, unknown>)[column] = value;
    else extra[key] = String(value);
  }
  const { invitation } = access;
  const [purchase] = await db.select({ channel: purchases.channel }).from(purchases).where(eq(purchases.id, invitation.purchaseId));
  const id = ulid(now);
  // One statement: insert the response, or update only the answered fields of the existing one.
  const [row] = await db
    .insert(responses)
    .values({
      id,
      invitationId: invitation.id,
      templateId: invitation.templateId,
      templateVersion: invitation.templateVersion,
      customerId: invitation.customerId,
      locale: invitation.locale,
      channel: purchase?.channel ?? null,
      ...columns,
      extra,
      answeredAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: responses.invitationId, set: { ...columns, extra, updatedAt: now } })
    .returning({ id: responses.id });
  return { responseId: row.id, created: row.id === id };
}
