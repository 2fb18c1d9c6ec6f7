// The dashboard's Content-Security-Policy, on HTML documents that do not set their own.
import type { MiddlewareHandler } from "hono";

/**
 * Scripts only from our own files, so markup injected into a page cannot run code. The email and survey-page
 * previews are `srcdoc` frames, which take this policy: their inline styles and the emails' remote images must
 * still show. Workers serve the dashboard's files without the app: web/public/_headers repeats it (a test keeps
 * them equal).
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: http: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/**
 * Documents only: a policy means nothing to JSON, redirects or scripts, and would cost bytes on every API answer.
 * The dashboard's documents are GETs; skipping other methods keeps the answer and purchase posts from paying for the check.
 */
export function dashboardCsp(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET") return next();
    await next();
    if (c.res.headers.get("Content-Type")?.startsWith("text/html") && !c.res.headers.has("Content-Security-Policy")) c.res.headers.set("Content-Security-Policy", DASHBOARD_CSP);
  };
}
