// The filters every dashboard read accepts: dates (instants, or days in the business's time zone) and the dimensions.
import { z } from "@hono/zod-openapi";
import { epochMs, type Instant } from "../../domain/time";
import { LOCALES, TIERS, type Dimension } from "../../domain/vocabulary";

export type { Instant, LocalDay } from "../../domain/time";

/** Epoch ms, ISO 8601 date-time, or a date (YYYY-MM-DD, in TIMEZONE); `endOfDay` turns a date into the next midnight (an inclusive last day). */
export const instant = (endOfDay: boolean) =>
  z.iso
    .datetime({ offset: true })
    .transform((v): Instant => Date.parse(v))
    .or(z.iso.date().transform((day): Instant => ({ day, endOfDay })))
    .or(z.coerce.number().int().min(0));

const segmentValue = z.string().min(1).max(200);

/** One filter per dashboard dimension (the vocabulary's DIMENSIONS: a new one fails the typecheck here until it has its filter). */
const dimensionFilters = {
  template: segmentValue.optional().openapi({ description: "Template id" }),
  category: segmentValue.optional().openapi({ description: "Product category of the purchase's first categorised item; `-` for none" }),
  channel: segmentValue.optional().openapi({ description: "Sales channel; `-` for none" }),
  locale: z.enum(LOCALES).optional().openapi({ description: "Customer locale" }),
  tier: z.enum(TIERS).optional().openapi({ description: "Customer value tier (RFM, docs/ANALYTICS.md); read from the responses, not the rollups" }),
} satisfies Record<Dimension, z.ZodType>;

/** The filters every dashboard read accepts. */
export const FilterQuery = z.object({
  from: instant(false).optional().openapi({ description: "Answered at or after: epoch ms, ISO 8601, or a date YYYY-MM-DD (midnight in the server's TIMEZONE, UTC by default)" }),
  to: instant(true).optional().openapi({ description: "Answered before: epoch ms or ISO 8601; a date YYYY-MM-DD includes that whole day (in TIMEZONE)" }),
  ...dimensionFilters,
});
// Dates compare in UTC here (the zone is not known yet): a date against an instant is judged within a day.
export const fromNotAfterTo = (q: { from?: Instant; to?: Instant }) => q.from === undefined || q.to === undefined || epochMs(q.from, 0) <= epochMs(q.to, 0);
export const fromNotAfterToIssue = { message: "must not be after `to`", path: ["from"] };
