// createApp(deps): the whole HTTP app, independent of where it runs (Node or Workers).
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./deps";
import { AppError, type ErrorCode } from "./errors";
import { analyticsRoutes } from "./http/analytics";
import { apiKeysRoutes } from "./http/api-keys";
import { validationHook, type AppEnv } from "./http/app-env";
import { authRoutes } from "./http/auth";
import { automatedClicksRoutes } from "./http/automated-clicks";
import { deliveryRoutes } from "./http/delivery";
import { delightedRoutes } from "./http/delighted/routes";
import { dispatchRoutes } from "./http/dispatch";
import { exportsRoutes } from "./http/exports";
import { healthRoutes } from "./http/health";
import { importsRoutes } from "./http/imports";
import { delightedImportRoutes } from "./http/delighted-imports";
import { liveRoutes } from "./http/live";
import { mailboxRoutes } from "./http/mailbox";
import { authenticate } from "./http/middleware/authenticate";
import { csrfForCookies } from "./http/middleware/csrf-for-cookies";
import { dashboardCsp } from "./http/middleware/dashboard-csp";
import { memoryRateLimitStore, rateLimit } from "./http/middleware/rate-limit";
import { resolveClientAddress } from "./http/middleware/client-address";
import { requestLog } from "./http/middleware/request-log";
import { metricsRoutes } from "./http/metrics";
import { createMetrics } from "./services/metrics";
import { auditRoutes } from "./http/audit";
import { privacyRoutes } from "./http/privacy";
import { usersRoutes } from "./http/users";
import { purchasesRoutes } from "./http/purchases";
import { scoresRoutes } from "./http/scores";
import { responsesRoutes } from "./http/responses";
import { alertsRoutes } from "./http/alerts";
import { limitBody } from "./http/middleware/limit-body";
import { noStore } from "./http/middleware/no-store";
import { surveyRoutes } from "./http/survey";
import { templatesRoutes } from "./http/templates";
import { webhookEndpointsRoutes } from "./http/webhook-endpoints";
import { shopifyWebhookRoutes } from "./http/webhooks/shopify";
import { stripeWebhookRoutes } from "./http/webhooks/stripe";

const API_BODY_LIMIT = 1024 * 1024;
const SURVEY_BODY_LIMIT = 64 * 1024;

export function createApp(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(requestId());
  app.use(resolveClientAddress(deps));
  deps.metrics ??= createMetrics(deps.clock.now());
  app.use(requestLog(deps));
  // overwrite: false lets a route set stricter headers (the customer pages send their own CSP and no-referrer).
  app.use(secureHeaders({ referrerPolicy: "same-origin", overwrite: false }));
  app.use(dashboardCsp());
  app.use("/api/*", noStore());
  // The Delighted-compatible API returns people and their answers too.
  app.use("/v1/*", noStore());
  // CSV uploads stream past the 1 MiB limit; the import counts their bytes itself (IMPORT_MAX_BYTES).
  app.use("/api/*", limitBody(API_BODY_LIMIT, { except: /^\/api\/v1\/imports\/(purchases|delighted|[^/]+\/(csv|delighted))$/ }));
  app.use("/s/*", limitBody(SURVEY_BODY_LIMIT));
  // Customer pages are read on phones: gzip keeps even a long filled-in page well under 20 KB.
  if (deps.config.compressPages) {
    app.use("/s/*", compress());
    app.use("/u/*", compress());
  }
  app.use("/u/*", limitBody(SURVEY_BODY_LIMIT));
  app.use("/webhooks/*", limitBody(API_BODY_LIMIT));
  app.use("/v1/*", limitBody(API_BODY_LIMIT));
  // Per-IP limits on what anyone can call (429 + Retry-After); in-memory, so per isolate on Workers.
  const limits = deps.config.rateLimits;
  const limiter = { clock: deps.clock, store: deps.rateLimitStore ?? memoryRateLimitStore() };
  app.use("/s/*", rateLimit({ ...limiter, name: "survey", limit: limits.survey }));
  // One survey link hammered from many addresses: each post rewrites the same answer.
  app.use("/s/*", rateLimit({ ...limiter, name: "survey-token", limit: limits.surveyPerToken, key: (c) => c.req.path }));
  app.use("/u/*", rateLimit({ ...limiter, name: "unsubscribe", limit: limits.unsubscribe }));
  app.use("/api/v1/auth/login", rateLimit({ ...limiter, name: "login", limit: limits.login }));
  app.use("/api/v1/auth/password-reset", rateLimit({ ...limiter, name: "login", limit: limits.login }));
  app.use("/api/v1/auth/set-password", rateLimit({ ...limiter, name: "login", limit: limits.login }));
  app.use("/webhooks/*", rateLimit({ ...limiter, name: "webhooks", limit: limits.webhooks }));
  // Cookie-authenticated state changes must come from our own origin. /s and /u are not under
  // /api: their unguessable token is the credential, and one-click posts arrive cross-site.
  app.use("/api/*", csrfForCookies(deps.config.publicUrl));
  app.use("/api/*", authenticate(deps));

  // Chained, so the routes' types accumulate into AppType: the dashboard's typed client (web/src/api-client.ts) is checked against them.
  const routes = app
    .route("/", healthRoutes(deps))
    .route("/", metricsRoutes(deps))
    .route("/", authRoutes(deps))
    .route("/", apiKeysRoutes(deps))
    .route("/", analyticsRoutes(deps))
    .route("/", purchasesRoutes(deps))
    .route("/", dispatchRoutes(deps))
    .route("/", mailboxRoutes(deps))
    .route("/", scoresRoutes(deps))
    .route("/", responsesRoutes(deps))
    .route("/", alertsRoutes(deps))
    .route("/", liveRoutes(deps))
    .route("/", importsRoutes(deps))
    .route("/", delightedImportRoutes(deps))
    .route("/", webhookEndpointsRoutes(deps))
    .route("/", exportsRoutes(deps))
    .route("/", surveyRoutes(deps))
    .route("/", automatedClicksRoutes(deps))
    .route("/", templatesRoutes(deps))
    .route("/", deliveryRoutes(deps))
    .route("/", shopifyWebhookRoutes(deps))
    .route("/", stripeWebhookRoutes(deps))
    .route("/", delightedRoutes(deps))
    .route("/", usersRoutes(deps))
    .route("/", auditRoutes(deps))
    .route("/", privacyRoutes(deps));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "API key" });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "ValuePulse API", version: "1.0.0", description: "Post-purchase NPS, CSAT and customer value." },
    servers: [{ url: deps.config.publicUrl }],
  });

  app.notFound((c) => c.json({ error: { code: "not_found" satisfies ErrorCode, message: `No route for ${c.req.method} ${c.req.path}`, requestId: c.get("requestId") } }, 404));

  // Every error answer, whatever raised it, is built here and carries the request id its log line has.
  app.onError((err, c) => {
    const requestId = c.get("requestId");
    if (err instanceof AppError) {
      const retryAfter = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (err.status === 429 && typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
      if (err.status >= 500) deps.log.error("request failed", { requestId, route: `${c.req.method} ${c.req.routePath}`, code: err.code, error: err.message });
      return c.json({ error: { code: err.code, message: err.message, ...(err.details !== undefined && { details: err.details }), requestId } }, err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code: ErrorCode = status === 400 ? "invalid_input" : status === 403 ? "forbidden" : status === 413 ? "payload_too_large" : "http_error";
      return c.json({ error: { code, message: err.message || "Request refused", requestId } }, status);
    }
    // The route pattern, not the path: /s/{token} and /u/{token} carry credentials that must never reach a log.
    deps.log.error("unhandled error", { requestId, route: `${c.req.method} ${c.req.routePath}`, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return c.json({ error: { code: "internal" satisfies ErrorCode, message: "Something went wrong", details: { requestId }, requestId } }, 500);
  });

  return routes;
}

export type App = ReturnType<typeof createApp>;
/** Every route's path, input and answer, for `hc<AppType>` (web/src/api-client.ts); a changed route fails `tsc -p web`. */
export type AppType = App;
