// GET /api/v1/mailbox: the dev mailbox's captured emails, newest first (only when no email provider is set).
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { listMailbox } from "../services/mailers/dev-mailbox";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { errorResponses } from "./openapi";
import { MailboxEmailSchema } from "./schemas/delivery";

const route = createRoute({
  method: "get",
  path: "/api/v1/mailbox",
  summary: "Captured emails (dev mailbox mode only)",
  description:
    "Admins (session) and `full`-scope API keys only: the mailbox holds password-reset and invitation links, so reading it is as good as an admin's password. `read` and `ingest` keys and other roles get 403. 404 `mailbox_disabled` when RESEND_API_KEY is set.",
  security: [{ bearer: [] }],
  // Never read or ingest keys: a reset link read here would sign anyone in as the admin it was sent to.
  middleware: [requireAuth({ scopes: ["full"], roles: ROLES_WHO_MAY.administer })] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(5000).default(100) }) },
  responses: {
    200: { description: "Emails, newest first", content: { "application/json": { schema: z.object({ emails: z.array(MailboxEmailSchema) }) } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function mailboxRoutes(deps: Deps) {
  return router().openapi(route, async (c) => {
    if (deps.mailer.kind !== "dev-mailbox") throw new AppError("mailbox_disabled", "The dev mailbox is off because RESEND_API_KEY is set");
    const emails = await listMailbox(deps, c.req.valid("query").limit);
    return c.json({ emails }, 200);
  });
}
