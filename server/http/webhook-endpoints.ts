// Outgoing webhooks, for admins: register endpoints, reveal or rotate their signing secret, read the delivery log.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { createEndpoint, disableEndpoint, endpointSecret, listDeliveries, listEndpoints } from "../services/webhook-endpoints";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY, WEBHOOK_FORMATS } from "../domain/vocabulary";
import { WebhookDeliverySchema as DeliverySchema, WebhookEndpointSchema as EndpointSchema, WebhookEventTypeSchema as EventType } from "./schemas/integrations";
import { errorResponses } from "./openapi";

const admin = requireAuth({ scopes: ["full"], roles: ROLES_WHO_MAY.administer });

const Secret = z.string().openapi({ description: "Standard Webhooks signing secret (whsec_…)", example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
const idParam = z.object({ id: z.string().min(1) });
const security = [{ bearer: [] }];

const EndpointInput = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000).openapi({ example: "https://hooks.example.com/valuepulse" }),
    events: z.array(EventType).min(1),
    format: z.enum(WEBHOOK_FORMATS).default("standard"),
    description: z.string().trim().max(200).optional(),
  })
  .openapi("WebhookEndpointInput");


const list = createRoute({ method: "get", path: "/api/v1/webhook-endpoints", summary: "List outgoing webhook endpoints", security, middleware: [admin] as const, responses: { 200: { description: "Endpoints", content: { "application/json": { schema: z.object({ endpoints: z.array(EndpointSchema) }) } } }, ...errorResponses(401, 403) } });
const create = createRoute({
  method: "post",
  path: "/api/v1/webhook-endpoints",
  summary: "Register an endpoint for response.created, response.updated, detractor.alert, customer.unsubscribed",
  description:
    "The URL must reach the public internet: loopback, private, link-local (cloud metadata), multicast and unspecified addresses are refused (400, field `url`), in any spelling, and on Node also when the name resolves to one; the check is repeated before every delivery attempt. Hosts in WEBHOOK_ALLOWED_HOSTS are exempt. Redirects are not followed; each attempt times out after 10 s.",
  security,
  middleware: [admin] as const,
  request: { body: { required: true, content: { "application/json": { schema: EndpointInput } } } },
  responses: { 201: { description: "Registered", content: { "application/json": { schema: z.object({ endpoint: EndpointSchema, secret: Secret }) } } }, ...errorResponses(400, 401, 403) },
});
const remove = createRoute({ method: "delete", path: "/api/v1/webhook-endpoints/{id}", summary: "Stop sending to an endpoint (its log is kept)", security, middleware: [admin] as const, request: { params: idParam }, responses: { 204: { description: "Disabled" }, ...errorResponses(401, 403, 404) } });
const secret = createRoute({ method: "get", path: "/api/v1/webhook-endpoints/{id}/secret", summary: "Reveal an endpoint's signing secret", security, middleware: [admin] as const, request: { params: idParam }, responses: { 200: { description: "Secret", content: { "application/json": { schema: z.object({ secret: Secret }) } } }, ...errorResponses(401, 403, 404) } });
const rotate = createRoute({ method: "post", path: "/api/v1/webhook-endpoints/{id}/rotate-secret", summary: "Replace an endpoint's signing secret; the old one stops at once", security, middleware: [admin] as const, request: { params: idParam }, responses: { 200: { description: "New secret", content: { "application/json": { schema: z.object({ secret: Secret }) } } }, ...errorResponses(401, 403, 404) } });
const deliveries = createRoute({
  method: "get",
  path: "/api/v1/webhook-endpoints/{id}/deliveries",
  summary: "Delivery log: each event sent to the endpoint with every attempt's status",
  security,
  middleware: [admin] as const,
  request: { params: idParam, query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: { description: "Deliveries, newest first", content: { "application/json": { schema: z.object({ deliveries: z.array(DeliverySchema) }) } } }, ...errorResponses(400, 401, 403, 404) },
});

export function webhookEndpointsRoutes(deps: Deps) {
  return router()
    .openapi(list, async (c) => c.json({ endpoints: await listEndpoints(deps) }, 200))
    .openapi(create, async (c) => c.json(await createEndpoint(deps, c.req.valid("json")), 201))
    .openapi(remove, async (c) => {
      await disableEndpoint(deps, c.req.valid("param").id);
      return c.body(null, 204);
    })
    .openapi(secret, async (c) => c.json({ secret: await endpointSecret(deps, { id: c.req.valid("param").id, rotate: false }) }, 200))
    .openapi(rotate, async (c) => c.json({ secret: await endpointSecret(deps, { id: c.req.valid("param").id, rotate: true }) }, 200))
    .openapi(deliveries, async (c) => c.json({ deliveries: await listDeliveries(deps, { endpointId: c.req.valid("param").id, limit: c.req.valid("query").limit }) }, 200));
}
