// CSRF protection where it matters: state changes authenticated by the session cookie.
// API-key callers (no cookie) are not browsers riding on ambient credentials, so they pass.
// hono/csrf checks the Origin of the requests a cross-site page can send without a CORS preflight
// (forms and text/plain, any method without a body); a cross-site application/json request needs a
// preflight, which this app never grants, so it cannot carry the cookie to a handler.
import { getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { SESSION_COOKIE } from "./authenticate";

export function csrfForCookies(publicUrl: string) {
  const allowed = new URL(publicUrl).origin;
  const check = csrf({ origin: (origin, c) => origin === allowed || origin === new URL(c.req.url).origin });
  return createMiddleware<AppEnv>(async (c, next) => {
    // Either name (vp_session on http localhost, __Host-vp_session over https): a cookie of the other name is checked too.
    if ((getCookie(c, SESSION_COOKIE) ?? getCookie(c, `__Host-${SESSION_COOKIE}`)) === undefined || c.req.header("authorization")) return next();
    return check(c, next);
  });
}
