// The suppression list: read by admins and support, changed by admins (or full-scope API keys).
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { addSuppression, listSuppressions, removeSuppression } from "../services/suppressions";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { errorResponses } from "./openapi";
import { SuppressionSchema } from "./schemas/delivery";

const readers = requireAuth({ scopes: ["read", "full"], roles: ROLES_WHO_MAY.handleCases });
const admins = requireAuth({ scopes: ["full"], roles: ROLES_WHO_MAY.administer });

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/suppressions",
  summary: "Addresses never emailed again, newest first",
  security: [{ bearer: [] }],
  middleware: [readers] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) }) },
  responses: {
    200: { description: "The list", content: { "application/json": { schema: z.object({ suppressions: z.array(SuppressionSchema) }) } } },
    ...errorResponses(400, 401, 403),
  },
});

const addRoute = createRoute({
  method: "post",
  path: "/api/v1/suppressions",
  summary: "Suppress an address by hand (idempotent: an address already listed keeps its first reason)",
  security: [{ bearer: [] }],
  middleware: [admins] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ email: z.string().trim().email(), note: z.string().trim().max(500).optional() }) } },
    },
  },
  responses: {
    201: { description: "Added", content: { "application/json": { schema: SuppressionSchema } } },
    200: { description: "Already listed", content: { "application/json": { schema: SuppressionSchema } } },
    ...errorResponses(400, 401, 403),
  },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/api/v1/suppressions/{email}",
  summary: "Allow an address again",
  security: [{ bearer: [] }],
  middleware: [admins] as const,
  request: { params: z.object({ email: z.string().email() }) },
  responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 403, 404) },
});

export function suppressionsRoutes(deps: Deps) {
  return router()
    .openapi(listRoute, async (c) => c.json({ suppressions: await listSuppressions(deps, c.req.valid("query").limit) }, 200))
    .openapi(addRoute, async (c) => {
      const p = c.get("principal")!;
      const by = p.kind === "user" ? `user:${p.user.id}` : `key:${p.keyId}`;
      const { suppression, created } = await addSuppression(deps, c.req.valid("json"), by);
      return created ? c.json(suppression, 201) : c.json(suppression, 200);
    })
    .openapi(removeRoute, async (c) => {
      await removeSuppression(deps, c.req.valid("param").email);
      return c.body(null, 204);
    });
}
