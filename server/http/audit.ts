// The audit log of admin actions, admins only: newest first, paged with ?before={id}.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { listAudit } from "../services/audit";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { errorResponses } from "./openapi";
import { AuditEntrySchema } from "./schemas/accounts";

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/audit",
  summary: "Audit log: who did what, when, with the record before and after",
  middleware: [requireAuth({ roles: ROLES_WHO_MAY.administer })] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.string().max(64).optional() }) },
  responses: { 200: { description: "Entries, newest first", content: { "application/json": { schema: z.object({ entries: z.array(AuditEntrySchema) }) } } }, ...errorResponses(400, 401, 403) },
});

export function auditRoutes(deps: Deps) {
  return router().openapi(listRoute, async (c) => c.json({ entries: await listAudit(deps, c.req.valid("query")) }, 200));
}
