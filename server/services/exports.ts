// Exports: responses (CSV or JSON) and purchases (CSV), read in keyset pages so any size streams in bounded memory.
import type { Deps } from "../deps";
import { stringify } from "csv-stringify/sync";
import { and, asc, eq, gt, gte, inArray, lt, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers, invitations, purchaseItems, purchases, responses } from "../../db/schema";
import { escapeCell } from "../domain/csv-cells";
import { minorUnitDigits } from "../domain/money";
import { classifyNps } from "../domain/nps";
import { VALUE_ANSWER_KEYS, valueAnswers } from "../domain/vocabulary";

const PAGE = 1000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export type ResponseFilter = { from?: number; to?: number; template?: string; channel?: string; locale?: string; minScore?: number; maxScore?: number };

/** Every response matching the filter, oldest answer first, as flat records (one key per export column). */
export async function* exportResponses(deps: Pick<Deps, "db">, f: ResponseFilter): AsyncGenerator<Record<string, string | number | boolean | null>[]> {
  const { db } = deps;
  let after: { at: number; id: string } | null = null;
  for (;;) {
    const where: (SQL | undefined)[] = [
      f.from !== undefined ? gte(responses.answeredAt, f.from) : undefined,
      f.to !== undefined ? lt(responses.answeredAt, f.to) : undefined,
      f.template ? eq(responses.templateId, f.template) : undefined,
      f.channel ? eq(purchases.channel, f.channel) : undefined,
      f.locale ? eq(responses.locale, f.locale) : undefined,
      f.minScore !== undefined ? gte(responses.score, f.minScore) : undefined,
      f.maxScore !== undefined ? lte(responses.score, f.maxScore) : undefined,
      after ? or(gt(responses.answeredAt, after.at), and(eq(responses.answeredAt, after.at), gt(responses.id, after.id))) : undefined,
    ];
    const rows = await db
      .select({ r: responses, email: customers.email, name: customers.name, orderId: purchases.orderId, channel: purchases.channel })
      .from(responses)
      .innerJoin(customers, eq(customers.id, responses.customerId))
      .innerJoin(invitations, eq(invitations.id, responses.invitationId))
      .innerJoin(purchases, eq(purchases.id, invitations.purchaseId))
      .where(and(...where))
      .orderBy(asc(responses.answeredAt), asc(responses.id))
      .limit(PAGE);
    if (rows.length === 0) return;
    yield rows.map(({ r, email, name, orderId, channel }) => ({
      response_id: r.id,
      answered_at: iso(r.answeredAt),
      updated_at: iso(r.updatedAt),
      order_id: orderId,
      customer_email: email,
      customer_name: name,
      locale: r.locale,
      channel,
      template_id: r.templateId,
      template_version: r.templateVersion,
      score: r.score,
      nps_group: r.score === null ? null : classifyNps(r.score),
      csat: r.csat,
      ...valueAnswers(r),
      comment: r.comment,
      other_answers: r.extra && Object.keys(r.extra).length ? JSON.stringify(r.extra) : null,
      flagged: r.flagged,
    }));
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1].r;
    after = { at: last.answeredAt, id: last.id };
  }
}

/** "19.99" from 1999 USD: the amount as people write it, the same notation the CSV import reads. */
export function decimalAmount(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency) ?? 0;
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export type PurchaseFilter = { from?: number; to?: number; channel?: string };

function purchasePage(db: Db, f: PurchaseFilter, after: { at: number; id: string } | null) {
  return db
    .select({ p: purchases, email: customers.email, name: customers.name, locale: customers.locale })
    .from(purchases)
    .innerJoin(customers, eq(customers.id, purchases.customerId))
    .where(
      and(
        f.from !== undefined ? gte(purchases.purchasedAt, f.from) : undefined,
        f.to !== undefined ? lt(purchases.purchasedAt, f.to) : undefined,
        f.channel ? eq(purchases.channel, f.channel) : undefined,
        after ? or(gt(purchases.purchasedAt, after.at), and(eq(purchases.purchasedAt, after.at), gt(purchases.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(purchases.purchasedAt), asc(purchases.id))
    .limit(PAGE);
}

type ItemText = { name: string; sku?: string | null; category?: string | null };

/**
 * One purchase as a row of the export (the CSV import's columns); several items are joined with " | ".
 * The import compares a row with what is stored through this too, so what an export says reads back unchanged.
 */
export function purchaseRecord(
  p: { orderId: string; amount: number; currency: string; purchasedAt: number | null; fulfilledAt: number | null; channel: string | null },
  customer: { email: string; name: string | null; locale: string | null },
  items: ItemText[],
): Record<(typeof PURCHASE_COLUMNS)[number], string | null> {
  const join = (key: "name" | "sku" | "category") => {
    const values = items.map((i) => i[key] ?? "");
    return values.some((v) => v !== "") ? values.join(" | ") : null;
  };
  return {
    order_id: p.orderId,
    email: customer.email,
    name: customer.name,
    locale: customer.locale,
    amount: decimalAmount(p.amount, p.currency),
    currency: p.currency,
    purchased_at: iso(p.purchasedAt),
    fulfilled_at: iso(p.fulfilledAt),
    channel: p.channel,
    item_name: join("name"),
    item_sku: join("sku"),
    item_category: join("category"),
  };
}

/** Purchases in the CSV import's columns (so an export can be re-imported). */
export async function* exportPurchases(deps: Pick<Deps, "db">, f: PurchaseFilter): AsyncGenerator<Record<string, string | number | null>[]> {
  const { db } = deps;
  let after: { at: number; id: string } | null = null;
  for (;;) {
    const rows = await purchasePage(db, f, after);
    if (rows.length === 0) return;
    const items = await db.select().from(purchaseItems).where(inArray(purchaseItems.purchaseId, rows.map((r) => r.p.id))).orderBy(asc(purchaseItems.position));
    yield rows.map(({ p, email, name, locale }) => purchaseRecord(p, { email, name, locale }, items.filter((i) => i.purchaseId === p.id)));
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1].p;
    after = { at: last.purchasedAt, id: last.id };
  }
}

/**
 * Pages of records → CSV text chunks, the next page read only when the reader wants more. Text cells
 * starting with = + - @ tab CR (or ') get a leading ' (escapeCell): customers write the comments, and a
 * spreadsheet would run them as formulas; the purchase import takes the mark off again (unescapeCell),
 * and text starting or ending with a space is quoted, so a purchases export re-imports exactly.
 * `bom`: start with a UTF-8 byte order mark, so spreadsheet apps read Vietnamese text as UTF-8.
 */
export function csvStream(pages: AsyncGenerator<Record<string, unknown>[]>, columns: readonly string[], opts: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode((opts.bom ? "\uFEFF" : "") + stringify([columns as string[]])));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(stringify(next.value, { columns: columns as string[], quoted_match: /^\s|\s$/, cast: { string: escapeCell, boolean: (b) => (b ? "true" : "false") } })));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

/** Pages of records → one JSON array, streamed. */
export function jsonArrayStream(pages: AsyncGenerator<Record<string, unknown>[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  let opened = false;
  return new ReadableStream({
    async pull(controller) {
      if (!opened) {
        opened = true;
        controller.enqueue(encoder.encode("["));
        return;
      }
      const next = await pages.next();
      if (next.done) {
        controller.enqueue(encoder.encode("]\n"));
        return controller.close();
      }
      const text = next.value.map((r) => JSON.stringify(r)).join(",\n");
      controller.enqueue(encoder.encode((first ? "\n" : ",\n") + text));
      first = false;
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

export const RESPONSE_COLUMNS = ["response_id", "answered_at", "updated_at", "order_id", "customer_email", "customer_name", "locale", "channel", "template_id", "template_version", "score", "nps_group", "csat", ...VALUE_ANSWER_KEYS, "comment", "other_answers", "flagged"] as const;
export const PURCHASE_COLUMNS = ["order_id", "email", "name", "locale", "amount", "currency", "purchased_at", "fulfilled_at", "channel", "item_name", "item_sku", "item_category"] as const;
