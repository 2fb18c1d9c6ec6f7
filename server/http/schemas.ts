// Response and shared request schemas of the public API: validate, document (OpenAPI) and type the web client.
import { z } from "@hono/zod-openapi";

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
  .openapi("DispatchResult", { description: "Emails (invitations and reminders) sent, failed for good, or skipped at send time (unsubscribed, suppressed, throttled, answered, closed)" });
export type DispatchResult = z.infer<typeof DispatchResultSchema>;

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
  })
  .openapi("TemplateDeliveryRates");
export type TemplateDeliveryRates = z.infer<typeof TemplateDeliveryRatesSchema>;
