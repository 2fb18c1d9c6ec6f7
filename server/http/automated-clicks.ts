// GET /api/v1/automated-clicks: how many email link clicks were set aside as a mail scanner's (never counted as answers).
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { automatedClickSummary } from "../services/scanner-clicks";
import { router } from "./app-env";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { resolveDates } from "./query-filter";
import { AutomatedClicksSchema } from "./schemas/analytics";
import { FilterQuery, fromNotAfterTo, fromNotAfterToIssue } from "./schemas/filters";

const route = createRoute({
  method: "get",
  path: "/api/v1/automated-clicks",
  summary: "Email link clicks set aside as a mail scanner's",
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE })] as const,
  request: { query: FilterQuery.pick({ from: true, to: true }).refine(fromNotAfterTo, fromNotAfterToIssue) },
  responses: {
    200: { description: "Counts", content: { "application/json": { schema: AutomatedClicksSchema } } },
    ...errorResponses(400, 401, 403),
  },
});

export function automatedClicksRoutes(deps: Deps) {
  return router().openapi(route, async (c) => c.json(await automatedClickSummary(deps, resolveDates(deps, c.req.valid("query"))), 200));
}
