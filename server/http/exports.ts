// GET /api/v1/exports/…: responses as CSV or JSON (filtered), purchases as CSV; streamed.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../deps";
import { csvStream, exportPurchases, exportResponses, jsonArrayStream, PURCHASE_COLUMNS, RESPONSE_COLUMNS } from "../services/exports";
import { router, type AppEnv } from "./app-env";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { resolveDates } from "./query-filter";
import { fromNotAfterTo, fromNotAfterToIssue, instant } from "./schemas/filters";
import { LOCALES, ROLES_WHO_MAY } from "../domain/vocabulary";

const score = z.coerce.number().int().min(0).max(10);

const ResponseExportQuery = z
  .object({
    from: instant(false).optional().openapi({ description: "Answered at or after: epoch ms, ISO 8601, or a date YYYY-MM-DD (midnight in TIMEZONE)" }),
    to: instant(true).optional().openapi({ description: "Answered before: epoch ms or ISO 8601; a date YYYY-MM-DD includes that whole day (in TIMEZONE)" }),
    template: z.string().max(100).optional().openapi({ description: "Template id" }),
    channel: z.string().max(100).optional().openapi({ description: "Sales channel of the purchase" }),
    locale: z.enum(LOCALES).optional(),
    minScore: score.optional().openapi({ description: "NPS score at least (e.g. 9 for promoters)" }),
    maxScore: score.optional().openapi({ description: "NPS score at most (e.g. 6 for detractors)" }),
  })
  .refine(fromNotAfterTo, fromNotAfterToIssue)
  .refine((q) => q.minScore === undefined || q.maxScore === undefined || q.minScore <= q.maxScore, { message: "must not be above maxScore", path: ["minScore"] });

const PurchaseExportQuery = z
  .object({
    from: instant(false).optional().openapi({ description: "Purchased at or after: epoch ms, ISO 8601, or a date YYYY-MM-DD (midnight in TIMEZONE)" }),
    to: instant(true).optional().openapi({ description: "Purchased before: epoch ms or ISO 8601; a date YYYY-MM-DD includes that whole day (in TIMEZONE)" }),
    channel: z.string().max(100).optional(),
  })
  .refine(fromNotAfterTo, fromNotAfterToIssue);

const readAny = requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE });
const readPurchases = requireAuth({ scopes: ["read", "full"], roles: ROLES_WHO_MAY.seeDelivery });
const security = [{ bearer: [] }];

const csvResponses = createRoute({
  method: "get",
  path: "/api/v1/exports/responses.csv",
  summary: "Export responses as CSV",
  description: `Columns: ${RESPONSE_COLUMNS.join(", ")}. Oldest first. Text cells starting with = + - @, a tab or a carriage return (or with ') are prefixed with ' so spreadsheets do not run them.`,
  security,
  middleware: [readAny] as const,
  request: { query: ResponseExportQuery },
  responses: { 200: { description: "CSV, streamed", content: { "text/csv": { schema: z.string() } } }, ...errorResponses(400, 401, 403) },
});
const jsonResponses = createRoute({
  method: "get",
  path: "/api/v1/exports/responses.json",
  summary: "Export responses as a JSON array",
  security,
  middleware: [readAny] as const,
  request: { query: ResponseExportQuery },
  responses: { 200: { description: "A JSON array of responses (same fields as the CSV columns), streamed", content: { "application/json": { schema: z.array(z.record(z.string(), z.unknown())) } } }, ...errorResponses(400, 401, 403) },
});
const csvPurchases = createRoute({
  method: "get",
  path: "/api/v1/exports/purchases.csv",
  summary: "Export purchases as CSV (the CSV import's columns)",
  description: "Formula-like text is prefixed with ' as in the responses export; the purchase import takes that mark off, so re-importing an export changes nothing (every row unchanged).",
  security,
  middleware: [readPurchases] as const,
  request: { query: PurchaseExportQuery },
  responses: { 200: { description: "CSV, streamed", content: { "text/csv": { schema: z.string() } } }, ...errorResponses(400, 401, 403) },
});

function download(c: Context<AppEnv>, body: ReadableStream<Uint8Array>, type: string, name: string, now: number) {
  return c.body(body, 200, {
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${name}-${new Date(now).toISOString().slice(0, 10)}.${type.includes("csv") ? "csv" : "json"}"`,
    "Cache-Control": "no-store",
  });
}

export function exportsRoutes(deps: Deps) {
  return router()
    .openapi(csvResponses, (c) => download(c, csvStream(exportResponses(deps, resolveDates(deps, c.req.valid("query"))), RESPONSE_COLUMNS), "text/csv; charset=utf-8", "responses", deps.clock.now()))
    // Streamed JSON: the typed json() helper would buffer the whole array.
    .openapi(jsonResponses, (c) => download(c, jsonArrayStream(exportResponses(deps, resolveDates(deps, c.req.valid("query")))), "application/json; charset=utf-8", "responses", deps.clock.now()) as never)
    .openapi(csvPurchases, (c) => download(c, csvStream(exportPurchases(deps, resolveDates(deps, c.req.valid("query"))), PURCHASE_COLUMNS), "text/csv; charset=utf-8", "purchases", deps.clock.now()));
}
