// POST /api/v1/dispatch: send every invitation that is due now.
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { dispatchDue } from "../services/dispatch";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { errorResponses } from "./openapi";
import { DispatchResultSchema } from "./schemas/delivery";

const route = createRoute({
  method: "post",
  path: "/api/v1/dispatch",
  summary: "Send due invitations now",
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scopes: ["ingest", "full"], roles: ROLES_WHO_MAY.administer })] as const,
  responses: {
    200: {
      description: "How many invitations were sent, failed for good, or skipped (unsubscribed)",
      content: { "application/json": { schema: DispatchResultSchema } },
    },
    ...errorResponses(401, 403),
  },
});

export function dispatchRoutes(deps: Deps) {
  return router().openapi(route, async (c) => c.json(await dispatchDue(deps), 200));
}
