// Import of Delighted's exports (API JSON or CSV): history responses, people, unsubscribes and bounces.
// Streamed like the purchase import, progress on the import row, every bad row reported, idempotent on Delighted's ids and emails.
import { parse } from "csv-parse/stream";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { customers, delightedPeople, imports, importErrors, invitations, purchaseProperties, purchases, responses, suppressions, templates } from "../../db/schema";
import {
  detectDelighted,
  fromCsv,
  fromJson,
  JsonArraySplitter,
  JsonSplitError,
  readDelightedHeader,
  type CsvHeader,
  type DelightedKind,
  type DelightedPerson,
  type DelightedResponse,
  type RowError,
} from "../domain/delighted-import";
import { randomToken, sha256Hex } from "../domain/crypto";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { returningOptOut } from "./erased-opt-outs";
import { customerValueWrites } from "./customer-values";
import { DEFAULT_UPLOAD_LIMITS, fileTooLarge, importById, type ImportError, type ImportRow, type UploadLimits } from "./import-purchases";
import { normalizeLocale } from "./record-purchase";
import { rollupStatements, storeAspects } from "./rollup-writes";
import { publishedTemplates } from "./templates";

/** Rows written together, in one transaction; progress is saved after each chunk. */
const CHUNK = 200;
/** Bytes read before deciding what the file is. */
const PEEK_BYTES = 4096;
/** A Delighted response's purchase: the order id keys the import (idempotent on Delighted's response id). */
export const responseOrderId = (id: string) => `delighted-response:${id}`;

/** What an import needs: the database, the clock, and the secret key (the survey links of the purchases it records). */
type ImportDeps = Pick<Deps, "db" | "clock" | "config">;
type Row<T> = { line: number; value: T };
type Counts = { imported: number; unchanged: number };

export async function createDelightedImport(deps: Pick<Deps, "db" | "clock">, input: { fileName?: string }): Promise<ImportRow> {
  const { db } = deps;
  const now = deps.clock.now();
  const row = { id: newId(now), kind: "delighted" as const, status: "waiting" as const, fileName: input.fileName ?? null, createdAt: now };
  await db.commit([db.insert(imports).values(row)]);
  return (await importById(deps, row.id))!;
}

const inSlices = <T>(rows: T[], size = 100): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** The template an imported answer is filed under: the oldest published one (the default), as a survey sent then would have been. */
async function historyTemplate(db: Db, now: number) {
  const [published] = await publishedTemplates(db, now);
  if (published) return { id: published.id, version: published.version };
  const [any] = await db.select({ id: templates.id, version: templates.version }).from(templates).orderBy(templates.createdAt).limit(1);
  if (!any) throw new AppError("conflict", "There is no survey template to file the answers under");
  return any;
}

/** Customers by email, creating those not known (an erased customer who had opted out stays opted out). */
async function customersFor(deps: ImportDeps, wanted: Map<string, { name: string | null; locale: string | null; createdAt: number; unsubscribedAt?: number | null }>) {
  const { db } = deps;
  const emails = [...wanted.keys()];
  const found = new Map<string, { id: string; name: string | null; unsubscribedAt: number | null }>();
  for (const part of inSlices(emails)) for (const c of await db.select({ id: customers.id, email: customers.email, name: customers.name, unsubscribedAt: customers.unsubscribedAt }).from(customers).where(inArray(customers.email, part))) found.set(c.email, c);
  const writes = [];
  const ids = new Map<string, string>();
  const created = new Set<string>();
  for (const [email, w] of wanted) {
    const known = found.get(email);
    if (known) {
      ids.set(email, known.id);
      continue;
    }
    const returning = await returningOptOut(deps, email);
    const id = newId(w.createdAt);
    ids.set(email, id);
    created.add(email);
    writes.push(
      db.insert(customers).values({ id, email, name: w.name, locale: normalizeLocale(w.locale), unsubscribedAt: w.unsubscribedAt ?? returning.unsubscribedAt, createdAt: w.createdAt }),
      ...returning.writes,
    );
  }
  return { ids, found, created, writes };
}

/** Writes a chunk of responses in one transaction, their rollups moved in the same one (as the answer writer does). */
async function writeResponses(deps: ImportDeps, rows: Row<DelightedResponse>[], report: (line: number, errors: RowError[]) => void): Promise<Counts> {
  const { db } = deps;
  const now = deps.clock.now();
  const counts: Counts = { imported: 0, unchanged: 0 };
  // The same response twice in a chunk: the later row is the one kept.
  const byId = new Map<string, Row<DelightedResponse>>();
  for (const r of rows) {
    if (byId.has(r.value.id)) counts.unchanged++;
    byId.set(r.value.id, r);
  }
  // A response that names only Delighted's person id finds its email through an earlier people import.
  const personIds = [...byId.values()].filter((r) => !r.value.email && r.value.personId).map((r) => r.value.personId!);
  const people = new Map<string, string>();
  for (const part of inSlices([...new Set(personIds)]))
    for (const p of await db.select({ personId: delightedPeople.personId, email: customers.email }).from(delightedPeople).innerJoin(customers, eq(customers.id, delightedPeople.customerId)).where(inArray(delightedPeople.personId, part))) people.set(p.personId, p.email);
  const ready: Row<DelightedResponse & { email: string }>[] = [];
  for (const r of byId.values()) {
    const email = r.value.email ?? people.get(r.value.personId!);
    if (email) ready.push({ line: r.line, value: { ...r.value, email } });
    else report(r.line, [{ field: "person", reason: `is Delighted person ${r.value.personId}, not imported yet: import people.json first, or export the responses with expand[]=person` }]);
  }
  if (!ready.length) return counts;

  const stored = new Map<string, typeof responses.$inferSelect>();
  for (const part of inSlices(ready.map((r) => responseOrderId(r.value.id))))
    for (const s of await db.select({ orderId: purchases.orderId, r: responses }).from(purchases).innerJoin(invitations, eq(invitations.purchaseId, purchases.id)).innerJoin(responses, eq(responses.invitationId, invitations.id)).where(inArray(purchases.orderId, part)))
      stored.set(s.orderId, s.r);

  const fresh: Row<DelightedResponse & { email: string }>[] = [];
  const changed: { id: string; set: Partial<typeof responses.$inferInsert> }[] = [];
  for (const r of ready) {
    const old = stored.get(responseOrderId(r.value.id));
    if (!old) {
      fresh.push(r);
      continue;
    }
    const set = { score: r.value.surveyType === "nps" ? r.value.score : null, csat: r.value.surveyType === "csat" ? r.value.score : null, comment: r.value.comment, answeredAt: r.value.createdAt, updatedAt: r.value.updatedAt };
    if (old.score === set.score && old.csat === set.csat && old.comment === set.comment && old.answeredAt === set.answeredAt && old.updatedAt === set.updatedAt) counts.unchanged++;
    else {
      // A later export of the same response (changed at Delighted since): it replaces what was imported.
      changed.push({ id: old.id, set });
      counts.imported++;
    }
  }

  const wanted = new Map<string, { name: string | null; locale: string | null; createdAt: number }>();
  for (const { value: v } of fresh) {
    const w = wanted.get(v.email);
    wanted.set(v.email, { name: w?.name ?? v.name, locale: w?.locale ?? v.locale, createdAt: Math.min(w?.createdAt ?? v.createdAt, v.createdAt) });
  }
  const who = await customersFor(deps, wanted);
  const template = fresh.length ? await historyTemplate(db, now) : null;
  const out = { purchases: [] as (typeof purchases.$inferInsert)[], properties: [] as (typeof purchaseProperties.$inferInsert)[], invitations: [] as (typeof invitations.$inferInsert)[], responses: [] as (typeof responses.$inferInsert)[], people: [] as (typeof delightedPeople.$inferInsert)[] };
  for (const { value: v } of fresh) {
    const customerId = who.ids.get(v.email)!;
    const purchaseId = newId(v.createdAt);
    const invitationId = newId(v.createdAt);
    const responseId = newId(v.createdAt);
    const locale = normalizeLocale(v.locale);
    // No item, amount 0 in XXX (ISO 4217 "no currency"): the answer needs a purchase, and the import adds no revenue.
    out.purchases.push({ id: purchaseId, orderId: responseOrderId(v.id), customerId, amount: 0, currency: "XXX", channel: v.channel ?? "delighted", purchasedAt: v.createdAt, fulfilledAt: null, contentHash: sha256Hex(responseOrderId(v.id)), createdAt: now });
    if (Object.keys(v.properties).length) out.properties.push({ purchaseId, properties: v.properties });
    // Sent and closed when it was answered: the dispatcher only sends scheduled invitations, and a random token
    // (never derived, never stored) means no link reaches it.
    out.invitations.push({ id: invitationId, purchaseId, customerId, templateId: template!.id, templateVersion: template!.version, tokenHash: sha256Hex(randomToken()), locale, status: "sent", dueAt: v.createdAt, closesAt: v.createdAt, sentAt: v.createdAt, attempts: 1, createdAt: now });
    // No alert and no case: these are answers from the past, already handled (or not) at Delighted.
    out.responses.push({ id: responseId, invitationId, templateId: template!.id, templateVersion: template!.version, customerId, locale, channel: v.channel ?? "delighted", category: v.category, score: v.surveyType === "nps" ? v.score : null, csat: v.surveyType === "csat" ? v.score : null, comment: v.comment, extra: {}, flagged: false, answeredAt: v.createdAt, updatedAt: v.updatedAt, status: "none" });
    if (v.personId) out.people.push({ personId: v.personId, customerId });
    counts.imported++;
  }
  const newIds = out.responses.map((r) => r.id);
  // Many rows per statement (a statement costs far more than a row), in slices under SQLite's variable limit.
  const writes: Parameters<Db["commit"]>[0] = [
    ...who.writes,
    ...inSlices(out.purchases).map((part) => db.insert(purchases).values(part)),
    // The customers' kept values count the imported purchases (amount 0, no currency: no revenue), before their answers arrive.
    ...(out.purchases.length ? customerValueWrites([...new Set(out.purchases.map((p) => p.customerId))], now) : []),
    ...inSlices(out.properties).map((part) => db.insert(purchaseProperties).values(part)),
    ...inSlices(out.invitations).map((part) => db.insert(invitations).values(part)),
    ...inSlices(out.responses).map((part) => db.insert(responses).values(part)),
    ...inSlices(out.people).map((part) => db.insert(delightedPeople).values(part).onConflictDoNothing()),
  ];
  // Every rollup moves in the same transaction; comments' aspects are found and stored with them.
  const rollups = rollupStatements(db, "response");
  const changedIds = changed.map((c) => c.id);
  await db.commit([
    ...rollups.remove(changedIds),
    ...changed.map((c) => db.update(responses).set(c.set).where(eq(responses.id, c.id))),
    ...writes,
    ...storeAspects("response", [...out.responses, ...changed.map((c) => ({ id: c.id, ...c.set }))].map((r) => ({ id: r.id!, comment: r.comment ?? null, locale: ("locale" in r ? r.locale : null) ?? null }))),
    ...rollups.add([...newIds, ...changedIds]),
  ]);
  return counts;
}

/** People, unsubscribes or bounces of a chunk, in one transaction. */
async function writePeople(deps: ImportDeps, kind: Exclude<DelightedKind, "responses">, rows: Row<DelightedPerson>[], by: string | null): Promise<Counts> {
  const { db } = deps;
  const now = deps.clock.now();
  const counts: Counts = { imported: 0, unchanged: 0 };
  const byEmail = new Map<string, DelightedPerson>();
  for (const { value } of rows) {
    if (byEmail.has(value.email)) counts.unchanged++;
    else byEmail.set(value.email, value);
  }
  const emails = [...byEmail.keys()];
  if (kind === "bounces") {
    // Hard bounces: the suppression list, so the address is never emailed; an address listed already keeps its first reason.
    const inserted = new Set<string>();
    for (const part of inSlices(emails)) {
      const [res] = await db.commit([
        db.insert(suppressions).values(part.map((email) => ({ email, reason: "hard_bounce" as const, detail: "Bounced at Delighted (imported)", createdBy: by, createdAt: byEmail.get(email)!.at ?? now }))).onConflictDoNothing().returning({ email: suppressions.email }),
      ]);
      for (const r of res.rows) inserted.add(String(r.email));
    }
    counts.imported += inserted.size;
    counts.unchanged += emails.length - inserted.size;
    return counts;
  }
  const unsubscribing = kind === "unsubscribes";
  const wanted = new Map([...byEmail].map(([email, p]) => [email, { name: p.name, locale: null, createdAt: (unsubscribing ? null : p.at) ?? p.at ?? now, unsubscribedAt: unsubscribing ? (p.at ?? now) : null }]));
  const who = await customersFor(deps, wanted);
  const known = new Set<string>();
  for (const part of inSlices([...byEmail.values()].flatMap((p) => (p.personId ? [p.personId] : []))))
    for (const k of await db.select({ personId: delightedPeople.personId }).from(delightedPeople).where(inArray(delightedPeople.personId, part))) known.add(k.personId);
  const writes: Parameters<Db["commit"]>[0] = [...who.writes];
  for (const [email, p] of byEmail) {
    const id = who.ids.get(email)!;
    const existing = who.found.get(email);
    let changed = who.created.has(email);
    if (existing && unsubscribing && existing.unsubscribedAt == null) {
      writes.push(db.update(customers).set({ unsubscribedAt: p.at ?? now }).where(and(eq(customers.id, id), sql`${customers.unsubscribedAt} is null`)));
      changed = true;
    }
    if (existing && !existing.name && p.name) {
      writes.push(db.update(customers).set({ name: p.name }).where(eq(customers.id, id)));
      changed = true;
    }
    if (p.personId && !known.has(p.personId)) {
      writes.push(db.insert(delightedPeople).values({ personId: p.personId, customerId: id }).onConflictDoNothing());
      changed = true;
    }
    if (changed) counts.imported++;
    else counts.unchanged++;
  }
  if (writes.length) await db.commit(writes);
  return counts;
}

/** Reads up to `bytes` of a stream; the stream returned gives them again, then the rest. */
async function peek(body: ReadableStream<Uint8Array>, bytes: number): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await reader.read();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.byteLength;
  }
  const head = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    head.set(c, at);
    at += c.byteLength;
  }
  const queued = [...chunks];
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (queued.length) return controller.enqueue(queued.shift()!);
      if (done) return controller.close();
      const next = await reader.read().catch((err: unknown) => {
        controller.error(err);
        return null;
      });
      if (!next) return;
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head, stream };
}

/** The line a CSV record starts on: csv-parse counts lines up to its end; quoted fields may span lines. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

export type DelightedImportOptions = { kind?: DelightedKind; by: string | null; limits?: UploadLimits; onProgress?: (row: ImportRow) => void };

/**
 * Runs a Delighted import on its file. Which export it is comes from `kind` or from the file itself;
 * JSON or CSV from its first character. For JSON, an error's `line` is the element's position in the
 * array (1 = the first object); for CSV, the file's line (the header is line 1).
 */
export async function runDelightedImport(
  deps: ImportDeps,
  { id, body, bytesTotal, ...opts }: DelightedImportOptions & { id: string; body: ReadableStream<Uint8Array>; bytesTotal: number | null },
): Promise<ImportRow> {
  const { maxBytes, maxRecordBytes, maxRows } = opts.limits ?? DEFAULT_UPLOAD_LIMITS;
  const { db } = deps;
  const found = await importById(deps, id);
  if (!found) throw notFound("Import");
  if (found.kind !== "delighted" && !found.kind.startsWith("delighted-")) throw new AppError("conflict", `Import ${id} is a ${found.kind} import: upload its file with PUT /api/v1/imports/${id}/csv`, { field: "id" });
  const [claimed] = await db.commit([
    db.update(imports).set({ status: "running", bytesTotal }).where(sql`${imports.id} = ${id} and ${imports.status} = 'waiting'`).returning({ id: imports.id }),
  ]);
  if (claimed.rows.length === 0) throw new AppError("conflict", `Import ${id} already has a file (${found.status})`);

  const progress = { bytesRead: 0, rowsProcessed: 0, imported: 0, unchanged: 0, failed: 0 };
  let errors: ImportError[] = [];
  const report = (line: number, list: RowError[]) => {
    progress.failed++;
    for (const e of list) errors.push({ line, ...e });
  };
  async function save(extra: Partial<ImportRow> = {}) {
    const rows = errors.map((e) => ({ id: newId(deps.clock.now()), importId: id, ...e }));
    errors = [];
    await db.commit([...inSlices(rows, 200).map((part) => db.insert(importErrors).values(part)), db.update(imports).set({ ...progress, ...extra }).where(eq(imports.id, id))]);
    if (opts.onProgress) opts.onProgress((await importById(deps, id))!);
  }

  let kind: DelightedKind | null = opts.kind ?? null;
  let pending: Row<DelightedResponse | DelightedPerson>[] = [];
  async function flush() {
    const rows = pending;
    pending = [];
    if (rows.length && kind) {
      const c = kind === "responses" ? await writeResponses(deps, rows as Row<DelightedResponse>[], report) : await writePeople(deps, kind, rows as Row<DelightedPerson>[], opts.by);
      progress.imported += c.imported;
      progress.unchanged += c.unchanged;
    }
    await save();
  }
  /** One parsed row; false when the row limit is reached. */
  let failure: string | null = null;
  async function take(line: number, parsed: ReturnType<typeof fromJson>): Promise<boolean> {
    if (progress.rowsProcessed >= maxRows) {
      failure = `The file has more than ${maxRows} rows (IMPORT_MAX_ROWS); the first ${maxRows} were processed`;
      return false;
    }
    progress.rowsProcessed++;
    if (parsed.ok) pending.push({ line, value: parsed.value });
    else report(line, parsed.errors);
    if (pending.length + errors.length >= CHUNK) await flush();
    return true;
  }

  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        progress.bytesRead += chunk.byteLength;
        if (progress.bytesRead > maxBytes) controller.error(fileTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  let cancel: () => Promise<void> = async () => {};
  try {
    const { head, stream } = await peek(counted, PEEK_BYTES);
    cancel = () => stream.cancel().catch(() => {});
    const detected = detectDelighted(new TextDecoder().decode(head));
    kind ??= detected.kind;
    if (head.byteLength === 0) failure = "The file is empty";
    else if (!kind) {
      errors.push({ line: 1, field: "(file)", reason: "is not a Delighted export this import knows: pass kind=responses, people, unsubscribes or bounces" });
      failure = "Could not tell which Delighted export this file is";
    } else {
      await db.commit([db.update(imports).set({ kind: `delighted-${kind}` }).where(eq(imports.id, id))]);
      if (detected.format === "json") {
        const splitter = new JsonArraySplitter(maxRecordBytes);
        const reader = stream.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).getReader();
        cancel = () => reader.cancel().catch(() => {});
        reading: for (;;) {
          const next = await reader.read();
          if (next.done) break;
          for (const el of splitter.push(next.value)) {
            let item: unknown;
            try {
              item = JSON.parse(el.text);
            } catch (err) {
              if (!(await take(el.index, { ok: false, errors: [{ field: "(row)", reason: `is not valid JSON (${(err as Error).message})` }] }))) break reading;
              continue;
            }
            if (!(await take(el.index, fromJson(kind, item)))) break reading;
          }
          if (splitter.failure) throw splitter.failure;
        }
        if (!failure) splitter.finish();
      } else {
        const records = stream.pipeThrough(parse({ info: true, raw: true, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: maxRecordBytes, trim: true })) as ReadableStream<{ record: string[]; raw: string; info: { lines: number } }>;
        const reader = records.getReader();
        cancel = () => reader.cancel().catch(() => {});
        let header: CsvHeader | null = null;
        let lastEnd = 0;
        try {
          for (;;) {
            const next = await reader.read();
            if (next.done) break;
            const { record, raw, info } = next.value;
            const line = startLine(info.lines, raw);
            lastEnd = info.lines;
            if (!header) {
              header = readDelightedHeader(kind, record);
              if (header.missing.length) {
                for (const column of header.missing) errors.push({ line, field: column, reason: "column is missing from the header" });
                failure = `The header lacks ${header.missing.join(", ")}`;
                break;
              }
              continue;
            }
            if (!(await take(line, fromCsv(kind, header, record)))) break;
          }
        } catch (err) {
          const e = err as { code?: string; lines?: number; message?: string };
          if (e.code === "CSV_MAX_RECORD_SIZE") throw new JsonSplitError(`is longer than ${maxRecordBytes} bytes`, lastEnd + 1, "too_long");
          if (!e.code?.startsWith("CSV_")) throw err;
          const reason = e.code === "CSV_QUOTE_NOT_CLOSED" ? "opens a quote that is never closed, so the rest of the file cannot be read" : (e.message ?? "is not valid CSV");
          errors.push({ line: e.code === "CSV_QUOTE_NOT_CLOSED" ? lastEnd + 1 : (e.lines ?? lastEnd + 1), field: "(file)", reason });
          failure = "The file is not valid CSV past the reported line";
        }
      }
    }
  } catch (err) {
    if (err instanceof JsonSplitError && err.code === "too_long") {
      // One record past the limit: refused before it is held whole; what came before it is kept.
      const message = `Record ${err.index} is longer than ${maxRecordBytes} bytes (IMPORT_MAX_RECORD_BYTES)`;
      errors.push({ line: err.index, field: "(row)", reason: err.message });
      await flush();
      await save({ status: "failed", error: message, finishedAt: deps.clock.now() });
      await cancel();
      throw new AppError("payload_too_large", message, { field: "(row)", line: err.index, limit: "IMPORT_MAX_RECORD_BYTES", max: maxRecordBytes, importId: id });
    }
    if (err instanceof JsonSplitError) {
      errors.push({ line: err.index, field: "(file)", reason: err.message });
      failure = "The file is not valid JSON past the reported element";
    } else {
      // The upload broke off (client gone, too large) or a write failed: keep what was read, never leave the import "running".
      await flush().catch(() => {});
      await save({ status: "failed", error: `The import stopped: ${err instanceof Error ? err.message : String(err)}`, finishedAt: deps.clock.now() }).catch(() => {});
      await cancel();
      throw err;
    }
  } finally {
    // Stopped early (bad header, too many rows): the rest of the upload is not read.
    if (failure) await cancel();
  }
  await flush();
  await save({ status: failure ? "failed" : "done", error: failure, finishedAt: deps.clock.now() });
  return (await importById(deps, id))!;
}
