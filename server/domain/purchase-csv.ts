// One CSV row of a purchase import → purchase input, or every field that is wrong with it and why.
import { unescapeCell } from "./csv-cells";
import { isEmail } from "./email";
import { toMinorUnits } from "./money";
import type { StorePurchase } from "./store-orders";

export const PURCHASE_CSV_COLUMNS = ["order_id", "email", "name", "locale", "amount", "currency", "purchased_at", "fulfilled_at", "channel", "item_name", "item_sku", "item_category"] as const;
export const REQUIRED_COLUMNS = ["order_id", "email", "amount", "currency"] as const;
type Column = (typeof PURCHASE_CSV_COLUMNS)[number];
/**
 * Free text kept as the JSON API keeps it: leading or trailing spaces inside quotes stay (the parser
 * trims unquoted cells). Order ids, names and the structured columns are trimmed, as the JSON API trims them.
 */
const UNTRIMMED: ReadonlySet<Column> = new Set(["channel", "item_name", "item_sku", "item_category"]);

export type RowError = { field: string; reason: string };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Column name → index; the header names required columns that are missing. */
export function readHeader(header: string[]): { index: Partial<Record<Column, number>>; missing: string[] } {
  const index: Partial<Record<Column, number>> = {};
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase() as Column;
    if ((PURCHASE_CSV_COLUMNS as readonly string[]).includes(key) && index[key] === undefined) index[key] = i;
  });
  return { index, missing: REQUIRED_COLUMNS.filter((c) => index[c] === undefined) };
}

/** ISO 8601 date or date-time; without an offset it is read as UTC. */
function instant(text: string): number | null {
  if (!ISO_INSTANT.test(text)) return null;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) || text.length === 10 ? text : `${text}Z`;
  const t = Date.parse(withZone.replace(" ", "T"));
  return Number.isFinite(t) ? t : null;
}

function check(errors: RowError[], field: string, ok: boolean, reason: string) {
  if (!ok) errors.push({ field, reason });
}

/** `amount` is written as people write money ("19.99" USD, "1250000" VND) and stored in minor units. */
export function purchaseFromCsvRow(index: Partial<Record<Column, number>>, values: string[], headerLength: number): { ok: true; purchase: StorePurchase } | { ok: false; errors: RowError[] } {
  if (values.length !== headerLength) return { ok: false, errors: [{ field: "(row)", reason: `has ${values.length} columns, the header has ${headerLength}` }] };
  // A cell an export marked with ' against formulas (server/domain/csv-cells.ts) reads back as it was.
  const get = (c: Column) => {
    const cell = index[c] === undefined ? "" : (values[index[c]!] ?? "");
    return unescapeCell(UNTRIMMED.has(c) ? cell : cell.trim());
  };
  const errors: RowError[] = [];
  const orderId = get("order_id");
  check(errors, "order_id", orderId !== "" && orderId.length <= 200, orderId === "" ? "is required" : "must be at most 200 characters");
  const email = get("email");
  check(errors, "email", isEmail(email), email === "" ? "is required" : "is not an email address");
  const currency = get("currency").toUpperCase();
  const currencyOk = /^[A-Z]{3}$/.test(currency) && toMinorUnits("0", currency) !== null;
  check(errors, "currency", currencyOk, currency === "" ? "is required" : "must be an ISO 4217 code such as VND or USD");
  const amountText = get("amount");
  const amount = currencyOk ? toMinorUnits(amountText, currency) : null;
  if (amountText === "") errors.push({ field: "amount", reason: "is required" });
  else if (!/^\d+(\.\d+)?$/.test(amountText)) errors.push({ field: "amount", reason: "must be a non-negative number such as 19.99" });
  else if (currencyOk && amount === null) errors.push({ field: "amount", reason: `has more decimals than ${currency} allows` });
  const times: Record<string, number | undefined> = {};
  for (const f of ["purchased_at", "fulfilled_at"] as const) {
    const text = get(f);
    if (text === "") continue;
    const t = instant(text);
    if (t === null) errors.push({ field: f, reason: "must be an ISO 8601 date or date-time, e.g. 2026-11-20T10:00:00Z" });
    else times[f] = t;
  }
  const name = get("name");
  check(errors, "name", name.length <= 200, "must be at most 200 characters");
  const itemName = get("item_name");
  check(errors, "item_name", itemName.length <= 500, "must be at most 500 characters");
  if (itemName === "" && (get("item_sku") !== "" || get("item_category") !== "")) errors.push({ field: "item_name", reason: "is required when item_sku or item_category is given" });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    purchase: {
      id: orderId,
      customer: { email, ...(name && { name }), ...(get("locale") && { locale: get("locale").slice(0, 35) }) },
      amount: amount!,
      currency,
      ...(itemName && { items: [{ name: itemName, ...(get("item_sku") && { sku: get("item_sku") }), ...(get("item_category") && { category: get("item_category") }) }] }),
      ...(get("channel") && { channel: get("channel").slice(0, 100) }),
      ...(times.purchased_at !== undefined && { purchasedAt: times.purchased_at }),
      ...(times.fulfilled_at !== undefined && { fulfilledAt: times.fulfilled_at }),
    },
  };
}
