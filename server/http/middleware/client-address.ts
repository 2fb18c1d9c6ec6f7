// Works out who is asking, once per request, as c.var.clientAddress: the rate limits and the audit log key on it.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps";
import { clientAddress } from "../../domain/client-address";
import type { AppEnv } from "../app-env";

declare module "hono" {
  interface ContextVariableMap {
    /** Who is asking: the per-IP limits and the audit log key on it. */
    clientAddress: string;
  }
}

/** Without a runtime's own reading of the socket (Workers, app.request in tests): Cloudflare's header. */
const fromCloudflare = (c: Context) => c.req.header("cf-connecting-ip");

export function resolveClientAddress(deps: Pick<Deps, "config" | "peerAddress">) {
  const peerOf = deps.peerAddress ?? fromCloudflare;
  const trust = deps.config.trustProxy;
  return createMiddleware<AppEnv>(async (c, next) => {
    const headers = trust ? { xForwardedFor: c.req.header("x-forwarded-for"), forwarded: c.req.header("forwarded") } : {};
    c.set("clientAddress", clientAddress(peerOf(c), headers, trust));
    await next();
  });
}
