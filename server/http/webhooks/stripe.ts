// POST /webhooks/stripe: checkout.session.completed and charge.succeeded, verified by Stripe-Signature.
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { verifyStripeSignature } from "../../domain/webhook-signatures";
import { AppError } from "../../errors";
import { handleStripeEvent } from "../../services/store-webhooks";
import type { AppEnv } from "../app-env";
import { parseJsonObject } from "./parse-json";

/** Stripe's own libraries refuse events signed more than 5 minutes away from now (replays). */
const TOLERANCE_S = 300;

export function stripeWebhookRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/webhooks/stripe", async (c) => {
    const secret = deps.config.stripeWebhookSecret;
    if (!secret) throw new AppError("not_configured", "Stripe webhooks are off: set STRIPE_WEBHOOK_SECRET");
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const verdict = verifyStripeSignature(secret, raw, c.req.header("stripe-signature"), deps.clock.now(), TOLERANCE_S);
    if (!verdict.ok) {
      const message = verdict.reason === "stale" ? "Stripe-Signature timestamp is outside the 5-minute tolerance" : verdict.reason === "mismatch" ? "Stripe-Signature does not match the body" : "Stripe-Signature is missing or malformed";
      throw new AppError("invalid_signature", message, { field: "Stripe-Signature", reason: verdict.reason });
    }
    const event = parseJsonObject(raw);
    if (typeof event.id !== "string" || typeof event.type !== "string") throw new AppError("invalid_input", "Not a Stripe event: id and type are required", { field: typeof event.id !== "string" ? "id" : "type" });
    const outcome = await handleStripeEvent(deps, event as { id: string; type: string });
    if (outcome.status === "ignored") deps.log.info("stripe event ignored", { id: event.id, type: event.type, reason: outcome.reason });
    return c.json(outcome, 200);
  });
}
