// Import of Delighted's exports (survey responses, people, unsubscribes, bounces; JSON or CSV), streamed, with progress.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../deps";
import { DELIGHTED_KINDS } from "../domain/delighted-import";
import { AppError } from "../errors";
import { createDelightedImport, runDelightedImport } from "../services/import-delighted";
import { fileTooLarge, importErrorsOf, importSlotsFor, MAX_IMPORT_ROWS, type ImportRow } from "../services/import-purchases";
import { router, type AppEnv } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { ImportSchema } from "./schemas/integrations";
import { errorResponses } from "./openapi";

// It unsubscribes people and adds to the suppression list: admins and `full` keys, not `ingest`.
const write = requireAuth({ scopes: ["full"], roles: ROLES_WHO_MAY.administer });

const FileBody = {
  required: true,
  description:
    "A Delighted export, as saved: its API's JSON (an array from /v1/survey_responses.json, /v1/people.json, /v1/unsubscribes.json or /v1/bounces.json; several arrays one after another are read as one) or its CSV download. " +
    "Which one it is comes from `kind`, or from the file (the first object's keys, or the CSV header). Limits as the purchase import: IMPORT_MAX_BYTES, IMPORT_MAX_RECORD_BYTES (per JSON element or CSV record), IMPORT_MAX_ROWS, IMPORT_CONCURRENT_*.",
  // Plain schemas, not zod: the body is streamed, never parsed whole.
  content: {
    "application/json": { schema: { type: "array" as const, items: { type: "object" as const }, example: [{ id: "1", person: { id: "10", email: "lan@example.com", name: "Lan" }, survey_type: "nps", score: 9, comment: "Fast delivery", created_at: 1713418460, updated_at: null, person_properties: { locale: "vi" } }] } },
    "text/csv": { schema: { type: "string" as const, example: "Response ID,Score,Comment,Email,Name,Created At,Updated At,Survey Type,locale\n1,9,Fast delivery,lan@example.com,Lan,2024-04-18 05:34:20 UTC,,nps,vi\n" } },
  },
};
const query = z.object({
  kind: z.enum(DELIGHTED_KINDS).optional().openapi({ description: "What the file holds; detected from the file when omitted" }),
  errorsLimit: z.coerce.number().int().min(0).max(MAX_IMPORT_ROWS * 12).default(100).openapi({ description: "How many errors to include (default 100)" }),
});
const ok = { 200: { description: "Finished (status done or failed), with the bad rows", content: { "application/json": { schema: ImportSchema } } } };
const WHO = "Admins and `full` API keys. Idempotent: a response is keyed on Delighted's response id (a later export of a changed response updates it), people, unsubscribes and bounces on the email; the same file twice changes nothing (rows count as unchanged). Nothing is emailed: responses are filed as answered then (their dates, in the score rollups), unsubscribes unsubscribe, bounces join the suppression list.";

const oneShotRoute = createRoute({
  method: "post",
  path: "/api/v1/imports/delighted",
  summary: "Import a Delighted export (responses, people, unsubscribes or bounces; JSON or CSV) in one call",
  description: WHO,
  security: [{ bearer: [] }],
  middleware: [write] as const,
  request: { query: query.extend({ fileName: z.string().max(300).optional() }), body: FileBody },
  responses: { ...ok, ...errorResponses(400, 401, 403, 413, 429) },
});

const uploadRoute = createRoute({
  method: "put",
  path: "/api/v1/imports/{id}/delighted",
  summary: "Upload and run a Delighted import's file (created with POST /api/v1/imports {kind: delighted}); poll GET /api/v1/imports/{id} meanwhile",
  description: WHO,
  security: [{ bearer: [] }],
  middleware: [write] as const,
  request: { params: z.object({ id: z.string().min(1) }), query, body: FileBody },
  responses: { ...ok, ...errorResponses(400, 401, 403, 404, 409, 413, 429) },
});

export function delightedImportRoutes(deps: Deps) {
  const limits = deps.config.imports;
  const slots = importSlotsFor(limits);
  const fileStream = (c: Context<AppEnv>) => {
    if (!/^(application\/json|text\/csv|text\/plain|application\/octet-stream)/i.test(c.req.header("content-type") ?? "application/octet-stream"))
      throw new AppError("invalid_input", "Send the file as application/json or text/csv", { field: "Content-Type" });
    const body = c.req.raw.body;
    if (!body) throw new AppError("invalid_input", "The body is empty", { field: "(body)" });
    const length = Number(c.req.header("content-length"));
    if (length > limits.maxBytes) throw fileTooLarge(limits.maxBytes);
    return { body, bytesTotal: Number.isFinite(length) && length > 0 ? length : null };
  };
  const run = async (c: Context<AppEnv>, id: () => Promise<string>, kind: (typeof DELIGHTED_KINDS)[number] | undefined): Promise<ImportRow> => {
    const { body, bytesTotal } = fileStream(c);
    const p = c.get("principal");
    const by = p?.kind === "apiKey" ? `key:${p.keyId}` : p?.kind === "user" ? `user:${p.user.id}` : null;
    const release = slots.acquire(by ?? "");
    try {
      return await runDelightedImport(deps, { id: await id(), body, bytesTotal, kind, by, limits });
    } finally {
      release();
    }
  };
  const withErrors = async (row: ImportRow, limit: number) => ({ ...row, errors: await importErrorsOf(deps, { id: row.id, limit }) });

  return router()
    .openapi(oneShotRoute, async (c) => {
      const q = c.req.valid("query");
      const done = await run(c, async () => (await createDelightedImport(deps, { fileName: q.fileName })).id, q.kind);
      return c.json(await withErrors(done, q.errorsLimit), 200);
    })
    .openapi(uploadRoute, async (c) => {
      const q = c.req.valid("query");
      const done = await run(c, async () => c.req.valid("param").id, q.kind);
      return c.json(await withErrors(done, q.errorsLimit), 200);
    });
}
