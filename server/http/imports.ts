// CSV import of purchases: create an import, upload its CSV (streamed), watch its progress and errors.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../deps";
import { PURCHASE_CSV_COLUMNS } from "../domain/purchase-csv";
import { AppError, notFound } from "../errors";
import { createImport, importById, importErrorsOf, listImports, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, runPurchaseImport, type ImportRow } from "../services/import-purchases";
import { router, type AppEnv } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ImportSchema } from "./integration-schemas";
import { errorResponses } from "./openapi";

const write = requireAuth({ scopes: ["ingest", "full"], roles: ["admin"] });
const read = requireAuth({ scopes: ["ingest", "read", "full"], roles: ["admin"] });


const CsvBody = {
  required: true,
  description: `CSV with a header row. Columns: ${PURCHASE_CSV_COLUMNS.join(", ")} (order_id, email, amount, currency required). amount is written as people write money (19.99 USD, 1250000 VND). Up to ${MAX_IMPORT_ROWS} rows.`,
  content: { "text/csv": { schema: z.string().openapi({ example: "order_id,email,amount,currency\norder-1,lan@example.com,1250000,VND\n" }) } },
};
const errorsLimit = z.coerce.number().int().min(0).max(MAX_IMPORT_ROWS * 12).default(100).openapi({ description: "How many errors to include (default 100)" });
const idParam = z.object({ id: z.string().min(1) });
const ok = (description: string) => ({ description, content: { "application/json": { schema: ImportSchema } } });

const createRouteDef = createRoute({
  method: "post",
  path: "/api/v1/imports",
  summary: "Start a purchase import; then upload its CSV with PUT /api/v1/imports/{id}/csv",
  security: [{ bearer: [] }],
  middleware: [write] as const,
  request: { body: { required: true, content: { "application/json": { schema: z.object({ kind: z.literal("purchases").default("purchases"), fileName: z.string().max(300).optional() }) } } } },
  responses: { 201: ok("Created, waiting for its file"), ...errorResponses(400, 401, 403) },
});

const uploadRoute = createRoute({
  method: "put",
  path: "/api/v1/imports/{id}/csv",
  summary: "Upload and run an import's CSV (streamed); poll GET /api/v1/imports/{id} for progress meanwhile",
  security: [{ bearer: [] }],
  middleware: [write] as const,
  request: { params: idParam, query: z.object({ errorsLimit }), body: CsvBody },
  responses: { 200: ok("Finished (status done or failed), with the bad rows"), ...errorResponses(400, 401, 403, 404, 409, 413) },
});

const oneShotRoute = createRoute({
  method: "post",
  path: "/api/v1/imports/purchases",
  summary: "Import purchases from a CSV in one call",
  description: "Idempotent on order_id: uploading the same file again records nothing new (rows count as unchanged).",
  security: [{ bearer: [] }],
  middleware: [write] as const,
  request: { query: z.object({ errorsLimit, fileName: z.string().max(300).optional() }), body: CsvBody },
  responses: { 200: ok("Finished (status done or failed), with the bad rows"), ...errorResponses(400, 401, 403, 413) },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/imports/{id}",
  summary: "An import's progress and bad rows",
  security: [{ bearer: [] }],
  middleware: [read] as const,
  request: { params: idParam, query: z.object({ errorsLimit }) },
  responses: { 200: ok("The import"), ...errorResponses(400, 401, 403, 404) },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/imports",
  summary: "Recent imports, newest first",
  security: [{ bearer: [] }],
  middleware: [read] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: { 200: { description: "Imports", content: { "application/json": { schema: z.object({ imports: z.array(ImportSchema.omit({ errors: true })) }) } } }, ...errorResponses(400, 401, 403) },
});

export function importsRoutes(deps: Deps) {
  const withErrors = async (row: ImportRow, limit: number) => ({ ...row, kind: "purchases" as const, errors: await importErrorsOf(deps.db, row.id, limit) });
  const csvStream = (c: Context<AppEnv>) => {
    if (!/^(text\/csv|text\/plain|application\/octet-stream)/i.test(c.req.header("content-type") ?? "text/csv"))
      throw new AppError("invalid_input", 400, "Send the file as text/csv", { field: "Content-Type" });
    const body = c.req.raw.body;
    if (!body) throw new AppError("invalid_input", 400, "The CSV body is empty", { field: "(body)" });
    const length = Number(c.req.header("content-length"));
    if (length > MAX_IMPORT_BYTES) throw new AppError("payload_too_large", 413, `The file is larger than ${MAX_IMPORT_BYTES} bytes`);
    return { body, bytesTotal: Number.isFinite(length) && length > 0 ? length : null };
  };
  const ctx = { db: deps.db, secretKey: deps.config.secretKey, now: () => deps.clock.now() };

  // No body-limit middleware here: it would buffer a chunked upload whole; the import counts bytes as it streams.
  return router()
    .openapi(createRouteDef, async (c) => c.json(await withErrors(await createImport(deps.db, c.req.valid("json"), deps.clock.now()), 0), 201))
    .openapi(oneShotRoute, async (c) => {
      const { body, bytesTotal } = csvStream(c);
      const q = c.req.valid("query");
      const created = await createImport(deps.db, { fileName: q.fileName }, deps.clock.now());
      return c.json(await withErrors(await runPurchaseImport(ctx, created.id, body, bytesTotal), q.errorsLimit), 200);
    })
    .openapi(uploadRoute, async (c) => {
      const { body, bytesTotal } = csvStream(c);
      const done = await runPurchaseImport(ctx, c.req.valid("param").id, body, bytesTotal);
      return c.json(await withErrors(done, c.req.valid("query").errorsLimit), 200);
    })
    .openapi(getRoute, async (c) => {
      const row = await importById(deps.db, c.req.valid("param").id);
      if (!row) throw notFound("Import");
      return c.json(await withErrors(row, c.req.valid("query").errorsLimit), 200);
    })
    .openapi(listRoute, async (c) => c.json({ imports: (await listImports(deps.db, c.req.valid("query").limit)).map((r) => ({ ...r, kind: "purchases" as const })) }, 200));
}
