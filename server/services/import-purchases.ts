// CSV import of purchases: streamed, progress kept on the import row, every bad row reported, idempotent on order id.
import { parse } from "csv-parse/stream";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { customers, importErrors, imports, purchaseItems, purchases } from "../../db/schema";
import { purchaseFromCsvRow, readHeader, type RowError } from "../domain/purchase-csv";
import { slotCounter } from "../domain/slots";
import type { StorePurchase } from "../domain/store-orders";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { purchaseRecord } from "./exports";
import { normalizeLocale, recordPurchase } from "./record-purchase";

/** Rows past this are not read (IMPORT_MAX_ROWS's default; also bounds how many errors a caller may ask for). */
export const MAX_IMPORT_ROWS = 100_000;
/** Rows recorded together: their writes share group commits, and progress is saved after each chunk. */
const CHUNK = 500;

export type ImportRow = typeof imports.$inferSelect;
export type ImportError = { line: number; field: string; reason: string };
/** What an import needs: the database, the clock, and the secret key (the survey links of the purchases it records). */
export type ImportDeps = Pick<Deps, "db" | "clock" | "config">;

export async function createImport(deps: Pick<Deps, "db" | "clock">, input: { fileName?: string }): Promise<ImportRow> {
  const { db } = deps;
  const now = deps.clock.now();
  const row = { id: newId(now), kind: "purchases" as const, status: "waiting" as const, fileName: input.fileName ?? null, createdAt: now };
  await db.commit([db.insert(imports).values(row)]);
  return (await importById(deps, row.id))!;
}

export async function importById(deps: Pick<Deps, "db">, id: string): Promise<ImportRow | null> {
  const [row] = await deps.db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

export async function listImports(deps: Pick<Deps, "db">, limit: number): Promise<ImportRow[]> {
  return deps.db.select().from(imports).orderBy(desc(imports.createdAt), sql`rowid desc`).limit(limit);
}

export async function importErrorsOf(deps: Pick<Deps, "db">, { id, limit }: { id: string; limit: number }): Promise<ImportError[]> {
  return deps.db.select({ line: importErrors.line, field: importErrors.field, reason: importErrors.reason }).from(importErrors).where(eq(importErrors.importId, id)).orderBy(asc(importErrors.line), sql`rowid`).limit(limit);
}

/** The line a record starts on: csv-parse counts lines up to its end; quoted fields may span lines. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

type Pending = { line: number; purchase: StorePurchase };

/**
 * Whether a row states exactly what is stored for its order id, as the export writes it. The order's
 * first input may have said less (no locale, no purchase time) or said it otherwise (vi-VN; items one
 * by one), so its content hash differs, yet re-importing an export must change nothing.
 */
async function sameAsStored(db: Db, input: StorePurchase): Promise<boolean> {
  const [row] = await db
    .select({ p: purchases, email: customers.email, name: customers.name, locale: customers.locale })
    .from(purchases)
    .innerJoin(customers, eq(customers.id, purchases.customerId))
    .where(eq(purchases.orderId, input.id));
  if (!row) return false;
  const items = await db.select().from(purchaseItems).where(eq(purchaseItems.purchaseId, row.p.id)).orderBy(asc(purchaseItems.position));
  const stored = purchaseRecord(row.p, row, items);
  const stated = purchaseRecord(
    { orderId: input.id, amount: input.amount, currency: input.currency, purchasedAt: input.purchasedAt ?? null, fulfilledAt: input.fulfilledAt ?? null, channel: input.channel ?? null },
    { email: input.customer.email.toLowerCase(), name: input.customer.name ?? null, locale: input.customer.locale ? normalizeLocale(input.customer.locale) : null },
    input.items ?? [],
  );
  return JSON.stringify(stated) === JSON.stringify(stored);
}

/** What one upload may hold (from IMPORT_MAX_BYTES, IMPORT_MAX_RECORD_BYTES, IMPORT_MAX_ROWS). */
export type UploadLimits = { maxBytes: number; maxRecordBytes: number; maxRows: number };
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: 64 * 1024 * 1024, maxRecordBytes: 1024 * 1024, maxRows: MAX_IMPORT_ROWS };

export const fileTooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The file is larger than ${maxBytes} bytes (IMPORT_MAX_BYTES)`, { field: "(body)", limit: "IMPORT_MAX_BYTES", max: maxBytes });

/**
 * Uploads running at once, per credential and in all (in this process): each holds up to a record of
 * IMPORT_MAX_RECORD_BYTES and a chunk of rows in memory, so the count bounds what imports can take.
 */
const sharedSlots = new WeakMap<object, ReturnType<typeof importSlots>>();
/** One set of slots per limits object (per app): purchase and Delighted uploads count against the same limits. */
export function importSlotsFor(limits: { concurrentPerCredential: number; concurrentTotal: number }) {
  let slots = sharedSlots.get(limits);
  if (!slots) sharedSlots.set(limits, (slots = importSlots(limits)));
  return slots;
}

export function importSlots(limits: { concurrentPerCredential: number; concurrentTotal: number }) {
  const slots = slotCounter({ perKey: limits.concurrentPerCredential, total: limits.concurrentTotal });
  return {
    /** A release function, or a 429 naming the limit that was reached. */
    acquire(credential: string): () => void {
      const got = slots.acquire(credential);
      if (got.ok) return got.release;
      const [limit, max] = got.reached === "perKey" ? ["IMPORT_CONCURRENT_PER_CREDENTIAL", limits.concurrentPerCredential] : ["IMPORT_CONCURRENT_TOTAL", limits.concurrentTotal];
      throw new AppError("too_many_imports", `${max} imports are already running${got.reached === "perKey" ? " for this credential" : ""} (${limit}); try again when one has finished`, { limit, max, retryAfterSeconds: 5 });
    },
  };
}

export async function runPurchaseImport(
  deps: ImportDeps,
  { id, body, bytesTotal, limits = DEFAULT_UPLOAD_LIMITS }: { id: string; body: ReadableStream<Uint8Array>; bytesTotal: number | null; limits?: UploadLimits },
): Promise<ImportRow> {
  const { maxBytes, maxRecordBytes, maxRows } = limits;
  const { db } = deps;
  const found = await importById(deps, id);
  if (!found) throw notFound("Import");
  if (found.kind !== "purchases") throw new AppError("conflict", `Import ${id} is a Delighted import: upload its file with PUT /api/v1/imports/${id}/delighted`, { field: "id" });
  // Claimed in one statement: two uploads to the same import cannot both run.
  const [claimed] = await db.commit([
    db.update(imports).set({ status: "running", bytesTotal }).where(sql`${imports.id} = ${id} and ${imports.status} = 'waiting'`).returning({ id: imports.id }),
  ]);
  if (claimed.rows.length === 0) throw new AppError("conflict", `Import ${id} already has a file (${found.status})`);

  const progress = { bytesRead: 0, rowsProcessed: 0, imported: 0, unchanged: 0, failed: 0 };
  let errors: ImportError[] = [];
  let pending: Pending[] = [];
  const rowErrors = new Set<number>();

  const report = (line: number, list: RowError[]) => {
    if (!rowErrors.has(line)) progress.failed++;
    rowErrors.add(line);
    for (const e of list) errors.push({ line, ...e });
  };

  async function save(extra: Partial<ImportRow> = {}) {
    const rows = errors.map((e) => ({ id: newId(deps.clock.now()), importId: id, ...e }));
    errors = [];
    // Error rows in slices: SQLite caps the variables of one statement.
    const inserts = [];
    for (let i = 0; i < rows.length; i += 200) inserts.push(db.insert(importErrors).values(rows.slice(i, i + 200)));
    await db.commit([...inserts, db.update(imports).set({ ...progress, ...extra }).where(eq(imports.id, id))]);
  }

  async function recordOne(p: Pending) {
    try {
      const r = await recordPurchase(deps, p.purchase);
      if (r.replayed) progress.unchanged++;
      else progress.imported++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.status === 409 && (await sameAsStored(db, p.purchase))) {
        progress.unchanged++;
        return;
      }
      report(p.line, [{ field: err.status === 409 ? "order_id" : "(row)", reason: err.status === 409 ? "was already imported with different content" : err.message }]);
    }
  }

  async function flush() {
    // One customer's rows in file order, so the second purchase sees the first (throttling); customers in parallel.
    const byEmail = new Map<string, Pending[]>();
    for (const p of pending) {
      const key = p.purchase.customer.email.toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), p]);
    }
    pending = [];
    await Promise.all([...byEmail.values()].map(async (rows) => {
      for (const r of rows) await recordOne(r);
    }));
    await save();
  }

  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      // Counted as it streams: a chunked upload is never buffered whole to check its size.
      transform(chunk, controller) {
        progress.bytesRead += chunk.byteLength;
        if (progress.bytesRead > maxBytes) controller.error(fileTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  // trim: spaces around a cell go, spaces inside quotes stay (an export quotes a text that starts or ends with one).
  const records = counted.pipeThrough(parse({ info: true, raw: true, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: maxRecordBytes, trim: true })) as ReadableStream<{ record: string[]; raw: string; info: { lines: number } }>;

  let header: ReturnType<typeof readHeader> | null = null;
  let headerLength = 0;
  let failure: string | null = null;
  let lastEnd = 0;
  const reader = records.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      const { record, raw, info } = next.value;
      const line = startLine(info.lines, raw);
      lastEnd = info.lines;
      if (!header) {
        header = readHeader(record);
        headerLength = record.length;
        if (header.missing.length) {
          for (const column of header.missing) errors.push({ line, field: column, reason: "column is missing from the header" });
          failure = `The header lacks ${header.missing.join(", ")}`;
          break;
        }
        continue;
      }
      if (progress.rowsProcessed >= maxRows) {
        failure = `The file has more than ${maxRows} rows (IMPORT_MAX_ROWS); the first ${maxRows} were processed`;
        break;
      }
      progress.rowsProcessed++;
      const parsed = purchaseFromCsvRow(header.index, record, headerLength);
      if (parsed.ok) pending.push({ line, purchase: parsed.purchase });
      else report(line, parsed.errors);
      if (pending.length + errors.length >= CHUNK) await flush();
    }
  } catch (err) {
    // A CSV syntax error (an unclosed quote) leaves the rest of the file unreadable.
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === "CSV_MAX_RECORD_SIZE") {
      // One record (or field) past the limit: refused before it is held whole; what came before it is kept.
      const line = lastEnd + 1;
      const message = `The record on line ${line} is longer than ${maxRecordBytes} bytes (IMPORT_MAX_RECORD_BYTES)`;
      errors.push({ line, field: "(row)", reason: `is longer than ${maxRecordBytes} bytes` });
      await flush();
      await save({ status: "failed", error: message, finishedAt: deps.clock.now() });
      throw new AppError("payload_too_large", message, { field: "(row)", line, limit: "IMPORT_MAX_RECORD_BYTES", max: maxRecordBytes, importId: id });
    }
    if (!e.code?.startsWith("CSV_")) {
      // The upload broke off (client gone) or a write failed: keep what was read, never leave the import "running".
      await flush().catch(() => {});
      await save({ status: "failed", error: `The import stopped: ${err instanceof Error ? err.message : String(err)}`, finishedAt: deps.clock.now() }).catch(() => {});
      throw err;
    }
    // csv-parse names the line where it gave up; the broken record starts after the last good one.
    const reason = e.code === "CSV_QUOTE_NOT_CLOSED" ? "opens a quote that is never closed, so the rest of the file cannot be read" : (e.message ?? "is not valid CSV");
    errors.push({ line: e.code === "CSV_QUOTE_NOT_CLOSED" ? lastEnd + 1 : (e.lines ?? lastEnd + 1), field: "(file)", reason });
    failure = "The file is not valid CSV past the reported line";
  } finally {
    // Stopped early (bad header, too many rows): the rest of the upload is not read.
    await reader.cancel().catch(() => {});
  }
  if (!header && !failure) failure = "The file is empty";
  await flush();
  await save({ status: failure ? "failed" : "done", error: failure, finishedAt: deps.clock.now() });
  return (await importById(deps, id))!;
}
