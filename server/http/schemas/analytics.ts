// Value analytics (GET /api/v1/analytics/*): value overview, at-risk customers, reliability, drivers, expectations,
// periods, segments, comment themes and aspects, the lexicon, automated clicks.
import { z } from "@hono/zod-openapi";
import { DRIVERS_REASONS, DROPPED_REASONS } from "../../domain/key-drivers";
import { COMMENT_MAX, LOCALES, SEGMENT_DIMENSIONS, TIERS, VALUE_ANSWER_KEYS, type ValueAnswerKey } from "../../domain/vocabulary";
import { IntervalSchema, lowSample } from "./scores";
import { CommentAspectSchema } from "./responses";

const AnalyticsNpsSchema = z.object({
  score: z.number().nullable(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  responses: z.number().int(),
  marginOfError: z.number().nullable(),
  interval: IntervalSchema,
  lowSample,
});
const expectationShares = { n: z.number().int(), worse: z.number(), as_expected: z.number(), better: z.number() };

const revenueByCurrency = z.record(z.string(), z.number()).openapi({ description: "Revenue of the last 12 months per currency (ISO 4217), minor units: currencies are never added together" });
const AtRiskCustomerSchema = z.object({
  customerId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  tier: z.enum(TIERS).openapi({ description: "Current tier: the tier of the customer's latest purchase in the last 12 months" }),
  latestScore: z.number().int(),
  revenue12m: z.number().openapi({ description: "In `currency`" }),
  revenueByCurrency,
});
export const ValueOverviewSchema = z.object({
  currency: z.string().nullable().openapi({ description: "Figures without a currency of their own (revenue12m, revenueWeightedNps, revenueAtRisk.total) are in this one, the most used; minor units" }),
  currencies: z.array(z.object({ currency: z.string(), total: z.number().openapi({ description: "Revenue at risk in this currency" }), customers: z.number().int().openapi({ description: "Customers at risk with revenue in this currency" }), revenueWeightedNps: z.number().nullable() })),
  nps: AnalyticsNpsSchema,
  revenueWeightedNps: z.number().nullable(),
  tiers: z.array(
    z.object({
      tier: z.enum(TIERS),
      customers: z.number().int().openapi({ description: "Customers whose latest purchase in the last 12 months was in this tier (current tier)" }),
      revenue12m: z.number(),
      revenueByCurrency,
      nps: AnalyticsNpsSchema.openapi({ description: "Answers given in this tier (the tier at the purchase answered about)" }),
    }),
  ),
  revenueAtRisk: z.object({
    total: z.number(),
    count: z.number().int().openapi({ description: "Customers at risk; `customers` lists the first 100" }),
    customers: z.array(AtRiskCustomerSchema),
    next: z.number().int().nullable().openapi({ description: "Offset of the rest (GET /api/v1/analytics/at-risk?offset=…); null when all are listed" }),
  }),
}).openapi("ValueOverview");
export type ValueOverview = z.infer<typeof ValueOverviewSchema>;

export const AtRiskPageSchema = z.object({
  currency: z.string().nullable(),
  count: z.number().int(),
  offset: z.number().int(),
  customers: z.array(AtRiskCustomerSchema),
  next: z.number().int().nullable(),
}).openapi("AtRiskPage");
export type AtRiskPage = z.infer<typeof AtRiskPageSchema>;

export const ReliabilitySchema = z.object({
  minN: z.number().int().openapi({ description: "α is given from this many answers (MIN_SAMPLE_SIZE)" }),
  floor: z.number().openapi({ description: "Below this α a scale is flagged" }),
  scales: z.array(
    z.object({
      scale: z.string().openapi({ description: "The value type or cost kind, named as its answer key" }),
      items: z.array(z.string()).openapi({ description: "The question keys of the scale (2 or more)" }),
      responses: z.number().int().openapi({ description: "Answers that gave every item" }),
      lowSample,
      alpha: z.number().nullable().openapi({ description: "Cronbach's α; null below minN answers" }),
      flagged: z.boolean().openapi({ description: "α under the floor: the items do not measure one thing" }),
    }),
  ),
}).openapi("Reliability");
export type Reliability = z.infer<typeof ReliabilitySchema>;

export const DriversSchema = z.object({
  n: z.number().int().openapi({ description: "The fewest answers any pair of the questions used (NPS included) has together" }),
  minN: z.number().int().openapi({ description: "Answers needed: perPredictor per question used" }),
  perPredictor: z.number().int(),
  r2: z.number().optional().openapi({ description: "Share of the NPS answer's variance the questions explain together" }),
  r2Low: z.number().optional(),
  r2High: z.number().optional(),
  draws: z.number().int().optional().openapi({ description: "Bootstrap draws behind the intervals" }),
  drivers: z
    .array(
      z.object({
        key: z.string(),
        weight: z.number().openapi({ description: "Shapley share of R² (relative importance)" }),
        low: z.number(),
        high: z.number(),
        share: z.number().openapi({ description: "weight ÷ R², percent" }),
        beta: z.number().openapi({ description: "Standardized coefficient in the full model" }),
        r: z.number(),
        n: z.number().int(),
      }),
    )
    .nullable(),
  dropped: z.array(z.object({ key: z.string(), reason: z.enum(DROPPED_REASONS), n: z.number().int(), of: z.array(z.string()).optional().openapi({ description: "A duplicate: the questions that predict it exactly" }) })),
  reason: z.string().optional(),
  reasonCode: z.enum(DRIVERS_REASONS).optional().openapi({ description: "Why nothing is estimated (with `reason`, in English)" }),
}).openapi("Drivers");
export type Drivers = z.infer<typeof DriversSchema>;

export const ExpectationsSchema = z.object({
  expectations: z.array(z.object({ valueType: z.string(), ...expectationShares, trend: z.array(z.object({ month: z.string(), ...expectationShares })) })),
  touchpoints: z.array(z.object({ touchpoint: z.string(), n: z.number().int(), mean: z.number().nullable(), trend: z.array(z.object({ month: z.string(), n: z.number().int(), mean: z.number().nullable() })) })),
}).openapi("Expectations");
export type Expectations = z.infer<typeof ExpectationsSchema>;

export const PeriodComparisonSchema = z.object({
  current: AnalyticsNpsSchema,
  previous: AnalyticsNpsSchema,
  test: z.string(),
  difference: z.object({ difference: z.number(), standardError: z.number(), z: z.number(), pValue: z.number(), significant: z.boolean() }).nullable(),
}).openapi("PeriodComparison");

export const SegmentsSchema = z
  .object({
    dimension: z.enum(SEGMENT_DIMENSIONS),
    test: z.string(),
    segments: z.array(
      z.object({
        segment: z.string(),
        nps: AnalyticsNpsSchema,
        rest: AnalyticsNpsSchema,
        difference: z
          .object({ difference: z.number(), standardError: z.number(), z: z.number(), pValue: z.number(), adjustedPValue: z.number().openapi({ description: "Holm-adjusted across the segments" }), significant: z.boolean().openapi({ description: "adjustedPValue < 0.05" }) })
          .nullable(),
      }),
    ),
  })
  .openapi("Segments");
export type Segments = z.infer<typeof SegmentsSchema>;

export const ThemesSchema = z.object({
  comments: z.number().int(),
  themes: z.array(
    z.object({
      phrase: z.string(),
      detractors: z.number().int(),
      promoters: z.number().int(),
      lift: z.number().openapi({ description: "% of detractors' comments − % of promoters' comments with this phrase" }),
      liftInterval: z.object({ low: z.number(), high: z.number() }).openapi({ description: "95 % interval of the lift (Newcombe's hybrid score interval); themes are ranked by how far the lift stands from zero in half-widths of it" }),
      target: z.string().nullable().openapi({ description: "The value type or cost kind the phrase is about (the lexicon, else the aspect reader)" }),
      commentIds: z.array(z.string()),
      comments: z.array(z.object({ id: z.string(), score: z.number().nullable(), comment: z.string() })),
    }),
  ),
}).openapi("Themes");
export type Themes = z.infer<typeof ThemesSchema>;

export const AspectsSchema = z.object({ aspects: z.array(CommentAspectSchema) }).openapi("CommentAspects", { example: { aspects: [{ aspect: "benefit_functional", polarity: "positive" }, { aspect: "cost_time", polarity: "negative" }] } });
export const AspectsRequestSchema = z.object({
  text: z.string().max(COMMENT_MAX).openapi({ example: "Đẹp nhưng giao chậm" }),
  locale: z.enum(LOCALES).optional().openapi({ description: "The comment's language; without it, told from the words" }),
});
export const LEXICON_TARGETS = VALUE_ANSWER_KEYS as [ValueAnswerKey, ...ValueAnswerKey[]];
export const LexiconSchema = z.record(z.string().trim().min(1).max(60), z.enum(LEXICON_TARGETS)).openapi({ example: { "giá": "cost_money", "giao hàng": "cost_time" } });
export type LexiconEntries = z.infer<typeof LexiconSchema>;
export const AutomatedClicksSchema = z
  .object({
    automatedClicks: z.number().int().openapi({ description: "Clicks on survey links set aside as automated (honeypot hits and scanner bursts)" }),
    scannedInvitations: z.number().int().openapi({ description: "Invitations whose links a mail scanner opened; they stay answerable" }),
  })
  .openapi("AutomatedClicks");
export type AutomatedClicks = z.infer<typeof AutomatedClicksSchema>;
