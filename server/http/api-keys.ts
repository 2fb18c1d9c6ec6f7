// API keys in the dashboard: list, create (secret shown once), revoke. Admins only.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys";
import { actorOf, recordAudit } from "../services/audit";
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
    .openapi(listRoute, async (c) => c.json({ keys: await listApiKeys(deps.db) }, 200))
    .openapi(createKeyRoute, async (c) => {
      const created = await createApiKey(deps.db, c.req.valid("json"), deps.clock.now());
      const { id, name, scope, prefix } = created.key;
      await recordAudit(deps.db, actorOf(c.get("principal")), { action: "api_key.create", targetType: "api_key", targetId: id, after: { name, scope, prefix } }, deps.clock.now());
      return c.json(created, 201);
    })
    .openapi(revokeRoute, async (c) => {
      await revokeApiKey(deps.db, c.req.valid("param").id, deps.clock.now());
      await recordAudit(deps.db, actorOf(c.get("principal")), { action: "api_key.revoke", targetType: "api_key", targetId: c.req.valid("param").id }, deps.clock.now());
      return c.body(null, 204);
    });
}
