// CSV import of purchases: create an import, upload its CSV (streamed), watch its progress and errors.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../deps";
import { PURCHASE_CSV_COLUMNS } from "../domain/purchase-csv";
import { AppError, notFound } from "../errors";
import { createImport, fileTooLarge, importById, importErrorsOf, importSlotsFor, listImports, MAX_IMPORT_ROWS, runPurchaseImport, type ImportRow } from "../services/import-purchases";
import { createDelightedImport } from "../services/import-delighted";
import { router, type AppEnv } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { ImportSchema } from "./schemas/integrations";
import { errorResponses } from "./openapi";

const write = requireAuth({ scopes: ["ingest", "full"], roles: ROLES_WHO_MAY.administer });
// Imports are ingestion: whoever may upload may watch. A read key (scores, responses, exports) may not (issue 19.8).
const read = requireAuth({ scopes: ["ingest", "full"], roles: ROLES_WHO_MAY.administer });
const WHO = "Admins and `ingest` or `full` API keys; `read` keys get 403.";


const CsvBody = {
  required: true,
  description: `CSV with a header row. Columns: ${PURCHASE_CSV_COLUMNS.join(", ")} (order_id, email, amount, currency required). amount is written as people write money (19.99 USD, 1250000 VND). Limits (configurable): 64 MiB (IMPORT_MAX_BYTES), 1 MiB per record (IMPORT_MAX_RECORD_BYTES), ${MAX_IMPORT_ROWS} rows (IMPORT_MAX_ROWS), 2 uploads at once per API key or user (IMPORT_CONCURRENT_PER_CREDENTIAL).`,
  content: { "text/csv": { schema: z.string().openapi({ example: "order_id,email,amount,currency\norder-1,lan@example.com,1250000,VND\n" }) } },
};
const errorsLimit = z.coerce.number().int().min(0).max(MAX_IMPORT_ROWS * 12).default(100).openapi({ description: "How many errors to include (default 100)" });
const idParam = z.object({ id: z.string().min(1) });
const ok = (description: string) => ({ description, content: { "application/json": { schema: ImportSchema } } });

const createRouteDef = createRoute({
  method: "post",
  path: "/api/v1/imports",
  summary: "Start an import; then upload its file with PUT /api/v1/imports/{id}/csv (purchases) or /delighted",
  security: [{ bearer: [] }],
  middleware: [write] as const,
  request: { body: { required: true, content: { "application/json": { schema: z.object({ kind: z.enum(["purchases", "delighted"]).default("purchases").openapi({ description: "purchases: upload with PUT /api/v1/imports/{id}/csv; delighted: with PUT /api/v1/imports/{id}/delighted" }), fileName: z.string().max(300).optional() }) } } } },
  responses: { 201: ok("Created, waiting for its file"), ...errorResponses(400, 401, 403) },
});

const uploadRoute = createRoute({
  method: "put",
  path: "/api/v1/imports/{id}/csv",
  summary: "Upload and run an import's CSV (streamed); poll GET /api/v1/imports/{id} for progress meanwhile",
  security: [{ bearer: [] }],
  middleware: [write] as const,
  request: { params: idParam, query: z.object({ errorsLimit }), body: CsvBody },
  responses: { 200: ok("Finished (status done or failed), with the bad rows"), ...errorResponses(400, 401, 403, 404, 409, 413, 429) },
});

const oneShotRoute = createRoute({
  method: "post",
  path: "/api/v1/imports/purchases",
  summary: "Import purchases from a CSV in one call",
  description: "Idempotent on order_id: uploading the same file again records nothing new (rows count as unchanged).",
  security: [{ bearer: [] }],
  middleware: [write] as const,
  request: { query: z.object({ errorsLimit, fileName: z.string().max(300).optional() }), body: CsvBody },
  responses: { 200: ok("Finished (status done or failed), with the bad rows"), ...errorResponses(400, 401, 403, 413, 429) },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/imports/{id}",
  summary: "An import's progress and bad rows",
  description: WHO,
  security: [{ bearer: [] }],
  middleware: [read] as const,
  request: { params: idParam, query: z.object({ errorsLimit }) },
  responses: { 200: ok("The import"), ...errorResponses(400, 401, 403, 404) },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/imports",
  summary: "Recent imports, newest first",
  description: WHO,
  security: [{ bearer: [] }],
  middleware: [read] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: { 200: { description: "Imports", content: { "application/json": { schema: z.object({ imports: z.array(ImportSchema.omit({ errors: true })) }) } } }, ...errorResponses(400, 401, 403) },
});

export function importsRoutes(deps: Deps) {
  const withErrors = async (row: ImportRow, limit: number) => ({ ...row, errors: await importErrorsOf(deps, { id: row.id, limit }) });
  const csvStream = (c: Context<AppEnv>) => {
    if (!/^(text\/csv|text\/plain|application\/octet-stream)/i.test(c.req.header("content-type") ?? "text/csv"))
      throw new AppError("invalid_input", "Send the file as text/csv", { field: "Content-Type" });
    const body = c.req.raw.body;
    if (!body) throw new AppError("invalid_input", "The CSV body is empty", { field: "(body)" });
    const length = Number(c.req.header("content-length"));
    if (length > limits.maxBytes) throw fileTooLarge(limits.maxBytes);
    return { body, bytesTotal: Number.isFinite(length) && length > 0 ? length : null };
  };
  const limits = deps.config.imports;
  const slots = importSlotsFor(limits);
  /** Runs an upload in one of the credential's slots, refused (429) before any of its body is read when none is free. */
  const inSlot = async <T>(c: Context<AppEnv>, run: () => Promise<T>): Promise<T> => {
    const p = c.get("principal");
    const release = slots.acquire(p?.kind === "apiKey" ? `key:${p.keyId}` : `user:${p?.kind === "user" ? p.user.id : ""}`);
    try {
      return await run();
    } finally {
      release();
    }
  };

  // No body-limit middleware here: it would buffer a chunked upload whole; the import counts bytes as it streams.
  return router()
    .openapi(createRouteDef, async (c) => {
      const input = c.req.valid("json");
      const created = input.kind === "delighted" ? await createDelightedImport(deps, input) : await createImport(deps, input);
      return c.json(await withErrors(created, 0), 201);
    })
    .openapi(oneShotRoute, async (c) => {
      const { body, bytesTotal } = csvStream(c);
      const q = c.req.valid("query");
      const done = await inSlot(c, async () => runPurchaseImport(deps, { id: (await createImport(deps, { fileName: q.fileName })).id, body, bytesTotal, limits }));
      return c.json(await withErrors(done, q.errorsLimit), 200);
    })
    .openapi(uploadRoute, async (c) => {
      const { body, bytesTotal } = csvStream(c);
      const done = await inSlot(c, () => runPurchaseImport(deps, { id: c.req.valid("param").id, body, bytesTotal, limits }));
      return c.json(await withErrors(done, c.req.valid("query").errorsLimit), 200);
    })
    .openapi(getRoute, async (c) => {
      const row = await importById(deps, c.req.valid("param").id);
      if (!row) throw notFound("Import");
      return c.json(await withErrors(row, c.req.valid("query").errorsLimit), 200);
    })
    .openapi(listRoute, async (c) => c.json({ imports: (await listImports(deps, c.req.valid("query").limit)) }, 200));
}
