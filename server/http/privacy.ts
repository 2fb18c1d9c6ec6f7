// A customer's data on request (admins only): export as JSON, erase; and the retention setting.
// The customer is named in the body, not the URL, so their email never lands in access logs.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { actorOf } from "../services/audit";
import { eraseCustomer, exportCustomer, getRetention, setRetention } from "../services/privacy";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { errorResponses } from "./openapi";
import { EraseResultSchema, RetentionSchema } from "./schemas/accounts";

const adminOnly = requireAuth({ roles: ROLES_WHO_MAY.administer });
// A full-scope key may export and erase too: shops often forward customers' privacy requests automatically.
const adminOrFullKey = requireAuth({ roles: ROLES_WHO_MAY.administer, scopes: ["full"] });
const customerRef = z.object({ customer: z.string().trim().min(1).max(320).openapi({ description: "The customer's email or id", example: "lan@example.com" }) });

const exportRoute = createRoute({
  method: "post",
  path: "/api/v1/privacy/export",
  summary: "Everything held about one customer, as JSON (customer, purchases and items, invitations, responses, emails)",
  middleware: [adminOrFullKey] as const,
  request: { body: { required: true, content: { "application/json": { schema: customerRef } } } },
  responses: { 200: { description: "The customer's data", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } }, ...errorResponses(400, 401, 403, 404) },
});

const eraseRoute = createRoute({
  method: "post",
  path: "/api/v1/privacy/erase",
  summary: "Erase one customer: purchases, items, invitations, responses, comments and mailbox copies. Scores are recomputed without their answers",
  middleware: [adminOrFullKey] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: customerRef.extend({ confirm: z.literal(true).openapi({ description: "Must be true: erasing cannot be undone" }) }) } },
    },
  },
  responses: { 200: { description: "Erased", content: { "application/json": { schema: EraseResultSchema } } }, ...errorResponses(400, 401, 403, 404) },
});

const getRetentionRoute = createRoute({
  method: "get",
  path: "/api/v1/privacy/retention",
  summary: "The retention setting",
  middleware: [adminOnly] as const,
  responses: { 200: { description: "Retention", content: { "application/json": { schema: RetentionSchema } } }, ...errorResponses(401, 403) },
});

const putRetentionRoute = createRoute({
  method: "put",
  path: "/api/v1/privacy/retention",
  summary: "Set how many months comments and personal data are kept (null: until erased by hand)",
  middleware: [adminOnly] as const,
  request: { body: { required: true, content: { "application/json": { schema: RetentionSchema.pick({ months: true }) } } } },
  responses: { 200: { description: "Saved", content: { "application/json": { schema: RetentionSchema } } }, ...errorResponses(400, 401, 403) },
});

export function privacyRoutes(deps: Deps) {
  return router()
    .openapi(exportRoute, async (c) => {
      const data = await exportCustomer(deps, { actor: actorOf(c.get("principal")), ref: c.req.valid("json").customer });
      c.header("Cache-Control", "no-store");
      return c.json(data, 200);
    })
    .openapi(eraseRoute, async (c) => c.json(await eraseCustomer(deps, { actor: actorOf(c.get("principal")), ref: c.req.valid("json").customer }), 200))
    .openapi(getRetentionRoute, async (c) => c.json(await getRetention(deps), 200))
    .openapi(putRetentionRoute, async (c) => c.json(await setRetention(deps, { actor: actorOf(c.get("principal")), months: c.req.valid("json").months }), 200));
}
