// GET /api/v1/scores and GET /api/v1/responses: the numbers and the comment feed.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { latestResponses, scoreSummary } from "../services/scores";
import { router } from "./app-env";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { ResponseItemSchema, ScoresSchema } from "./schemas";

/** Epoch milliseconds or ISO 8601 date-time → epoch ms. */
const instant = z.iso
  .datetime({ offset: true })
  .transform((v) => Date.parse(v))
  .or(z.coerce.number().int().min(0));

export const ScoreQuery = z
  .object({
    from: instant.optional().openapi({ description: "Answered at or after (epoch ms or ISO 8601)" }),
    to: instant.optional().openapi({ description: "Answered before (epoch ms or ISO 8601)" }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "must not be after `to`", path: ["from"] });

const readAccess = requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE });

const scoresRoute = createRoute({
  method: "get",
  path: "/api/v1/scores",
  summary: "NPS, CSAT, value and cost indexes, value ratio",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: { query: ScoreQuery },
  responses: { 200: { description: "Scores", content: { "application/json": { schema: ScoresSchema } } }, ...errorResponses(400, 401, 403) },
});

const responsesRoute = createRoute({
  method: "get",
  path: "/api/v1/responses",
  summary: "Latest responses (comment feed), newest first",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(20) }) },
  responses: {
    200: { description: "Responses", content: { "application/json": { schema: z.object({ responses: z.array(ResponseItemSchema) }) } } },
    ...errorResponses(400, 401, 403),
  },
});

export function scoresRoutes(deps: Deps) {
  return router()
    .openapi(scoresRoute, async (c) => c.json(await scoreSummary(deps.db, c.req.valid("query")), 200))
    .openapi(responsesRoute, async (c) => c.json({ responses: await latestResponses(deps.db, c.req.valid("query").limit) }, 200));
}
