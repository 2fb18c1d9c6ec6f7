// The scores (GET /api/v1/scores/*): NPS, CSAT, value and cost indexes with their intervals and low-sample flag, over
// time (trend), per dimension (breakdown) and side by side (comparison).
import { z } from "@hono/zod-openapi";
import { BREAKDOWN_DIMENSIONS, COST_KINDS, VALUE_TYPES } from "../../domain/vocabulary";

/** One nullable index per key of the vocabulary (value types, cost kinds), in its order. */
const indexPer = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().nullable()])) as Record<K, z.ZodNullable<z.ZodNumber>>);
const perType = indexPer(VALUE_TYPES);
const perKind = indexPer(COST_KINDS);

/** A 95% interval in the figure's points; null without answers. */
export const IntervalSchema = z.object({ low: z.number(), high: z.number() }).nullable();
/** Set on every figure that counts its answers: true below MIN_SAMPLE_SIZE (default 30), when it is not a finding. */
export const lowSample = z.boolean().optional().openapi({ description: "true when `responses` is below the minimum n (MIN_SAMPLE_SIZE, default 30): show \"too few answers\", not a headline" });

/** An index (0–100) with its answers and 95% t interval, per key of the vocabulary. */
const IndexFigureSchema = z.object({ index: z.number().nullable(), responses: z.number().int(), interval: IntervalSchema, lowSample });
const figurePer = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, IndexFigureSchema])) as Record<K, typeof IndexFigureSchema>);

export const ScoresSchema = z
  .object({
    nps: z.object({
      score: z.number().nullable().openapi({ description: "% promoters − % detractors, −100…100; null with no answers" }),
      promoters: z.number().int(),
      passives: z.number().int(),
      detractors: z.number().int(),
      responses: z.number().int(),
      marginOfError: z.number().nullable().openapi({ description: "95% margin of error in NPS points; null below 2 answers" }),
      interval: IntervalSchema.openapi({ description: "Adjusted-Wald 95% interval (Rocks 2016): honest at small n, where the margin of error is not" }),
      lowSample,
    }),
    csat: z.object({
      score: z.number().nullable().openapi({ description: "% of CSAT answers that are 4 or 5" }),
      responses: z.number().int(),
      interval: IntervalSchema.openapi({ description: "Wilson 95% interval of the % satisfied" }),
      lowSample,
    }),
    value: perType.openapi({ description: "Benefit index 0–100 per value type" }),
    costs: perKind.openapi({ description: "Cost index 0–100 per kind" }),
    ratio: z.number().nullable().openapi({ description: "Perceived benefit ÷ perceived cost (mean 1–5 agreement); > 1 means benefits outweigh costs" }),
    valueIndexes: figurePer(VALUE_TYPES).openapi({ description: "Each value type's index (as `value`) with its answers and 95% t interval" }),
    costIndexes: figurePer(COST_KINDS).openapi({ description: "Each cost kind's index (as `costs`) with its answers and 95% t interval" }),
    valueRatio: z
      .object({
        ratio: z.number().nullable().openapi({ description: "As `ratio`" }),
        responses: z.number().int().openapi({ description: "The fewest answers of any value type or cost kind in it" }),
        interval: IntervalSchema.openapi({ description: "95% interval by the delta method (docs/ANALYTICS.md); both sides are 1–5 means with no true zero: compare ratios with each other, not with 0" }),
        lowSample,
      })
      .openapi({ description: "The value ratio with its n and interval" }),
    netValue: z
      .object({
        value: z.number().nullable().openapi({ description: "Benefit index − cost index (mean of the value types' indexes − mean of the cost kinds'), −100…100 points; > 0 means benefits outweigh costs" }),
        responses: z.number().int().openapi({ description: "The fewest answers of any value type or cost kind in it" }),
        interval: IntervalSchema.openapi({ description: "95% t interval from the answers' variances and covariances" }),
        lowSample,
      })
      .openapi({ description: "Net value: benefit index − cost index" }),
  })
  .openapi("Scores");
export type Scores = z.infer<typeof ScoresSchema>;

export const DIMENSION = z.enum(BREAKDOWN_DIMENSIONS);

export const TrendSchema = z
  .object({
    bucket: z.enum(["day", "week", "month"]),
    points: z.array(
      z.object({
        start: z.number().int().openapi({ description: "Bucket start, epoch ms (midnight in TIMEZONE; weeks start on Monday)" }),
        responses: z.number().int().openapi({ description: "Responses answered in the bucket" }),
        lowSample,
        scores: ScoresSchema,
      }),
    ),
  })
  .openapi("Trend");
export type Trend = z.infer<typeof TrendSchema>;

export const BreakdownSchema = z
  .object({
    by: DIMENSION,
    segments: z.array(
      z.object({
        key: z.string().openapi({ description: "The value to filter by; `-` for none" }),
        label: z.string().openapi({ description: "What to show: the template's name for templates, `(none)` for `-`" }),
        responses: z.number().int(),
        lowSample,
        scores: ScoresSchema,
      }),
    ),
  })
  .openapi("Breakdown");
export type Breakdown = z.infer<typeof BreakdownSchema>;

const DifferenceSchema = z.object({
  difference: z.number().nullable().openapi({ description: "a − b in points" }),
  marginOfError: z.number().nullable().openapi({ description: "95% margin of error of the difference" }),
  significant: z.boolean().nullable().openapi({ description: "|difference| > marginOfError: larger than the noise" }),
});
const SideSchema = z.object({ label: z.string(), filter: z.record(z.string(), z.union([z.string(), z.number()])), responses: z.number().int(), lowSample, scores: ScoresSchema });
export const ComparisonSchema = z
  .object({
    a: SideSchema,
    b: SideSchema,
    difference: z.object({
      nps: DifferenceSchema,
      csat: DifferenceSchema,
      value: z.record(z.string(), z.number().nullable()),
      costs: z.record(z.string(), z.number().nullable()),
      ratio: z.number().nullable(),
      netValue: z.number().nullable().openapi({ description: "a − b of net value, in index points" }),
    }),
  })
  .openapi("Comparison");
export type Comparison = z.infer<typeof ComparisonSchema>;
