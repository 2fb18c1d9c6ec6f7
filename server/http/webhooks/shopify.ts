// POST /webhooks/shopify: orders/paid, orders/fulfilled, fulfillments/create, verified by X-Shopify-Hmac-Sha256.
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { verifyShopifyHmac } from "../../domain/webhook-signatures";
import { AppError } from "../../errors";
import { handleShopifyWebhook } from "../../services/store-webhooks";
import type { AppEnv } from "../app-env";
import { parseJsonObject } from "./parse-json";

export function shopifyWebhookRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/webhooks/shopify", async (c) => {
    const secret = deps.config.shopifyWebhookSecret;
    if (!secret) throw new AppError("not_configured", "Shopify webhooks are off: set SHOPIFY_WEBHOOK_SECRET");
    // The HMAC covers the exact bytes sent: read them raw, parse only after verifying.
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifyShopifyHmac(secret, raw, c.req.header("x-shopify-hmac-sha256")))
      throw new AppError("invalid_signature", "X-Shopify-Hmac-Sha256 does not match the body", { field: "X-Shopify-Hmac-Sha256" });
    const topic = c.req.header("x-shopify-topic");
    const webhookId = c.req.header("x-shopify-webhook-id");
    if (!topic || !webhookId) throw new AppError("invalid_input", "X-Shopify-Topic and X-Shopify-Webhook-Id are required", { field: !topic ? "X-Shopify-Topic" : "X-Shopify-Webhook-Id" });
    const outcome = await handleShopifyWebhook(deps, { topic, webhookId, payload: parseJsonObject(raw, { bigIdsAsStrings: true }) });
    if (outcome.status === "ignored") deps.log.info("shopify webhook ignored", { topic, webhookId, reason: outcome.reason });
    return c.json(outcome, 200);
  });
}
