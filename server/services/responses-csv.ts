// Filtered responses as a CSV stream: one header row, one row per response, read and written a page at a time.
import { stringify } from "csv-stringify/sync";
import type { Db } from "../../db/client";
import { classifyNps } from "../domain/nps";
import { allResponses, type FeedFilter, type FeedItem } from "./response-feed";

const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());

/** Column header → value of one response. Names are stable: spreadsheets and scripts read them. */
const COLUMNS: [string, (r: FeedItem) => string | number | boolean | null][] = [
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
  ["nps_score", (r) => r.score],
  ["nps_group", (r) => (r.score === null ? "" : classifyNps(r.score))],
  ["csat", (r) => r.csat],
  ["benefit_functional", (r) => r.benefitFunctional],
  ["benefit_social", (r) => r.benefitSocial],
  ["benefit_emotional", (r) => r.benefitEmotional],
  ["benefit_monetary", (r) => r.benefitMonetary],
  ["cost_money", (r) => r.costMoney],
  ["cost_time", (r) => r.costTime],
  ["cost_effort", (r) => r.costEffort],
  ["cost_risk", (r) => r.costRisk],
  ["comment", (r) => r.comment],
  ["status", (r) => r.status],
  ["assignee_email", (r) => r.assigneeEmail],
  ["closed_at", (r) => iso(r.closedAt)],
  ["flagged", (r) => r.flagged],
];

/**
 * A stream of UTF-8 CSV: pulls the next page of responses only when the reader wants more, so an
 * export of a million rows holds one page in memory. Starts with a BOM so spreadsheet apps read
 * Vietnamese text as UTF-8.
 */
export function responsesCsv(db: Db, filter: FeedFilter, pageSize = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pages: AsyncGenerator<FeedItem[]> | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("\uFEFF" + stringify([COLUMNS.map(([name]) => name)])));
    },
    async pull(controller) {
      pages ??= allResponses(db, filter, pageSize);
      const next = await pages.next();
      if (next.done) return controller.close();
      const rows = next.value.map((r) => COLUMNS.map(([, value]) => value(r)));
      controller.enqueue(encoder.encode(stringify(rows, { cast: { boolean: (b) => (b ? "true" : "false") } })));
    },
    async cancel() {
      await pages?.return(undefined);
    },
  });
}
