// Works out who is asking — a session cookie or a Bearer API key — and stores it as c.var.principal.
import { getCookie } from "hono/cookie";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Config } from "../../config";
import type { Deps } from "../../deps";
import { principalForApiKey, userForSession } from "../../services/auth";
import type { AppEnv } from "../app-env";
import type { Principal } from "../../services/auth";

export const SESSION_COOKIE = "vp_session";

/**
 * Over https the cookie is __Host-vp_session: a browser takes it only from this very host, over https,
 * for path / (a sibling subdomain or a plain-http page cannot plant or overwrite it). vp_session on http localhost.
 */
export const sessionCookieName = (config: Pick<Config, "secureCookies">) => (config.secureCookies ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

export const sessionToken = (c: Context, config: Pick<Config, "secureCookies">) => getCookie(c, sessionCookieName(config));

/**
 * The principal a request's credential stands for now, or null (none, unknown, revoked, expired, idle).
 * `touch: false`: a re-check that is not the user's doing (a live stream) and does not keep the session from going idle.
 */
export async function principalOf(deps: Pick<Deps, "db" | "clock" | "config">, c: Context<AppEnv>, opts: { touch?: boolean } = {}): Promise<Principal | null> {
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) return principalForApiKey(deps, bearer);
  const cookie = sessionToken(c, deps.config);
  if (!cookie) return null;
  const user = await userForSession(deps, { token: cookie, idleTimeoutMs: deps.config.sessionIdleTimeoutMs, touch: opts.touch });
  return user ? { kind: "user" as const, user } : null;
}

export function authenticate(deps: Pick<Deps, "db" | "clock" | "config">) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await principalOf(deps, c);
    // The audit log records where an action came from along with who did it.
    c.set("principal", principal && { ...principal, address: c.get("clientAddress") });
    await next();
  });
}
