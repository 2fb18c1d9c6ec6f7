// One JSON log line per request (method, route pattern, status, ms, requestId, client address), and the
// request counters of /metrics. The route is the pattern (/s/:token), never the path: tokens are credentials.
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import type { Deps } from "../../deps";
import type { AppEnv } from "../app-env";

export function requestLog(deps: Pick<Deps, "log" | "metrics" | "config">) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      // The pattern of whatever answered: a route, or the middleware that refused (`/u/*` for a 429); always one we registered, so unknown paths cannot grow the metrics.
      const route = routePath(c);
      const status = c.res.status;
      deps.metrics?.request(c.req.method, route, status, ms);
      if (deps.config.logRequests)
        deps.log.info("request", { method: c.req.method, route, status, ms, requestId: c.get("requestId"), client: c.get("clientAddress") });
    }
  });
}
