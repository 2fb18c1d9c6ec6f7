// Schemas of the integration resources (imports, outgoing webhooks): validate, document and type the dashboard.
import { z } from "@hono/zod-openapi";
import { IMPORT_KINDS, IMPORT_STATUSES, WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS } from "../../domain/vocabulary";

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

export const ImportErrorSchema = z.object({ line: z.number().int().openapi({ description: "Line of the file where the row starts (the header is line 1); in a Delighted JSON file, the element's position in the array (1 = the first)" }), field: z.string(), reason: z.string() }).openapi("ImportError");
export type ImportError = z.infer<typeof ImportErrorSchema>;

export const ImportSchema = z
  .object({
    id: z.string(),
    kind: z.enum(IMPORT_KINDS).openapi({ description: "purchases (CSV), or a Delighted export: `delighted` until its file is read, then `delighted-responses`, `-people`, `-unsubscribes` or `-bounces`" }),
    status: z.enum(IMPORT_STATUSES),
    fileName: z.string().nullable(),
    bytesTotal: z.number().int().nullable().openapi({ description: "Size of the upload when the client sent Content-Length" }),
    bytesRead: z.number().int(),
    rowsProcessed: z.number().int(),
    imported: z.number().int().openapi({ description: "Rows recorded: new purchases; in a Delighted import, new or changed responses, people, unsubscribes and bounces" }),
    unchanged: z.number().int().openapi({ description: "Rows already recorded with the same content (order id; Delighted response id or email)" }),
    failed: z.number().int().openapi({ description: "Rows refused; see errors" }),
    error: z.string().nullable().openapi({ description: "Why the import stopped early, if it did" }),
    createdAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
    errors: z.array(ImportErrorSchema).openapi({ description: "Bad rows in file order (up to `errorsLimit`)" }),
  })
  .openapi("Import");
export type Import = z.infer<typeof ImportSchema>;

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(WebhookEventTypeSchema),
    format: z.enum(WEBHOOK_FORMATS).openapi({ description: "standard: the event as JSON (Standard Webhooks); slack: a Slack incoming-webhook message" }),
    secretVersion: z.number().int(),
    createdAt: z.number().int(),
    disabledAt: z.number().int().nullable(),
  })
  .openapi("WebhookEndpoint");
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const WebhookDeliverySchema = z
  .object({
    id: z.string().openapi({ description: "The webhook-id header; the same on every retry" }),
    eventType: WebhookEventTypeSchema,
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.number().int().nullable(),
    createdAt: z.number().int(),
    payload: z.unknown(),
    log: z.array(z.object({ attempt: z.number().int(), at: z.number().int(), statusCode: z.number().int().nullable(), error: z.string().nullable() })),
  })
  .openapi("WebhookDelivery");
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
