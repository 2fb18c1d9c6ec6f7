// API keys in the dashboard: list, create (secret shown once), revoke. Admins only.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys";
import { actorOf } from "../services/audit";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { API_KEY_SCOPES, ROLES_WHO_MAY } from "../domain/vocabulary";
import { errorResponses } from "./openapi";
import { ApiKeySchema } from "./schemas/accounts";

const adminOnly = requireAuth({ roles: ROLES_WHO_MAY.administer });

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/api-keys",
  summary: "List API keys",
  middleware: [adminOnly] as const,
  responses: { 200: { description: "Keys", content: { "application/json": { schema: z.object({ keys: z.array(ApiKeySchema) }) } } }, ...errorResponses(401, 403) },
});

const createKeyRoute = createRoute({
  method: "post",
  path: "/api/v1/api-keys",
  summary: "Create an API key; its secret is shown only in this response",
  middleware: [adminOnly] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ name: z.string().trim().min(1).max(100), scope: z.enum(API_KEY_SCOPES).default("ingest") }) } },
    },
  },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: z.object({ key: ApiKeySchema, secret: z.string() }) } } },
    ...errorResponses(400, 401, 403),
  },
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/api/v1/api-keys/{id}",
  summary: "Revoke an API key (refused at once)",
  middleware: [adminOnly] as const,
  request: { params: z.object({ id: z.string().min(1) }) },
  responses: { 204: { description: "Revoked" }, ...errorResponses(401, 403, 404) },
});

export function apiKeysRoutes(deps: Deps) {
  return router()
    .openapi(listRoute, async (c) => c.json({ keys: await listApiKeys(deps) }, 200))
    .openapi(createKeyRoute, async (c) => c.json(await createApiKey(deps, { ...c.req.valid("json"), actor: actorOf(c.get("principal")) }), 201))
    .openapi(revokeRoute, async (c) => {
      await revokeApiKey(deps, { id: c.req.valid("param").id, actor: actorOf(c.get("principal")) });
      return c.body(null, 204);
    });
}
