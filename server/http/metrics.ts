// GET /metrics: Prometheus text format. With METRICS_TOKEN set, only `Authorization: Bearer <token>`;
// without it, only a client on this machine that came straight to the port (no proxy in between).
import type { Context } from "hono";
import { Hono } from "hono";
import type { Deps } from "../deps";
import { parseIp } from "../domain/client-address";
import { constantTimeEqual } from "../domain/crypto";
import { formatPrometheus, PROMETHEUS_CONTENT_TYPE } from "../domain/prometheus";
import type { AppEnv } from "./app-env";

function isLoopback(address: string | undefined): boolean {
  const ip = address ? parseIp(address) : null;
  if (!ip) return false;
  return ip.v === 4 ? ip.bits >> 24n === 127n : ip.bits === 1n;
}

/** A proxy on this machine makes every visitor look local: a request that passed one is never "local". */
const cameThroughProxy = (c: Context) => ["x-forwarded-for", "forwarded", "x-real-ip", "via"].some((h) => c.req.header(h) !== undefined);

export function metricsRoutes(deps: Deps) {
  // Not in the OpenAPI document: it is for the operator's scraper, not for integrators.
  return new Hono<AppEnv>().get("/metrics", async (c) => {
    const token = deps.config.metricsToken;
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    const allowed = token ? bearer !== undefined && constantTimeEqual(bearer, token) : isLoopback(c.get("clientAddress")) && !cameThroughProxy(c);
    if (!allowed) {
      const message = token ? "A valid METRICS_TOKEN is required (Authorization: Bearer …)" : "Metrics are served to this machine only (set METRICS_TOKEN to scrape from elsewhere)";
      return c.json({ error: { code: token ? "unauthorized" : "forbidden", message } }, token ? 401 : 403);
    }
    if (!deps.metrics) return c.json({ error: { code: "not_found", message: "No metrics in this runtime" } }, 404);
    const body = formatPrometheus(await deps.metrics.families(deps.db, deps.clock.now()));
    return c.body(body, 200, { "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" });
  });
}
