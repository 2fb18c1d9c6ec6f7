// Delivery (issue 7): what was sent (dispatch, dev mailbox), the suppression list, status per invitation, rates per template.
import { z } from "@hono/zod-openapi";
import { DELIVERY_STATES, INVITATION_STATUSES, SUPPRESSION_REASONS } from "../../domain/vocabulary";

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

export const SuppressionSchema = z
  .object({
    email: z.string(),
    reason: z.enum(SUPPRESSION_REASONS),
    detail: z.string().nullable().openapi({ description: "The provider's bounce message, or the admin's note" }),
    eventId: z.string().nullable().openapi({ description: "The provider event (svix-id) that added it" }),
    createdBy: z.string().nullable().openapi({ description: "Who added it by hand: user:<id> or key:<id>" }),
    createdAt: z.number().int(),
  })
  .openapi("Suppression");
export type Suppression = z.infer<typeof SuppressionSchema>;

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
