// Works out who is asking — a session cookie or a Bearer API key — and stores it as c.var.principal.
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps";
import { principalForApiKey, userForSession } from "../../services/auth";
import type { AppEnv } from "../app-env";

export const SESSION_COOKIE = "vp_session";

export function authenticate(deps: Pick<Deps, "db" | "clock">) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const now = deps.clock.now();
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    const cookie = getCookie(c, SESSION_COOKIE);
    let principal = null;
    if (bearer) principal = await principalForApiKey(deps.db, bearer, now);
    else if (cookie) {
      const user = await userForSession(deps.db, cookie, now);
      principal = user ? { kind: "user" as const, user } : null;
    }
    c.set("principal", principal);
    await next();
  });
}
