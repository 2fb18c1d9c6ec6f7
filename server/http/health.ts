// GET /healthz: 200 {"ok":true} once the database answers.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { databaseAnswers } from "../services/health";
import { router } from "./app-env";

const route = createRoute({
  method: "get",
  path: "/healthz",
  summary: "Liveness: the database answers",
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } } },
    503: { description: "The database does not answer", content: { "application/json": { schema: z.object({ ok: z.literal(false) }) } } },
  },
});

export function healthRoutes(deps: Deps) {
  return router().openapi(route, async (c) => {
    return (await databaseAnswers(deps)) ? c.json({ ok: true as const }, 200) : c.json({ ok: false as const }, 503);
  });
}
