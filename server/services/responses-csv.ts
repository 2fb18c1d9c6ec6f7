// The dashboard's CSV export: its columns (workflow status included) over the shared CSV stream of exports.ts.
import type { Deps } from "../deps";
import type { Db } from "../../db/client";
import { classifyNps } from "../domain/nps";
import { answerField, VALUE_ANSWER_KEYS } from "../domain/vocabulary";
import { csvStream } from "./exports";
import { allResponses, type FeedFilter, type FeedItem } from "./response-feed";

const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());

/** Column header → value of one response. Names are stable: spreadsheets and scripts read them. */
type Column = [string, (r: FeedItem) => string | number | boolean | null];
export const COLUMNS: Column[] = [
  ["response_id", (r) => r.id],
  ["answered_at", (r) => iso(r.answeredAt)],
  ["updated_at", (r) => iso(r.updatedAt)],
  ["order_id", (r) => r.orderId],
  ["customer_email", (r) => r.customerEmail],
  ["customer_name", (r) => r.customerName],
  ["locale", (r) => r.locale],
  ["channel", (r) => r.channel],
  ["category", (r) => r.category],
  ["template_id", (r) => r.templateId],
  // `nps_score`, not the answer key `score` (the API export's header): kept, as docs/DASHBOARD.md lists it and sheets read it.
  ["nps_score", (r) => r.score],
  ["nps_group", (r) => (r.score === null ? "" : classifyNps(r.score))],
  ["csat", (r) => r.csat],
  ...VALUE_ANSWER_KEYS.map((k): Column => [k, (r) => r[answerField(k)]]),
  ["comment", (r) => r.comment],
  ["status", (r) => r.status],
  ["assignee_email", (r) => r.assigneeEmail],
  ["closed_at", (r) => iso(r.closedAt)],
  ["flagged", (r) => r.flagged],
];

/** Pages of responses as export records, one key per column. */
async function* records(pages: AsyncGenerator<FeedItem[]>): AsyncGenerator<Record<string, unknown>[]> {
  for await (const page of pages) yield page.map((r) => Object.fromEntries(COLUMNS.map(([name, value]) => [name, value(r)])));
}

/** The dashboard's filtered responses as CSV: one page in memory at a time, however many rows. */
export function responsesCsv(deps: Pick<Deps, "db">, filter: FeedFilter, pageSize = 1000): ReadableStream<Uint8Array> {
  return csvStream(
    records(allResponses(deps, filter, pageSize)),
    COLUMNS.map(([name]) => name),
    { bom: true },
  );
}
