// POST /api/v1/purchases: record a purchase (idempotent on id) and schedule its survey invitations.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { recordPurchase } from "../services/record-purchase";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { errorResponses } from "./openapi";

/** ISO 8601 with offset, or epoch milliseconds → epoch ms. */
const instant = z
  .union([z.iso.datetime({ offset: true }), z.number().int().min(0)])
  .transform((v) => (typeof v === "number" ? v : Date.parse(v)))
  .openapi({ description: "ISO 8601 date-time with offset, or epoch milliseconds", example: "2026-11-20T10:00:00Z" });

const PurchaseBody = z
  .object({
    id: z.string().trim().min(1).max(200).openapi({ description: "Your order id; the request is idempotent on it", example: "order-1001" }),
    customer: z.object({
      email: z.email().max(320),
      name: z.string().trim().min(1).max(200).optional(),
      locale: z.string().max(35).optional().openapi({ description: "BCP 47, e.g. vi or vi-VN; unsupported locales fall back to en" }),
    }),
    amount: z.number().int().min(0).openapi({ description: "Integer minor units of the currency (VND has none)", example: 125000 }),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as VND or USD"),
    items: z.array(z.object({ sku: z.string().max(200).optional(), name: z.string().min(1).max(500), category: z.string().max(200).optional() })).max(500).optional(),
    channel: z.string().max(100).optional(),
    purchasedAt: instant.optional(),
    fulfilledAt: instant.optional(),
  })
  .openapi("PurchaseInput");

const PurchaseResult = z
  .object({
    purchaseId: z.string(),
    orderId: z.string(),
    replayed: z.boolean().openapi({ description: "true when this order id was already recorded with the same content" }),
    scheduled: z.array(z.object({ invitationId: z.string(), templateId: z.string(), dueAt: z.number().int() })),
    skipped: z.array(z.object({ templateId: z.string(), reason: z.enum(["unsubscribed", "sampled_out", "throttled"]) })),
  })
  .openapi("PurchaseResult");

const route = createRoute({
  method: "post",
  path: "/api/v1/purchases",
  summary: "Record a purchase",
  description: "Idempotent on `id`: replaying the same content changes nothing; the same id with other content is a 409.",
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scopes: ["ingest", "full"], roles: ROLES_WHO_MAY.administer })] as const,
  request: { body: { required: true, content: { "application/json": { schema: PurchaseBody } } } },
  responses: {
    202: { description: "Recorded; what was scheduled", content: { "application/json": { schema: PurchaseResult } } },
    ...errorResponses(400, 401, 403, 409, 413),
  },
});

export function purchasesRoutes(deps: Deps) {
  return router().openapi(route, async (c) => {
    const result = await recordPurchase(deps, c.req.valid("json"));
    return c.json(result, 202);
  });
}
