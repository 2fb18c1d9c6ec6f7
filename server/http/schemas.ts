// Response and shared request schemas of the public API: validate, document (OpenAPI) and type the web client.
import { z } from "@hono/zod-openapi";
import { TIERS } from "../domain/value-tiers";

export const VALUE_TYPES = ["functional", "social", "emotional", "monetary"] as const;
export const COST_KINDS = ["money", "time", "effort", "risk"] as const;
export const LOCALES = ["en", "vi"] as const;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_input" }),
      message: z.string(),
      details: z.unknown().optional(),
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

export const ScoresSchema = z
  .object({
    nps: z.object({
      score: z.number().nullable().openapi({ description: "% promoters − % detractors, −100…100; null with no answers" }),
      promoters: z.number().int(),
      passives: z.number().int(),
      detractors: z.number().int(),
      responses: z.number().int(),
      marginOfError: z.number().nullable().openapi({ description: "95% margin of error in NPS points; null below 2 answers" }),
    }),
    csat: z.object({
      score: z.number().nullable().openapi({ description: "% of CSAT answers that are 4 or 5" }),
      responses: z.number().int(),
    }),
    value: perType.openapi({ description: "Benefit index 0–100 per value type" }),
    costs: perKind.openapi({ description: "Cost index 0–100 per kind" }),
    ratio: z.number().nullable().openapi({ description: "Perceived benefit ÷ perceived cost (mean 1–5 agreement); > 1 means benefits outweigh costs" }),
  })
  .openapi("Scores");
export type Scores = z.infer<typeof ScoresSchema>;

export const ResponseItemSchema = z
  .object({
    id: z.string(),
    score: z.number().int().nullable(),
    csat: z.number().int().nullable(),
    comment: z.string().nullable(),
    customerEmail: z.string(),
    customerName: z.string().nullable(),
    orderId: z.string(),
    locale: z.string(),
    flagged: z.boolean(),
    answeredAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("ResponseItem");
export type ResponseItem = z.infer<typeof ResponseItemSchema>;

export const LiveEventSchema = z.object({ scores: ScoresSchema, response: ResponseItemSchema.nullable() });
export type LiveEvent = z.infer<typeof LiveEventSchema>;

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.enum(["admin", "marketer", "support", "viewer"]) })
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
  .openapi("DispatchResult", { description: "Invitations sent, failed for good, or skipped (unsubscribed)" });
export type DispatchResult = z.infer<typeof DispatchResultSchema>;

// ── Accounts, security and privacy ──
export const ROLES = ["admin", "marketer", "support", "viewer"] as const;

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
});
const expectationShares = { n: z.number().int(), worse: z.number(), as_expected: z.number(), better: z.number() };

export const ValueOverviewSchema = z.object({
  currency: z.string().nullable().openapi({ description: "Revenue figures are in this currency (the most used one), minor units" }),
  nps: AnalyticsNpsSchema,
  revenueWeightedNps: z.number().nullable(),
  tiers: z.array(z.object({ tier: z.enum(TIERS), customers: z.number().int(), revenue12m: z.number(), nps: AnalyticsNpsSchema })),
  revenueAtRisk: z.object({
    total: z.number(),
    customers: z.array(z.object({ customerId: z.string(), email: z.string(), name: z.string().nullable(), tier: z.enum(TIERS), latestScore: z.number().int(), revenue12m: z.number() })),
  }),
}).openapi("ValueOverview");
export type ValueOverview = z.infer<typeof ValueOverviewSchema>;

export const DriversSchema = z.object({
  n: z.number().int(),
  minN: z.number().int(),
  drivers: z.array(z.object({ key: z.string(), beta: z.number(), low: z.number(), high: z.number(), r: z.number() })).nullable(),
  dropped: z.array(z.string()).optional(),
  reason: z.string().optional(),
}).openapi("Drivers");
export type Drivers = z.infer<typeof DriversSchema>;

export const ExpectationsSchema = z.object({
  expectations: z.array(z.object({ valueType: z.string(), ...expectationShares, trend: z.array(z.object({ month: z.string(), ...expectationShares })) })),
  touchpoints: z.array(z.object({ touchpoint: z.string(), n: z.number().int(), mean: z.number().nullable(), trend: z.array(z.object({ month: z.string(), n: z.number().int(), mean: z.number().nullable() })) })),
}).openapi("Expectations");
export type Expectations = z.infer<typeof ExpectationsSchema>;

export const ComparisonSchema = z.object({
  current: AnalyticsNpsSchema,
  previous: AnalyticsNpsSchema,
  test: z.string(),
  difference: z.object({ difference: z.number(), standardError: z.number(), z: z.number(), significant: z.boolean() }).nullable(),
}).openapi("Comparison");

export const SegmentsSchema = z
  .object({
    dimension: z.enum(["tier", "channel", "locale", "template"]),
    test: z.string(),
    segments: z.array(
      z.object({
        segment: z.string(),
        nps: AnalyticsNpsSchema,
        rest: AnalyticsNpsSchema,
        difference: z.object({ difference: z.number(), standardError: z.number(), z: z.number(), significant: z.boolean() }).nullable(),
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
      target: z.string().nullable(),
      commentIds: z.array(z.string()),
      comments: z.array(z.object({ id: z.string(), score: z.number().nullable(), comment: z.string() })),
    }),
  ),
}).openapi("Themes");
export type Themes = z.infer<typeof ThemesSchema>;

export const LEXICON_TARGETS = ["benefit_functional", "benefit_social", "benefit_emotional", "benefit_monetary", "cost_money", "cost_time", "cost_effort", "cost_risk"] as const;
export const LexiconSchema = z.record(z.string().trim().min(1).max(60), z.enum(LEXICON_TARGETS)).openapi({ example: { "giá": "cost_money", "giao hàng": "cost_time" } });
export type LexiconEntries = z.infer<typeof LexiconSchema>;
export const AutomatedClicksSchema = z
  .object({
    automatedClicks: z.number().int().openapi({ description: "Clicks on survey links set aside as automated (honeypot hits and scanner bursts)" }),
    scannedInvitations: z.number().int().openapi({ description: "Invitations whose links a mail scanner opened; they stay answerable" }),
  })
  .openapi("AutomatedClicks");
export type AutomatedClicks = z.infer<typeof AutomatedClicksSchema>;
