// Records a purchase idempotently on its order id and schedules the survey invitation the template rules choose.
import { eq, max, sql } from "drizzle-orm";
import { newId } from "../ids";
import type { Deps } from "../deps";
import type { Db } from "../../db/client";
import { insertStatement, updateStatement } from "../../db/row-statements";
import { customers, invitations, purchaseItems, purchases } from "../../db/schema";
import { chooseTemplate } from "../domain/template-matching";
import { LOCALES, type Locale } from "../domain/template-content";
import { sha256Hex } from "../domain/crypto";
import { surveyToken } from "../domain/tokens";
import { AppError } from "../errors";
import { returningOptOut } from "./erased-opt-outs";
import { customerValueWrites, firstPurchaseWrites } from "./customer-values";
import { publishedTemplates } from "./templates";

export type PurchaseInput = {
  id: string;
  customer: { email: string; name?: string; locale?: string };
  amount: number;
  currency: string;
  items?: { sku?: string; name: string; category?: string }[];
  channel?: string;
  purchasedAt?: number;
  fulfilledAt?: number;
};

export type PurchaseResult = {
  purchaseId: string;
  orderId: string;
  replayed: boolean;
  scheduled: { invitationId: string; templateId: string; dueAt: number }[];
  skipped: { templateId: string; reason: "unsubscribed" | "sampled_out" | "throttled" }[];
};

/** "vi-VN" → "vi"; anything we do not speak falls back to English. */
export function normalizeLocale(locale: string | undefined | null): Locale {
  const base = (locale ?? "").toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : "en";
}

/** Key-sorted JSON, so the same content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The reads every purchase makes, built once per database: building drizzle queries cost a fifth of a purchase's CPU. */
function prepareReads(db: Db) {
  return {
    byOrderId: db
      .select({ id: purchases.id, contentHash: purchases.contentHash })
      .from(purchases)
      .where(eq(purchases.orderId, sql.placeholder("orderId")))
      .prepare(),
    customerByEmail: db
      .select({ id: customers.id, name: customers.name, locale: customers.locale, unsubscribedAt: customers.unsubscribedAt })
      .from(customers)
      .where(eq(customers.email, sql.placeholder("email")))
      .prepare(),
    /** The customer's latest invitation per template: what throttling needs, in one read. */
    lastDueAtByTemplate: db
      .select({ templateId: invitations.templateId, dueAt: max(invitations.dueAt) })
      .from(invitations)
      .where(eq(invitations.customerId, sql.placeholder("customerId")))
      .groupBy(invitations.templateId)
      .prepare(),
  };
}
/** The purchase's writes, their SQL built once. */
const writes = {
  insertCustomer: insertStatement(customers, ["id", "email", "name", "locale", "unsubscribedAt", "createdAt"]),
  updateCustomer: updateStatement(customers, ["name", "locale"], "id"),
  insertPurchase: insertStatement(purchases, ["id", "orderId", "customerId", "amount", "currency", "channel", "purchasedAt", "fulfilledAt", "contentHash", "createdAt"]),
  insertItem: insertStatement(purchaseItems, ["id", "purchaseId", "position", "sku", "name", "category"]),
  insertInvitation: insertStatement(invitations, ["id", "purchaseId", "customerId", "templateId", "templateVersion", "tokenHash", "locale", "status", "dueAt", "closesAt", "createdAt"]),
};

const preparedReads = new WeakMap<Db, ReturnType<typeof prepareReads>>();
function reads(db: Db) {
  let r = preparedReads.get(db);
  if (!r) preparedReads.set(db, (r = prepareReads(db)));
  return r;
}

export async function recordPurchase(deps: Pick<Deps, "db" | "clock" | "config">, input: PurchaseInput): Promise<PurchaseResult> {
  return record(deps, input, deps.clock.now(), false);
}

async function record(deps: Pick<Deps, "db" | "clock" | "config">, input: PurchaseInput, now: number, retried: boolean): Promise<PurchaseResult> {
  const { db } = deps;
  const { secretKey } = deps.config;
  const email = input.customer.email.toLowerCase();
  const contentHash = sha256Hex(canonicalJson({ ...input, customer: { ...input.customer, email } }));

  const existing = await replay(db, input.id, contentHash);
  if (existing) return existing;

  const known = await reads(db).customerByEmail.get({ email });
  // Someone new to us may be someone erased who had opted out: they stay opted out.
  const returning = known ? null : await returningOptOut(deps, email);
  const unsubscribedAt = known ? known.unsubscribedAt : returning!.unsubscribedAt;
  const customerId = known?.id ?? newId(now);
  const locale = input.customer.locale ? normalizeLocale(input.customer.locale) : ((known?.locale as Locale | undefined) ?? "en");
  const name = input.customer.name ?? known?.name ?? null;

  const purchaseId = newId(now);
  const purchase = { purchasedAt: input.purchasedAt ?? now, fulfilledAt: input.fulfilledAt ?? null };
  const result: PurchaseResult = { purchaseId, orderId: input.id, replayed: false, scheduled: [], skipped: [] };
  const invitationRows: (typeof invitations.$inferInsert)[] = [];

  const items = input.items ?? [];
  // The rule engine picks at most one template (filters, priority, sample rate, throttle; see template-matching.ts).
  const candidates = await publishedTemplates(db, now);
  // A customer we have never seen has no earlier invitation to throttle against.
  const history = known && unsubscribedAt == null && candidates.length > 0 ? await reads(db).lastDueAtByTemplate.all({ customerId }) : [];
  const decision = chooseTemplate(
    candidates,
    {
      orderId: input.id,
      amount: input.amount,
      channel: input.channel ?? null,
      categories: items.flatMap((i) => (i.category ? [i.category] : [])),
      locale,
      ...purchase,
    },
    {
      unsubscribed: unsubscribedAt != null,
      lastDueAtByTemplate: new Map(history.flatMap((h) => (h.dueAt === null ? [] : [[h.templateId, h.dueAt] as const]))),
    },
    now,
  );
  if (decision.kind === "skip") result.skipped.push({ templateId: decision.template.id, reason: decision.reason });
  if (decision.kind === "invite") {
    const { template, dueAt, closesAt } = decision;
    const id = newId(now);
    invitationRows.push({
      id,
      purchaseId,
      customerId,
      templateId: template.id,
      templateVersion: template.version,
      tokenHash: sha256Hex(surveyToken(secretKey, id)),
      locale,
      status: "scheduled",
      dueAt,
      closesAt,
      createdAt: now,
    });
    result.scheduled.push({ invitationId: id, templateId: template.id, dueAt });
  }

  try {
    // One atomic, group-committed write: the purchase with its customer, items and invitations, or nothing.
    await db.commit([
      known ? writes.updateCustomer({ id: customerId, name, locale }) : writes.insertCustomer({ id: customerId, email, name, locale, unsubscribedAt, createdAt: now }),
      ...(returning?.writes ?? []),
      writes.insertPurchase({
        id: purchaseId,
        orderId: input.id,
        customerId,
        amount: input.amount,
        currency: input.currency,
        channel: input.channel ?? null,
        purchasedAt: purchase.purchasedAt,
        fulfilledAt: purchase.fulfilledAt,
        contentHash,
        createdAt: now,
      }),
      ...items.map((item, position) => writes.insertItem({ id: newId(now), purchaseId, position, sku: item.sku ?? null, name: item.name, category: item.category ?? null })),
      ...invitationRows.map(writes.insertInvitation),
      // The customer's kept value (12-month revenue, frequency, recency, tier) moves with the purchase.
      ...(known ? customerValueWrites([customerId], now) : firstPurchaseWrites(customerId, { amount: input.amount, currency: input.currency, purchasedAt: purchase.purchasedAt }, now)),
    ]);
  } catch (err) {
    // A concurrent request with the same order id won the race: answer as a replay would.
    const raced = await replay(db, input.id, contentHash);
    if (raced) return raced;
    // A concurrent request created the same new customer: start again, now knowing them.
    if (!known && !retried) return record(deps, input, now, true);
    throw err;
  }
  return result;
}

async function replay(db: Db, orderId: string, contentHash: string): Promise<PurchaseResult | null> {
  const found = await reads(db).byOrderId.get({ orderId });
  if (!found) return null;
  if (found.contentHash !== contentHash)
    throw new AppError("conflict", `Purchase ${orderId} was already recorded with different content`, { field: "id" });
  const scheduled = await db
    .select({ invitationId: invitations.id, templateId: invitations.templateId, dueAt: invitations.dueAt })
    .from(invitations)
    .where(eq(invitations.purchaseId, found.id));
  return { purchaseId: found.id, orderId, replayed: true, scheduled, skipped: [] };
}
