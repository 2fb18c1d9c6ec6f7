// POST /webhooks/resend: Resend's email events, signed Svix-style; recorded once per svix-id.
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { recordProviderEvent, verifyResendWebhook } from "../../services/provider-events";
import type { AppEnv } from "../app-env";
import { limitBody } from "../middleware/limit-body";

/** Resend's email events are a few KB. */
const BODY_LIMIT = 256 * 1024;

export function resendWebhookRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/webhooks/resend", limitBody(BODY_LIMIT), async (c) => {
    const secret = deps.config.resendWebhookSecret;
    if (!secret) throw new AppError("not_configured", "Resend webhooks are off: set RESEND_WEBHOOK_SECRET");
    // The signature covers the exact bytes: verify the raw text before parsing it.
    const body = await c.req.text();
    const id = c.req.header("svix-id") ?? null;
    const event = verifyResendWebhook(secret, { body, id, timestamp: c.req.header("svix-timestamp") ?? null, signature: c.req.header("svix-signature") ?? null });
    const result = await recordProviderEvent(deps, id!, event);
    // 2xx only after commit: Resend retries anything else, and the retry is deduplicated on svix-id.
    return c.json({ received: true, duplicate: result.duplicate }, 200);
  });
}
