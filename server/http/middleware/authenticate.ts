// Works out who is asking — a session cookie or a Bearer API key — and stores it as c.var.principal.
import { getCookie } from "hono/cookie";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps";
import { principalForApiKey, userForSession } from "../../services/auth";
import type { AppEnv } from "../app-env";
import type { Principal } from "../../services/auth";

export const SESSION_COOKIE = "vp_session";

/** The principal a request's credential stands for now, or null (none, unknown, revoked, expired). */
export async function principalOf(deps: Pick<Deps, "db" | "clock">, c: Context<AppEnv>): Promise<Principal | null> {
  const now = deps.clock.now();
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) return principalForApiKey(deps.db, bearer, now);
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) return null;
  const user = await userForSession(deps.db, cookie, now);
  return user ? { kind: "user" as const, user } : null;
}

export function authenticate(deps: Pick<Deps, "db" | "clock">) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await principalOf(deps, c);
    // The audit log records where an action came from along with who did it.
    c.set("principal", principal && { ...principal, address: c.get("clientAddress") });
    await next();
  });
}
