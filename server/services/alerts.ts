// Alert rules, the alerts they raise (in the answer's own transaction) and the emails to the chosen leads.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { alertRules, alerts, responses } from "../../db/schema";
import { renderAlertEmail } from "../../emails/alert";
import type { Deps } from "../deps";
import { DEFAULT_ALERT_RULE } from "../domain/alert-defaults";
import { CASE_MAX_SCORE } from "../domain/cases";
import type { Locale } from "../domain/template-content";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import type { Job } from "./jobs";
import { responseById, whereOf, type FeedFilter, type FeedItem } from "./response-feed";

/**
 * Runs inside the answer transaction (see record-answer.ts), after the upsert, with the JSON array of
 * the answered invitation ids: every active rule the (new or changed) responses now meet raises one alert per rule and
 * response; an alert already raised is kept as it was. Keywords are stored lower-cased.
 */
export const RAISE_ALERTS =
  `insert into alerts (id, rule_id, response_id, created_at) ` +
  `select r.id || '.' || ar.id, ar.id, r.id, r.updated_at from responses r join alert_rules ar on ar.active = 1 ` +
  `and (ar.max_score is null or r.score <= ar.max_score) ` +
  `and (ar.keyword is null or instr(lower(coalesce(r.comment, '')), ar.keyword) > 0) ` +
  `where r.invitation_id in (select value from json_each(?)) ` +
  `on conflict (id) do nothing`;

/**
 * Runs right after RAISE_ALERTS, in the same transaction and with the same argument: a detractor or a response
 * that raised an alert gets a case (server/domain/cases.ts `opensCase`), unless it has one already.
 */
export const OPEN_CASES =
  `update responses set status = 'open' where status = 'none' and invitation_id in (select value from json_each(?)) ` +
  `and (score <= ${CASE_MAX_SCORE} or exists (select 1 from alerts a where a.response_id = responses.id))`;

export type AlertRule = typeof alertRules.$inferSelect;
export type AlertRuleInput = { name: string; maxScore?: number | null; keyword?: string | null; recipients: string[]; locale?: Locale; active?: boolean };

function checkRule(input: Partial<AlertRuleInput>, current?: AlertRule) {
  const maxScore = input.maxScore !== undefined ? input.maxScore : (current?.maxScore ?? null);
  const keyword = input.keyword !== undefined ? input.keyword : (current?.keyword ?? null);
  if (maxScore === null && (keyword === null || keyword.trim() === ""))
    throw new AppError("invalid_input", "A rule needs a score limit, a keyword, or both", [{ field: "maxScore", message: "set maxScore or keyword" }]);
}

const normalizeKeyword = (k: string | null | undefined) => (k == null || k.trim() === "" ? null : k.trim().toLowerCase());

export async function listAlertRules(deps: Pick<Deps, "db">): Promise<AlertRule[]> {
  return deps.db.select().from(alertRules).orderBy(alertRules.createdAt);
}

/** `id`: a fixed id (the built-in rule's); default a new one. */
export async function createAlertRule(deps: Pick<Deps, "db" | "clock">, input: AlertRuleInput & { id?: string }): Promise<AlertRule> {
  const { db } = deps;
  const now = deps.clock.now();
  checkRule(input);
  const row: AlertRule = {
    id: input.id ?? newId(now),
    name: input.name,
    maxScore: input.maxScore ?? null,
    keyword: normalizeKeyword(input.keyword),
    recipients: [...new Set(input.recipients.map((e) => e.toLowerCase()))],
    locale: input.locale ?? "en",
    active: input.active ?? true,
    createdAt: now,
  };
  await db.commit([db.insert(alertRules).values(row)]);
  return row;
}

export async function updateAlertRule(deps: Pick<Deps, "db">, { id, ...input }: Partial<AlertRuleInput> & { id: string }): Promise<AlertRule> {
  const { db } = deps;
  const [current] = await db.select().from(alertRules).where(eq(alertRules.id, id));
  if (!current) throw notFound("Alert rule");
  checkRule(input, current);
  const next: AlertRule = {
    ...current,
    ...(input.name !== undefined && { name: input.name }),
    ...(input.maxScore !== undefined && { maxScore: input.maxScore }),
    ...(input.keyword !== undefined && { keyword: normalizeKeyword(input.keyword) }),
    ...(input.recipients !== undefined && { recipients: [...new Set(input.recipients.map((e) => e.toLowerCase()))] }),
    ...(input.locale !== undefined && { locale: input.locale }),
    ...(input.active !== undefined && { active: input.active }),
  };
  await db.commit([db.update(alertRules).set(next).where(eq(alertRules.id, id))]);
  return next;
}

export async function deleteAlertRule(deps: Pick<Deps, "db">, id: string): Promise<void> {
  const { db } = deps;
  const [result] = await db.commit([db.delete(alertRules).where(eq(alertRules.id, id))]);
  if (result.rowsAffected === 0) throw notFound("Alert rule");
}

/** The detractor rule the issue asks for out of the box: shown in the dashboard, emailed to nobody until an admin adds leads. */
export async function ensureDefaultAlertRule(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const [any] = await deps.db.select({ id: alertRules.id }).from(alertRules).limit(1);
  if (!any) await createAlertRule(deps, { id: DEFAULT_ALERT_RULE.id, name: DEFAULT_ALERT_RULE.name, maxScore: DEFAULT_ALERT_RULE.maxScore, recipients: [] });
}

export type AlertItem = { id: string; ruleId: string; ruleName: string; createdAt: number; emailedAt: number | null; response: FeedItem };

export async function alertsByIds(deps: Pick<Deps, "db">, ids: string[]): Promise<AlertItem[]> {
  const { db } = deps;
  if (ids.length === 0) return [];
  return withResponses(db, await db.select({ alert: alerts, ruleName: alertRules.name }).from(alerts).innerJoin(alertRules, eq(alertRules.id, alerts.ruleId)).where(inArray(alerts.id, ids)));
}

/** The latest alerts of the responses the filter selects (the dashboard's filters: dates are when answered), newest first. */
export async function latestAlerts(deps: Pick<Deps, "db">, { limit, filter = {} }: { limit: number; filter?: FeedFilter }): Promise<AlertItem[]> {
  const { db } = deps;
  const rows = await db
    .select({ alert: alerts, ruleName: alertRules.name })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .innerJoin(responses, eq(responses.id, alerts.responseId))
    .where(whereOf(filter))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(limit);
  return withResponses(db, rows);
}

async function withResponses(db: Db, rows: { alert: typeof alerts.$inferSelect; ruleName: string }[]): Promise<AlertItem[]> {
  const out: AlertItem[] = [];
  for (const { alert, ruleName } of rows) {
    const response = await responseById(db, alert.responseId);
    if (response) out.push({ id: alert.id, ruleId: alert.ruleId, ruleName, createdAt: alert.createdAt, emailedAt: alert.emailedAt, response });
  }
  return out;
}

/** Ids and times of the alerts raised for these responses: cheap, for deciding what to read in full. */
export async function alertIdsForResponses(deps: Pick<Deps, "db">, responseIds: string[]): Promise<{ id: string; createdAt: number }[]> {
  if (responseIds.length === 0) return [];
  return deps.db.select({ id: alerts.id, createdAt: alerts.createdAt }).from(alerts).where(inArray(alerts.responseId, responseIds));
}

/** Alerts raised for these responses (those whose answer just committed). */
export async function alertsForResponses(deps: Pick<Deps, "db">, responseIds: string[]): Promise<AlertItem[]> {
  return alertsByIds(deps, (await alertIdsForResponses(deps, responseIds)).map((r) => r.id));
}

/**
 * Emails every alert not emailed yet to its rule's leads (one email per lead, in the rule's
 * language), then marks it emailed. The alert id is the idempotency key, so a retry after a crash
 * does not email twice. Alerts of rules without recipients are marked at once, in one statement. A job
 * (scheduled-jobs.ts alertEmailsJob): kicked by each answer, and on the schedule for retries, on both runtimes.
 */
export async function emailPendingAlerts(deps: Pick<Deps, "db" | "mailer" | "clock" | "config" | "log">): Promise<number> {
  const { db } = deps;
  // Kicked after every answer: when nothing waits (most of the time), one indexed read and no write.
  const [waiting] = await db.select({ id: alerts.id }).from(alerts).where(isNull(alerts.emailedAt)).limit(1);
  if (!waiting) return 0;
  const markNow = (where: ReturnType<typeof and>) => db.commit([db.update(alerts).set({ emailedAt: deps.clock.now() }).where(and(isNull(alerts.emailedAt), where))]);
  // Nobody to email (the default detractor rule until leads are added): nothing to send.
  await markNow(inArray(alerts.ruleId, db.select({ id: alertRules.id }).from(alertRules).where(sql`json_array_length(${alertRules.recipients}) = 0`)));
  const pending = await db
    .select({ alert: alerts, rule: alertRules })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(isNull(alerts.emailedAt))
    .orderBy(alerts.createdAt)
    .limit(100);
  const done: string[] = [];
  let sent = 0;
  for (const { alert, rule } of pending) {
    const response = await responseById(db, alert.responseId);
    if (response) {
      try {
        const emails = rule.recipients.map((to) => ({
          from: deps.config.emailFrom,
          to,
          ...renderAlertEmail(
            { ruleName: rule.name, response, dashboardUrl: `${deps.config.publicUrl}/live?response=${encodeURIComponent(response.id)}` },
            rule.locale,
          ),
          headers: {},
        }));
        await deps.mailer.sendBatch(emails, `alert-${alert.id}`);
        sent += emails.length;
      } catch (err) {
        deps.log.error("alert email failed", { alertId: alert.id, error: String(err) });
        continue;
      }
    }
    done.push(alert.id);
  }
  if (done.length > 0) await markNow(inArray(alerts.id, done));
  return sent;
}

/** The alerts' outbox (alerts not emailed yet): kicked by each answer (record-answer.ts), retried on the schedule. */
export const alertEmailsJob = (deps: Pick<Deps, "db" | "mailer" | "clock" | "config" | "log">): Job => ({ name: "alert emails", run: () => emailPendingAlerts(deps) });
