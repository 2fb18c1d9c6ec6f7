// Records or updates the one response of an invitation from the customer's answers.
import { afterThisTurn, createBatcher } from "../../db/batcher";
import { newId } from "../ids";
import type { Db, InProcessTransaction } from "../../db/client";
import { responses } from "../../db/schema";
import { tierAtPurchaseSql } from "../domain/value-tiers";
import { ANSWER_COLUMNS, type AnswerKey } from "./answer-columns";
import { SCANNER_WINDOW_MS } from "../domain/scanner-detection";
import { EXPECTATIONS, type Question } from "../domain/template-content";
import { AppError } from "../errors";
import { invitationForToken, invitationStillExists } from "./survey-access";
import {
  addAnswerRollupDelta,
  addKeyRollupDelta,
  addRollupDelta,
  answerRollupDeltas,
  aspectsOf,
  keyRollupDeltas,
  ROLLUP_SOURCE_COLUMNS,
  rollupDeltas,
  rollupStatements,
  storeAspects,
  storedAspects,
  storeFoundAspects,
  templateScales,
  type KeyFactContext,
  type RollupSource,
} from "./rollup-writes";
import { alertEmailsJob, OPEN_CASES, RAISE_ALERTS } from "./alerts";
import { templateById } from "./templates";
import { kickJob } from "./jobs";
import type { Deps } from "../deps";
import { COMMENT_MAX, VALUE_ANSWER_KEYS } from "../domain/vocabulary";
import { valueColumns } from "../domain/item-bank";

const ANSWER_KEYS = Object.keys(ANSWER_COLUMNS) as AnswerKey[];

function range(q: Question): [number, number] | null {
  if (q.type === "nps") return [0, 10];
  if (q.type === "csat" || q.type === "benefit" || q.type === "cost" || q.type === "touchpoint") return [1, 5];
  return null;
}

/** The values a closed question accepts as text; null for free text. */
function allowed(q: Question): readonly string[] | null {
  if (q.type === "expectation") return EXPECTATIONS;
  if (q.type === "choice") return q.options.map((o) => o.value);
  return null;
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
    const choices = allowed(q);
    if (bounds) {
      const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < bounds[0] || n > bounds[1]) errors[q.key] = `must be a whole number from ${bounds[0]} to ${bounds[1]}`;
      else values[q.key] = n;
    } else if (choices) {
      if (typeof v !== "string" || !choices.includes(v)) errors[q.key] = `must be one of ${choices.join(", ")}`;
      else values[q.key] = v;
    } else if (typeof v !== "string") errors[q.key] = "must be text";
    else if (v.length > COMMENT_MAX) errors[q.key] = `must be at most ${COMMENT_MAX} characters`;
    else if (v.trim() !== "") values[q.key] = v.trim();
  }
  return { values, errors };
}

/**
 * A value column on update. When this answer brings items of the column's scale (their keys, `benefit_functional` or
 * `benefit_functional_…`, are in the answer's `extra`: see item-bank.ts), the column becomes the mean of every item
 * answered so far (the stored `extra` merged with this one: the survey page saves each answer as it is chosen);
 * otherwise the answer sent, or the stored one.
 */
const scaleUpdate = (key: string, col: string) =>
  `case when instr(excluded."extra", '"${key}') > 0 then coalesce((select avg(j.value) from json_each(json_patch(coalesce("responses"."extra", '{}'), excluded."extra")) j where j.key = '${key}' or j.key glob '${key}_*'), excluded.${col}, ${col}) else coalesce(excluded.${col}, ${col}) end`;

/** Upper bound on answers per transaction, so one never grows without limit. */
const MAX_ROWS = 500;

/** The row fields, in the order of the insert's columns. */
const FIELDS = ["id", "invitationId", "templateId", "templateVersion", "customerId", "locale", "channel", "category", ...ANSWER_KEYS, "extra", "now"] as const;
type Row = Record<(typeof FIELDS)[number], string | number | null>;

/** Statement sizes a batch of answers is cut into, largest first: a handful of statement texts, each prepared once. */
const CHUNK_SIZES = [64, 32, 16, 8, 4, 2, 1];

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const size of CHUNK_SIZES) for (; items.length - at >= size; at += size) out.push(items.slice(at, at + size));
  return out;
}

/**
 * One insert-or-update statement for `n` answers with positional parameters (half the cost of reading
 * the same rows out of a JSON argument). An answer not sent (NULL) keeps the stored one and free-form
 * answers are merged into `extra`, so an answer never reads the response first. Rows apply in order,
 * so two answers to one invitation in one statement both land.
 */
function buildUpsert(n: number): string {
  const name = (c: { name: string }) => `"${c.name}"`;
  const columns = [responses.id, responses.invitationId, responses.templateId, responses.templateVersion, responses.customerId, responses.locale, responses.channel, responses.category, ...ANSWER_KEYS.map((k) => ANSWER_COLUMNS[k]), responses.extra, responses.answeredAt, responses.updatedAt, responses.flagged, responses.status, responses.tier];
  const updates = ANSWER_KEYS.map((k) => `${name(ANSWER_COLUMNS[k])} = ${(VALUE_ANSWER_KEYS as readonly string[]).includes(k) ? scaleUpdate(k, name(ANSWER_COLUMNS[k])) : `coalesce(excluded.${name(ANSWER_COLUMNS[k])}, ${name(ANSWER_COLUMNS[k])})`}`);
  const rows = Array.from({ length: n }, (_, k) => {
    const p = (f: (typeof FIELDS)[number]) => `?${k * FIELDS.length + FIELDS.indexOf(f) + 1}`;
    // A bot signal flags, never drops: an answer to an invitation a mail scanner opened, arriving within the scanner
    // window after sending (a scanner running the page's script), is flagged; the latest answer decides.
    const flagged = `coalesce((select i."scanned_at" is not null and ${p("now")} - i."sent_at" <= ${SCANNER_WINDOW_MS} from "invitations" i where i."id" = ${p("invitationId")}), 0)`;
    // `now` fills both answered_at and updated_at. A new response has no case until OPEN_CASES (alerts.ts) opens one.
    // The customer's tier at the purchase answered about, kept for good (an answer again leaves it as it was).
    const tier = tierAtPurchaseSql(`(select i."purchase_id" from "invitations" i where i."id" = ${p("invitationId")})`);
    return `(${FIELDS.map(p).join(", ")}, ${p("now")}, ${flagged}, 'none', ${tier})`;
  });
  return (
    `insert into "responses" (${columns.map(name).join(", ")}) values ${rows.join(", ")} ` +
    `on conflict ("invitation_id") do update set ${updates.join(", ")}, ` +
    `"extra" = json_patch(coalesce("extra", '{}'), excluded."extra"), "updated_at" = excluded."updated_at", "flagged" = excluded."flagged" ` +
    `returning "id", "invitation_id", ${ROLLUP_SOURCE_COLUMNS.join(", ")}`
  );
}

/** The responses' rollup columns before a batch changes them. */
const ROLLUP_SOURCES = `select "id", "invitation_id", ${ROLLUP_SOURCE_COLUMNS.join(", ")} from "responses" where "invitation_id" in (select value from json_each(?))`;

type Upserts = Map<number, string>;
/** The comments sent with each answer, by invitation: their aspects are found here and stored with them. */
const commentsOf = (rows: Row[]) => rows.map((r) => ({ id: String(r.invitationId), comment: typeof r.comment === "string" ? r.comment : null, locale: r.locale === null ? null : String(r.locale) }));
const upsertArgs = (part: Row[]) => part.flatMap((r) => FIELDS.map((f) => r[f]));

/**
 * With SQLite in this process: the old rows are read, the upserts return the new ones, and the rollup
 * deltas between them are summed here (a statement per rollup row touched, a dozen or two per batch)
 * instead of by SQL, which cost more than the rest of the answer together.
 */
function inProcessWrite(transact: InProcessTransaction, upserts: Upserts, db: Db) {
  const utcOffsetMs = db.utcOffsetMs;
  return async (rows: Row[]) =>
    transact((run) => {
      const invitationIds = [JSON.stringify(rows.map((r) => r.invitationId))];
      const before = new Map(run({ sql: ROLLUP_SOURCES, args: invitationIds }).rows.map((r) => [r.invitation_id, r as unknown as RollupSource]));
      const beforeAspects = storedAspects(run, [...before.values()].map((r) => String(r.id)));
      const written = chunks(rows).flatMap((part) => run({ sql: upserts.get(part.length)!, args: upsertArgs(part) }).rows);
      // Each comment sent is read once: its aspects are stored and counted.
      const found = commentsOf(rows).flatMap((c) => (c.comment && c.comment.trim() ? [{ id: c.id, comment: c.comment, aspects: aspectsOf(c.comment, c.locale) }] : []));
      for (const stmt of storeFoundAspects("invitation", found)) run(stmt);
      // An invitation answered twice in one batch: its last row is the one that stays.
      const after = new Map(written.map((r) => [r.invitation_id, r as unknown as RollupSource]));
      const changes = [...after].map(([id, row]) => ({ before: before.get(id) ?? null, after: row }));
      for (const delta of rollupDeltas(changes, utcOffsetMs)) run(addRollupDelta(delta));
      for (const delta of answerRollupDeltas(changes, utcOffsetMs)) run(addAnswerRollupDelta(delta));
      // Closed answers, scale items and comment aspects: the same facts the SQL of the network writer sums.
      const sentAspects = new Map(found.map((f) => [`${f.id}\u0000${f.comment}`, JSON.parse(f.aspects) as string[]]));
      const keyContext: KeyFactContext = {
        scales: templateScales(db, run),
        aspects: (r, side) =>
          side === "before" ? (beforeAspects.get(String(r.id)) ?? []) : (sentAspects.get(`${String(r.invitation_id)}\u0000${String(r.comment)}`) ?? beforeAspects.get(String(r.id)) ?? []),
      };
      for (const delta of keyRollupDeltas(changes, utcOffsetMs, keyContext)) run(addKeyRollupDelta(delta));
      run({ sql: RAISE_ALERTS, args: invitationIds });
      run({ sql: OPEN_CASES, args: invitationIds });
      return written.map((r) => String(r.id));
    });
}

/**
 * Over the network (Turso) the batch is sent whole, so SQL keeps the rollups in step: the old
 * contribution of an answer being changed is taken out before the upserts and the new one added
 * after, so a changed answer moves its counts and is never counted twice.
 */
function batchedWrite(db: Db, upserts: Upserts) {
  const rollups = rollupStatements(db, "invitation");
  return async (rows: Row[]) => {
    const ids = rows.map((r) => String(r.invitationId));
    const invitationIds = [JSON.stringify(ids)];
    const parts = chunks(rows);
    const remove = rollups.remove(ids);
    const results = await db.commit([
      ...remove,
      ...parts.map((part) => ({ sql: upserts.get(part.length)!, args: upsertArgs(part) })),
      ...storeAspects("invitation", commentsOf(rows)),
      ...rollups.add(ids),
      { sql: RAISE_ALERTS, args: invitationIds },
      { sql: OPEN_CASES, args: invitationIds },
    ]);
    return results.slice(remove.length, remove.length + parts.length).flatMap((rs) => rs.rows.map((r) => String(r.id)));
  };
}

/**
 * Answers arriving together are written in one transaction with a few statements, not a few per
 * answer: a statement costs far more to run than a row. Rollups and alerts move in the same
 * transaction. Each caller resolves only after that transaction committed; if it fails, each answer
 * is retried alone (see db/batcher.ts).
 */
function createAnswerWriter(db: Db) {
  const upserts = new Map(CHUNK_SIZES.map((n) => [n, buildUpsert(n)]));
  return createBatcher<Row, string>({
    run: db.transactSync ? inProcessWrite(db.transactSync, upserts, db) : batchedWrite(db, upserts),
    weight: () => 1,
    maxWeight: MAX_ROWS,
    defer: afterThisTurn,
  });
}

const writers = new WeakMap<Db, ReturnType<typeof createAnswerWriter>>();

export type RecordedAnswer = { responseId: string; created: boolean };

export type AnswerInput = { token: string; answers: Record<string, unknown> };

/**
 * Validates and stores the answers of the invitation behind the token. After the commit (never before: a listener
 * never sees an answer that could be lost) it publishes the answer (live dashboards) and kicks the alert-email job:
 * the transaction may have raised alerts, queued in the alerts table until emailed.
 */
export async function recordAnswer(
  deps: Pick<Deps, "db" | "clock" | "events" | "mailer" | "config" | "log" | "metrics">,
  { token, answers: raw }: AnswerInput,
): Promise<RecordedAnswer> {
  const { db } = deps;
  const now = deps.clock.now();
  const invitation = await invitationForToken(db, token);
  if (!invitation) throw new AppError("not_found", "This survey link is not valid");
  if (invitation.closesAt <= now) throw new AppError("survey_closed", "This survey is closed");
  const template = await templateById(db, invitation.templateId, invitation.templateVersion);
  if (!template) throw new AppError("not_found", "This survey link is not valid");
  const { values, errors } = parseAnswers(template.content.questions, raw);
  if (Object.keys(errors).length > 0) throw new AppError("invalid_input", "Some answers are not valid", errors);

  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (!(key in ANSWER_COLUMNS)) extra[key] = String(value);
  // A value type asked as a scale: each item's answer in `extra` (the column's own key too), the column the items' mean.
  const scaled = valueColumns(template.content.questions, values);
  for (const [key, value] of Object.entries(scaled.items)) extra[key] = String(value);
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = createAnswerWriter(db)));
  const id = newId(now);
  // Acknowledged only once the transaction holding it is on disk.
  const responseId = await writer({
    id,
    invitationId: invitation.id,
    templateId: invitation.templateId,
    templateVersion: invitation.templateVersion,
    customerId: invitation.customerId,
    locale: invitation.locale,
    channel: invitation.channel,
    category: invitation.category,
    ...(Object.fromEntries(ANSWER_KEYS.map((k) => [k, (scaled.columns as Record<string, number>)[k] ?? values[k] ?? null])) as Record<AnswerKey, string | number | null>),
    extra: JSON.stringify(extra),
    now,
  }).catch(async (err: unknown) => {
    // The customer was erased since this process cached their link (the write then breaks a foreign key): gone, not a 500.
    if (!(await invitationStillExists(db, token, invitation.id))) throw new AppError("not_found", "This survey link is not valid");
    throw err;
  });
  deps.events.publish({ type: "answer", responseId });
  kickJob(deps, alertEmailsJob(deps));
  return { responseId, created: responseId === id };
}
