// Response and shared request schemas of the public API: validate, document (OpenAPI) and type the web client.
import { CASE_STATUSES } from "../domain/cases";
import { z } from "@hono/zod-openapi";
import { TIERS } from "../domain/value-tiers";
import { ASPECT_KEYS } from "../domain/comment-aspects";
import { DAY_MS } from "../domain/time";
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from "../errors";
import { COST_KINDS, LOCALES, ROLES, VALUE_ANSWER_KEYS, VALUE_TYPES, type ValueAnswerKey } from "../domain/vocabulary";

export { COST_KINDS, LOCALES, ROLES, VALUE_TYPES } from "../domain/vocabulary";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]).openapi({
        example: "invalid_input",
        description: `What went wrong, for a program; its HTTP status is fixed: ${ERROR_CODES.map((c) => `${c} ${ERROR_STATUS[c]}`).join(", ")}`,
      }),
      message: z.string().openapi({ description: "What went wrong, for a person (English)" }),
      details: z.unknown().optional().openapi({ description: "For invalid_input: the failing fields; for a 429: retryAfterSeconds" }),
      requestId: z.string().optional().openapi({ description: "The request's id, as in the server's log line (X-Request-Id)" }),
    }),
  })
  .openapi("Error");

const perType = z.object({
  functional: z.number().nullable(),
  social: z.number().nullable(),
  emotional: z.number().nullable(),
  monetary: z.number().nullable(),
});
const perKind = z.object({
  money: z.number().nullable(),
  time: z.number().nullable(),
  effort: z.number().nullable(),
  risk: z.number().nullable(),
});

/** A 95% interval in the figure's points; null without answers. */
export const IntervalSchema = z.object({ low: z.number(), high: z.number() }).nullable();
/** Set on every figure that counts its answers: true below MIN_SAMPLE_SIZE (default 30), when it is not a finding. */
const lowSample = z.boolean().optional().openapi({ description: "true when `responses` is below the minimum n (MIN_SAMPLE_SIZE, default 30): show \"too few answers\", not a headline" });

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
  })
  .openapi("Scores");
export type Scores = z.infer<typeof ScoresSchema>;

export const CommentAspectSchema = z
  .object({
    aspect: z.enum(ASPECT_KEYS).openapi({ description: "A benefit value type or a cost kind, named as the answer keys" }),
    polarity: z.enum(["positive", "negative"]).openapi({ description: "From the customer's side: a benefit got or a light cost (positive), a benefit missing or a cost that weighed (negative)" }),
  })
  .openapi("CommentAspect");

export const ResponseItemSchema = z
  .object({
    id: z.string(),
    score: z.number().int().nullable(),
    csat: z.number().int().nullable(),
    benefitFunctional: z.number().int().nullable(),
    benefitSocial: z.number().int().nullable(),
    benefitEmotional: z.number().int().nullable(),
    benefitMonetary: z.number().int().nullable(),
    costMoney: z.number().int().nullable(),
    costTime: z.number().int().nullable(),
    costEffort: z.number().int().nullable(),
    costRisk: z.number().int().nullable(),
    comment: z.string().nullable(),
    customerEmail: z.string(),
    customerName: z.string().nullable(),
    orderId: z.string(),
    templateId: z.string(),
    locale: z.string(),
    channel: z.string().nullable(),
    category: z.string().nullable(),
    flagged: z.boolean(),
    answeredAt: z.number().int(),
    updatedAt: z.number().int(),
    status: z.enum(CASE_STATUSES).openapi({
      description:
        "Where the response stands as a support case: none (no case: not a detractor, no alert, nobody opened one), open (a new case; detractors 0–6 and alert matches open one by themselves), in_progress, closed (resolved). `none` is new: a client written before it should treat it as no case.",
    }),
    assigneeId: z.string().nullable(),
    assigneeEmail: z.string().nullable(),
    closedAt: z.number().int().nullable(),
    timeToCloseMs: z.number().int().nullable().openapi({ description: "closedAt − answeredAt; null while not closed" }),
    aspects: z.array(CommentAspectSchema).openapi({ description: "What the comment speaks of (see POST /api/v1/analytics/aspects); [] without a comment" }),
  })
  .openapi("ResponseItem");
export type ResponseItem = z.infer<typeof ResponseItemSchema>;

export const LiveEventSchema = z.object({ type: z.literal("scores"), scores: ScoresSchema, response: ResponseItemSchema.nullable() });
export type LiveEvent = z.infer<typeof LiveEventSchema>;

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.enum(ROLES) })
  .openapi("User");
export type User = z.infer<typeof UserSchema>;

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "First characters of the key, to recognise it" }),
    scope: z.enum(["ingest", "read", "full"]),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
  })
  .openapi("ApiKey");
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const MailboxEmailSchema = z
  .object({
    id: z.string(),
    from: z.string(),
    to: z.string(),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    headers: z.record(z.string(), z.string()),
    createdAt: z.number().int(),
  })
  .openapi("MailboxEmail");
export type MailboxEmail = z.infer<typeof MailboxEmailSchema>;

export const DispatchResultSchema = z
  .object({ sent: z.number().int(), failed: z.number().int(), skipped: z.number().int() })
  .openapi("DispatchResult", { description: "Emails (invitations and reminders) sent, failed for good, or skipped at send time (unsubscribed, suppressed, throttled, answered, closed)" });
export type DispatchResult = z.infer<typeof DispatchResultSchema>;

// ── Accounts, security and privacy ──

export const UserRecordSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    status: z.enum(["active", "invited", "deactivated"]).openapi({ description: "invited: has not set a password yet" }),
    createdAt: z.number().int(),
    deactivatedAt: z.number().int().nullable(),
  })
  .openapi("UserRecord");
export type UserRecord = z.infer<typeof UserRecordSchema>;

export const SessionInfoSchema = z
  .object({
    id: z.string(),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    userAgent: z.string().nullable(),
    current: z.boolean().openapi({ description: "The session making this request" }),
  })
  .openapi("Session");
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.number().int(),
    actorKind: z.enum(["user", "apiKey", "system"]),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string().openapi({ example: "user.update" }),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    address: z.string().nullable().openapi({ description: "The client address the action came from (behind a trusted proxy, the client it names: TRUST_PROXY)" }),
  })
  .openapi("AuditEntry");
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const RetentionSchema = z
  .object({
    months: z.number().int().min(1).max(120).nullable().openapi({ description: "Delete comments and personal data after this many months; null keeps them" }),
    lastRunAt: z.number().int().nullable(),
  })
  .openapi("Retention");
export type Retention = z.infer<typeof RetentionSchema>;

export const EraseResultSchema = z
  .object({ purchases: z.number().int(), responses: z.number().int(), emails: z.number().int() })
  .openapi("EraseResult", { description: "How many records of each kind were erased" });
export type EraseResult = z.infer<typeof EraseResultSchema>;
// Value analytics (GET /api/v1/analytics/*).
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
  dropped: z.array(z.object({ key: z.string(), reason: z.enum(["too_few", "constant", "duplicate"]), n: z.number().int(), of: z.array(z.string()).optional().openapi({ description: "A duplicate: the questions that predict it exactly" }) })),
  reason: z.string().optional(),
  reasonCode: z.enum(["no_answers", "constant_score", "no_variation", "too_few"]).optional().openapi({ description: "Why nothing is estimated (with `reason`, in English)" }),
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
    dimension: z.enum(["tier", "channel", "locale", "template"]),
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
  text: z.string().max(2000).openapi({ example: "Đẹp nhưng giao chậm" }),
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
// Delivery (issue 7): suppression list, status per invitation, rates per template.
export const SuppressionSchema = z
  .object({
    email: z.string(),
    reason: z.enum(["hard_bounce", "complaint", "manual"]),
    detail: z.string().nullable().openapi({ description: "The provider's bounce message, or the admin's note" }),
    eventId: z.string().nullable().openapi({ description: "The provider event (svix-id) that added it" }),
    createdBy: z.string().nullable().openapi({ description: "Who added it by hand: user:<id> or key:<id>" }),
    createdAt: z.number().int(),
  })
  .openapi("Suppression");
export type Suppression = z.infer<typeof SuppressionSchema>;

export const DELIVERY_STATES = ["sent", "delivery_delayed", "delivered", "bounced", "complained"] as const;
export const INVITATION_STATUSES = ["scheduled", "sending", "sent", "skipped", "failed"] as const;
/** Why an invitation was skipped at send time: its `reason` then is one of these (the dashboard words each). */
export type { SkipReason } from "../domain/send-time-rules";

export const InvitationDeliverySchema = z
  .object({
    id: z.string(),
    email: z.string(),
    templateId: z.string(),
    templateName: z.string().nullable(),
    status: z.enum(INVITATION_STATUSES),
    reason: z.string().nullable().openapi({ description: "Why it was skipped or failed, or the last temporary error while retrying" }),
    attempts: z.number().int(),
    dueAt: z.number().int(),
    sentAt: z.number().int().nullable(),
    delivery: z.enum(DELIVERY_STATES).nullable().openapi({ description: "Furthest state the provider reported (webhook events)" }),
    deliveryDetail: z.string().nullable(),
    reminder: z
      .object({ status: z.string(), dueAt: z.number().int(), sentAt: z.number().int().nullable(), reason: z.string().nullable() })
      .nullable(),
  })
  .openapi("InvitationDelivery");
export type InvitationDelivery = z.infer<typeof InvitationDeliverySchema>;

const rate = z.number().nullable();
export const TemplateDeliveryRatesSchema = z
  .object({
    templateId: z.string(),
    templateName: z.string().nullable(),
    scheduled: z.number().int(),
    sending: z.number().int(),
    sent: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    remindersSent: z.number().int(),
    delivered: z.number().int(),
    delayed: z.number().int(),
    bounced: z.number().int(),
    complained: z.number().int(),
    deliveryRate: rate.openapi({ description: "delivered ÷ sent, 0–1; null until the provider reported any event" }),
    bounceRate: rate.openapi({ description: "bounced ÷ sent, 0–1" }),
    complaintRate: rate.openapi({ description: "complained ÷ sent, 0–1" }),
    reached: z.number().int().openapi({ description: "Invitations sent that did not bounce: the response rate's n" }),
    answered: z.number().int().openapi({ description: "Invitations sent and answered (any question)" }),
    responseRate: rate.openapi({ description: "answered ÷ reached, 0–1 (the response rate); null before any invitation reached anyone" }),
  })
  .openapi("TemplateDeliveryRates");
export type TemplateDeliveryRates = z.infer<typeof TemplateDeliveryRatesSchema>;
// ——— The dashboard: filters, trend, breakdown, comparison, feed, closed loop, alerts ———

/** A date (YYYY-MM-DD): a day in the business's time zone (TIMEZONE), which parsing does not know; resolveDates makes it an instant. */
export type LocalDay = { day: string; endOfDay: boolean };
export type Instant = number | LocalDay;

/** Epoch ms, ISO 8601 date-time, or a date (YYYY-MM-DD, in TIMEZONE); `endOfDay` turns a date into the next midnight (an inclusive last day). */
export const instant = (endOfDay: boolean) =>
  z.iso
    .datetime({ offset: true })
    .transform((v): Instant => Date.parse(v))
    .or(z.iso.date().transform((day): Instant => ({ day, endOfDay })))
    .or(z.coerce.number().int().min(0));

/** The epoch ms of an Instant, dates taken in a zone `utcOffsetMs` ahead of UTC. */
export const epochMs = (v: Instant, utcOffsetMs: number) => (typeof v === "number" ? v : Date.parse(`${v.day}T00:00:00Z`) - utcOffsetMs + (v.endOfDay ? DAY_MS : 0));

const segmentValue = z.string().min(1).max(200);

/** The filters every dashboard read accepts. */
export const FilterQuery = z.object({
  from: instant(false).optional().openapi({ description: "Answered at or after: epoch ms, ISO 8601, or a date YYYY-MM-DD (midnight in the server's TIMEZONE, UTC by default)" }),
  to: instant(true).optional().openapi({ description: "Answered before: epoch ms or ISO 8601; a date YYYY-MM-DD includes that whole day (in TIMEZONE)" }),
  template: segmentValue.optional().openapi({ description: "Template id" }),
  category: segmentValue.optional().openapi({ description: "Product category of the purchase's first categorised item; `-` for none" }),
  channel: segmentValue.optional().openapi({ description: "Sales channel; `-` for none" }),
  locale: z.enum(LOCALES).optional().openapi({ description: "Customer locale" }),
  tier: z.enum(TIERS).optional().openapi({ description: "Customer value tier (RFM, docs/ANALYTICS.md); read from the responses, not the rollups" }),
});
// Dates compare in UTC here (the zone is not known yet): a date against an instant is judged within a day.
export const fromNotAfterTo = (q: { from?: Instant; to?: Instant }) => q.from === undefined || q.to === undefined || epochMs(q.from, 0) <= epochMs(q.to, 0);
export const fromNotAfterToIssue = { message: "must not be after `to`", path: ["from"] };

export const DIMENSION = z.enum(["template", "channel", "locale", "category"]);

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
    }),
  })
  .openapi("Comparison");
export type Comparison = z.infer<typeof ComparisonSchema>;

export const FeedSchema = z.object({ responses: z.array(ResponseItemSchema), next: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page" }) }).openapi("Feed");
export type Feed = z.infer<typeof FeedSchema>;

export const NoteSchema = z
  .object({ id: z.string(), kind: z.enum(["note", "reply"]), body: z.string(), authorEmail: z.string().nullable(), createdAt: z.number().int() })
  .openapi("Note");
export type Note = z.infer<typeof NoteSchema>;

export const ResponseDetailSchema = z
  .object({
    response: ResponseItemSchema,
    notes: z.array(NoteSchema),
    alerts: z.array(z.object({ id: z.string(), ruleName: z.string(), createdAt: z.number().int(), emailedAt: z.number().int().nullable() })),
  })
  .openapi("ResponseDetail");
export type ResponseDetail = z.infer<typeof ResponseDetailSchema>;

export const AssigneeSchema = z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.string() }).openapi("Assignee");
export type Assignee = z.infer<typeof AssigneeSchema>;

export const AlertRuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    maxScore: z.number().int().nullable().openapi({ description: "Raise when the NPS answer is at most this" }),
    keyword: z.string().nullable().openapi({ description: "Raise when the comment contains this (case-insensitive)" }),
    recipients: z.array(z.string()).openapi({ description: "Leads emailed for each alert" }),
    locale: z.enum(LOCALES),
    active: z.boolean(),
    createdAt: z.number().int(),
  })
  .openapi("AlertRule");
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const AlertSchema = z
  .object({ id: z.string(), ruleId: z.string(), ruleName: z.string(), createdAt: z.number().int(), emailedAt: z.number().int().nullable(), response: ResponseItemSchema })
  .openapi("Alert");
export type Alert = z.infer<typeof AlertSchema>;
// Imports and outgoing webhooks (issue 8).
export * from "./integration-schemas";
