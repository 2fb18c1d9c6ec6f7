// Delivery status per invitation and rates per template; mounts the suppression list and the Resend webhook too (one router for the delivery area).
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { listInvitationDeliveries, templateDeliveryRates } from "../services/delivery-report";
import { router } from "./app-env";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { INVITATION_STATUSES, ROLES_WHO_MAY } from "../domain/vocabulary";
import { InvitationDeliverySchema, TemplateDeliveryRatesSchema } from "./schemas/delivery";
import { suppressionsRoutes } from "./suppressions";
import { resendWebhookRoutes } from "./webhooks/resend";

const invitationsRoute = createRoute({
  method: "get",
  path: "/api/v1/delivery/invitations",
  summary: "Invitations with their send status, reason, provider delivery state and reminder, newest first",
  security: [{ bearer: [] }],
  // Lists customers' addresses: not for viewers.
  middleware: [requireAuth({ scopes: ["read", "full"], roles: ROLES_WHO_MAY.seeDelivery })] as const,
  request: {
    query: z.object({
      status: z.enum(INVITATION_STATUSES).optional(),
      template: z.string().min(1).optional(),
      before: z.string().min(1).optional().openapi({ description: "Page on: the last id of the previous page" }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: {
    200: { description: "Invitations", content: { "application/json": { schema: z.object({ invitations: z.array(InvitationDeliverySchema) }) } } },
    ...errorResponses(400, 401, 403),
  },
});

const ratesRoute = createRoute({
  method: "get",
  path: "/api/v1/delivery/templates",
  summary: "Delivery counts and rates per template (delivered, bounced, complained ÷ sent) and the response rate (answered ÷ sent and not bounced)",
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE })] as const,
  responses: {
    200: { description: "Per template", content: { "application/json": { schema: z.object({ templates: z.array(TemplateDeliveryRatesSchema) }) } } },
    ...errorResponses(401, 403),
  },
});

export function deliveryRoutes(deps: Deps) {
  return router()
    .openapi(invitationsRoute, async (c) => {
      const q = c.req.valid("query");
      return c.json({ invitations: await listInvitationDeliveries(deps, { ...q, templateId: q.template }) }, 200);
    })
    .openapi(ratesRoute, async (c) => c.json({ templates: await templateDeliveryRates(deps) }, 200))
    .route("/", suppressionsRoutes(deps))
    .route("/", resendWebhookRoutes(deps));
}
