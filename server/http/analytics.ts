// GET /api/v1/analytics/*: value tiers and revenue at risk, key drivers, expectation gaps and touchpoints, comment themes, period comparison; the theme lexicon.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { markLowSamples } from "../domain/low-sample";
import { commentAspects } from "../domain/comment-aspects";
import { TIERS } from "../domain/value-tiers";
import { dashboardReads } from "../services/dashboard-reads";
import { lexicon, saveLexicon } from "../services/value-analytics";
import { router } from "./app-env";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { resolveDates } from "./query-filter";
import { LOCALES, ROLES_WHO_MAY, SEGMENT_DIMENSIONS } from "../domain/vocabulary";
import { AspectsRequestSchema, AspectsSchema, AtRiskPageSchema, DriversSchema, ReliabilitySchema, ExpectationsSchema, LexiconSchema, PeriodComparisonSchema, SegmentsSchema, ThemesSchema, ValueOverviewSchema } from "./schemas/analytics";
import { fromNotAfterTo, fromNotAfterToIssue, instant, type Instant } from "./schemas/filters";

const AnalyticsFields = z.object({
  from: instant(false).optional().openapi({ description: "Answered at or after: epoch ms, ISO 8601, or a date YYYY-MM-DD (midnight in TIMEZONE)" }),
  to: instant(true).optional().openapi({ description: "Answered before: epoch ms or ISO 8601; a date YYYY-MM-DD includes that whole day (in TIMEZONE)" }),
  templateId: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  locale: z.enum(LOCALES).optional(),
  tier: z.enum(TIERS).optional().openapi({ description: "Customer value tier (RFM), see docs/ANALYTICS.md" }),
});
const AnalyticsQuery = AnalyticsFields.refine(fromNotAfterTo, fromNotAfterToIssue);

const read = requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE });
const edit = requireAuth({ scopes: ["full"], roles: ROLES_WHO_MAY.editTemplates });
/** Trying a comment against the lexicon is the lexicon editors' tool; keys that may read may too. */
const tryComment = requireAuth({ scopes: ["read", "full"], roles: ROLES_WHO_MAY.editTemplates });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ 200: { description, content: { "application/json": { schema } } }, ...errorResponses(400, 401, 403) });

/** A filtered analytics read: GET, any reader, one JSON answer. */
const readRoute = <N extends string, Q extends z.ZodObject, S extends z.ZodType>(name: N, summary: string, query: Q, schema: S, description: string) =>
  createRoute({ method: "get", path: `/api/v1/analytics/${name}` as const, summary, middleware: [read] as const, request: { query }, responses: json(schema, description) });

const overviewRoute = readRoute("overview", "NPS per customer value tier, revenue-weighted NPS, revenue at risk and the customers behind it", AnalyticsQuery, ValueOverviewSchema, "Value overview");
const atRiskRoute = readRoute(
  "at-risk",
  "Revenue at risk, page by page: customers whose latest answer is a detractor's, largest revenue first",
  AnalyticsFields.extend({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }).refine(fromNotAfterTo, fromNotAfterToIssue),
  AtRiskPageSchema,
  "One page of at-risk customers; `next` is the offset of the following page (null at the end)",
);
const reliabilityRoute = readRoute(
  "reliability",
  "Cronbach's α of each value type or cost kind a template asks with 2 or more items; flagged under 0.7",
  AnalyticsQuery,
  ReliabilitySchema,
  "Scales with their α (null below the minimum number of answers)",
);
const driversRoute = readRoute(
  "drivers",
  "Key drivers: each benefit and cost answer's share of the NPS answer's explained variance (Shapley decomposition of R²), with intervals",
  AnalyticsQuery,
  DriversSchema,
  "Drivers, strongest first; null below the minimum number of complete answers",
);
const expectationsRoute = readRoute("expectations", "Expectation gap per value type and journey touchpoint ratings, overall and per month", AnalyticsQuery, ExpectationsSchema, "Expectations and touchpoints");
const compareRoute = readRoute(
  "compare",
  "NPS of a period against the period of the same length before it, with a significance test",
  AnalyticsQuery.refine((q) => q.from !== undefined && q.to !== undefined, { message: "from and to are required", path: ["from"] }),
  PeriodComparisonSchema,
  "Comparison",
);
const segmentsRoute = readRoute(
  "segments",
  "NPS of each segment (tier, channel, locale or template) against everyone else, with a significance test",
  AnalyticsFields.extend({ dimension: z.enum(SEGMENT_DIMENSIONS).default("tier") }).refine(fromNotAfterTo, fromNotAfterToIssue),
  SegmentsSchema,
  "Segments, largest first",
);
const themesRoute = readRoute("themes", "Comment themes: phrases detractors use more than promoters (and the reverse), linked to value types", AnalyticsQuery, ThemesSchema, "Themes");

const getLexiconRoute = createRoute({
  method: "get",
  path: "/api/v1/analytics/lexicon",
  summary: "The theme lexicon: phrase → value type or cost kind",
  middleware: [read] as const,
  responses: json(z.object({ lexicon: LexiconSchema }), "Lexicon"),
});

const putLexiconRoute = createRoute({
  method: "put",
  path: "/api/v1/analytics/lexicon",
  summary: "Replace the theme lexicon (admins and marketers)",
  middleware: [edit] as const,
  request: { body: { required: true, content: { "application/json": { schema: z.object({ lexicon: LexiconSchema }) } } } },
  responses: json(z.object({ lexicon: LexiconSchema }), "Saved lexicon (phrases in lower case, tone marks kept)"),
});

const aspectsRoute = createRoute({
  method: "post",
  path: "/api/v1/analytics/aspects",
  summary: "The value types and cost kinds a comment speaks of, each positive or negative (the same `aspects` each response carries)",
  description: "Tone marks are kept when the comment has them (giá ≠ giả); a comment typed without them is matched without them. Negation, contrast and punctuation bound each phrase. See docs/ANALYTICS.md.",
  middleware: [tryComment] as const,
  request: { body: { required: true, content: { "application/json": { schema: AspectsRequestSchema } } } },
  responses: json(AspectsSchema, "Aspects, in the order of the answer keys"),
});

export function analyticsRoutes(deps: Deps) {
  const dates = <Q extends { from?: Instant; to?: Instant }>(q: Q) => resolveDates(deps, q);
  const reads = dashboardReads(deps);
  const flagged = <T>(result: T) => markLowSamples(result, deps.config.minSample);
  return router()
    .openapi(overviewRoute, async (c) => c.json(flagged(await reads.valueOverview(dates(c.req.valid("query")))), 200))
    .openapi(atRiskRoute, async (c) => {
      const { offset, limit, ...filter } = dates(c.req.valid("query"));
      return c.json(await reads.atRiskPage(filter, { offset, limit }), 200);
    })
    .openapi(reliabilityRoute, async (c) => c.json(flagged(await reads.scaleReliability(dates(c.req.valid("query")))), 200))
    .openapi(driversRoute, async (c) => c.json(await reads.valueDrivers(dates(c.req.valid("query"))), 200))
    .openapi(expectationsRoute, async (c) => c.json(await reads.expectationsAndTouchpoints(dates(c.req.valid("query"))), 200))
    .openapi(compareRoute, async (c) => {
      const q = dates(c.req.valid("query"));
      return c.json(flagged(await reads.periodComparison({ ...q, from: q.from!, to: q.to! })), 200);
    })
    .openapi(segmentsRoute, async (c) => {
      const { dimension, ...filter } = dates(c.req.valid("query"));
      return c.json(flagged(await reads.segmentComparison(filter, dimension)), 200);
    })
    .openapi(themesRoute, async (c) => c.json(await reads.themes(dates(c.req.valid("query"))), 200))
    .openapi(aspectsRoute, (c) => {
      const { text, locale } = c.req.valid("json");
      return c.json({ aspects: commentAspects(text, locale) }, 200);
    })
    .openapi(getLexiconRoute, async (c) => c.json({ lexicon: await lexicon(deps) }, 200))
    .openapi(putLexiconRoute, async (c) => c.json({ lexicon: await saveLexicon(deps, c.req.valid("json").lexicon) }, 200));
}
