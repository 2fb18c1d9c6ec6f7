// Score summary and the latest responses, aggregated in SQL over the response table.
import { and, desc, eq, gte, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers, invitations, purchases, responses } from "../../db/schema";
import { summarizeScores, type LikertTotal, type ScoreSummary } from "../domain/value-model";
import { COST_KINDS, VALUE_TYPES } from "../domain/template-content";

export type ScoreFilter = { from?: number; to?: number };

const benefitColumns = {
  functional: responses.benefitFunctional,
  social: responses.benefitSocial,
  emotional: responses.benefitEmotional,
  monetary: responses.benefitMonetary,
};
const costColumns = { money: responses.costMoney, time: responses.costTime, effort: responses.costEffort, risk: responses.costRisk };

function whereOf(f: ScoreFilter): SQL | undefined {
  return and(f.from !== undefined ? gte(responses.answeredAt, f.from) : undefined, f.to !== undefined ? lt(responses.answeredAt, f.to) : undefined);
}

const n = (x: unknown) => Number(x ?? 0);

export async function scoreSummary(db: Db, filter: ScoreFilter): Promise<ScoreSummary> {
  const likert = (col: AnyColumn) => ({
    sum: sql<number>`coalesce(sum(${col}), 0)`,
    count: sql<number>`count(${col})`,
  });
  const [row] = await db
    .select({
      promoters: sql<number>`coalesce(sum(${responses.score} >= 9), 0)`,
      passives: sql<number>`coalesce(sum(${responses.score} between 7 and 8), 0)`,
      detractors: sql<number>`coalesce(sum(${responses.score} <= 6), 0)`,
      csatSatisfied: sql<number>`coalesce(sum(${responses.csat} >= 4), 0)`,
      csatResponses: sql<number>`count(${responses.csat})`,
      ...Object.fromEntries(VALUE_TYPES.flatMap((t) => Object.entries(likert(benefitColumns[t])).map(([k, v]) => [`b_${t}_${k}`, v]))),
      ...Object.fromEntries(COST_KINDS.flatMap((t) => Object.entries(likert(costColumns[t])).map(([k, v]) => [`c_${t}_${k}`, v]))),
    })
    .from(responses)
    .where(whereOf(filter));
  const r = row as Record<string, unknown>;
  const total = (prefix: string): LikertTotal => ({ sum: n(r[`${prefix}_sum`]), count: n(r[`${prefix}_count`]) });
  return summarizeScores({
    nps: { promoters: n(r.promoters), passives: n(r.passives), detractors: n(r.detractors) },
    csat: { satisfied: n(r.csatSatisfied), responses: n(r.csatResponses) },
    benefits: Object.fromEntries(VALUE_TYPES.map((t) => [t, total(`b_${t}`)])) as Record<(typeof VALUE_TYPES)[number], LikertTotal>,
    costs: Object.fromEntries(COST_KINDS.map((k) => [k, total(`c_${k}`)])) as Record<(typeof COST_KINDS)[number], LikertTotal>,
  });
}

const responseItem = {
  id: responses.id,
  score: responses.score,
  csat: responses.csat,
  comment: responses.comment,
  customerEmail: customers.email,
  customerName: customers.name,
  orderId: purchases.orderId,
  locale: responses.locale,
  flagged: responses.flagged,
  answeredAt: responses.answeredAt,
  updatedAt: responses.updatedAt,
};

function responseQuery(db: Db) {
  return db
    .select(responseItem)
    .from(responses)
    .innerJoin(customers, eq(customers.id, responses.customerId))
    .innerJoin(invitations, eq(invitations.id, responses.invitationId))
    .innerJoin(purchases, eq(purchases.id, invitations.purchaseId));
}

export async function latestResponses(db: Db, limit: number) {
  return responseQuery(db).orderBy(desc(responses.updatedAt), desc(responses.id)).limit(limit);
}

export async function responseById(db: Db, id: string) {
  const [row] = await responseQuery(db).where(eq(responses.id, id));
  return row ?? null;
}
