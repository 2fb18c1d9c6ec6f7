// GET /api/v1/scores (+ /trend, /breakdown, /compare): the dashboard's numbers, all read from rollups.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { markLowSamples } from "../domain/low-sample";
import { dashboardReads } from "../services/dashboard-reads";
import { router } from "./app-env";
import { resolveFilter } from "./query-filter";
import { FilterQuery, fromNotAfterTo, fromNotAfterToIssue } from "./schemas/filters";
import { BreakdownSchema, ComparisonSchema, DIMENSION, ScoresSchema, TrendSchema } from "./schemas/scores";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";

export const ScoreQuery = FilterQuery.refine(fromNotAfterTo, fromNotAfterToIssue);

const readAccess = requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE });
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

const scoresRoute = createRoute({
  method: "get",
  path: "/api/v1/scores",
  summary: "NPS, CSAT, value and cost indexes, value ratio",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: { query: ScoreQuery },
  responses: { 200: json("Scores", ScoresSchema), ...errorResponses(400, 401, 403) },
});

const trendRoute = createRoute({
  method: "get",
  path: "/api/v1/scores/trend",
  summary: "Scores and response count per UTC day, week or month",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: { query: FilterQuery.extend({ bucket: z.enum(["day", "week", "month"]).default("day") }).refine(fromNotAfterTo, fromNotAfterToIssue) },
  responses: { 200: json("Trend", TrendSchema), ...errorResponses(400, 401, 403) },
});

const breakdownRoute = createRoute({
  method: "get",
  path: "/api/v1/scores/breakdown",
  summary: "Scores per segment of one dimension",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: { query: FilterQuery.extend({ by: DIMENSION }).refine(fromNotAfterTo, fromNotAfterToIssue) },
  responses: { 200: json("Breakdown", BreakdownSchema), ...errorResponses(400, 401, 403) },
});

const compareRoute = createRoute({
  method: "get",
  path: "/api/v1/scores/compare",
  summary: "This period vs the previous one, or segment a vs segment b, with the difference and whether it exceeds the noise",
  description:
    "Without `by`: [from, to) against the period of the same length just before it (`from` and `to` required). " +
    "With `by`, `a` and `b`: segment a against segment b of that dimension within the same filters.",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: {
    query: FilterQuery.extend({ by: DIMENSION.optional(), a: z.string().min(1).optional(), b: z.string().min(1).optional() })
      .refine(fromNotAfterTo, fromNotAfterToIssue)
      .refine((q) => !q.by || (q.a !== undefined && q.b !== undefined), { message: "comparing segments needs `a` and `b`", path: ["a"] }),
  },
  responses: { 200: json("Comparison", ComparisonSchema), ...errorResponses(400, 401, 403) },
});

export function scoresRoutes(deps: Deps) {
  const reads = dashboardReads(deps);
  const flagged = <T>(result: T) => markLowSamples(result, deps.config.minSample);
  return router()
    .openapi(scoresRoute, async (c) => {
      const filter = await resolveFilter(deps, c.req.valid("query"));
      return c.json(flagged(await reads.scoreSummary(filter)), 200);
    })
    .openapi(trendRoute, async (c) => {
      const { bucket, ...filter } = await resolveFilter(deps, c.req.valid("query"));
      return c.json({ bucket, points: flagged(await reads.scoreTrend(filter, bucket)) }, 200);
    })
    .openapi(breakdownRoute, async (c) => {
      const { by, ...filter } = await resolveFilter(deps, c.req.valid("query"));
      return c.json({ by, segments: flagged(await reads.scoreBreakdown(filter, by)) }, 200);
    })
    .openapi(compareRoute, async (c) => {
      const { by, a, b, ...filter } = await resolveFilter(deps, c.req.valid("query"));
      return c.json(flagged(by ? await reads.compareSegments(filter, by, a!, b!) : await reads.comparePeriods(filter)), 200);
    });
}
