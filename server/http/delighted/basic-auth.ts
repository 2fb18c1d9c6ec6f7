// Delighted's clients send the API key as the HTTP Basic user name with an empty password.
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps";
import { AppError, forbidden } from "../../errors";
import { principalForApiKey, type ApiKeyScope } from "../../services/auth";
import type { AppEnv } from "../app-env";

function keyFromBasic(header: string | undefined): string | null {
  const encoded = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i)?.[1];
  if (!encoded) return null;
  try {
    const decoded = atob(encoded);
    const user = decoded.split(":")[0];
    return user || null;
  } catch {
    return null;
  }
}

export function delightedAuth(deps: Pick<Deps, "db" | "clock">, scopes: ApiKeyScope[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = keyFromBasic(c.req.header("authorization"));
    const principal = key ? await principalForApiKey(deps, key) : null;
    if (!principal || principal.kind !== "apiKey") {
      c.header("WWW-Authenticate", 'Basic realm="ValuePulse"');
      throw new AppError("unauthorized", "Send your API key as the HTTP Basic user name (curl -u KEY:)");
    }
    if (!scopes.includes(principal.scope)) throw forbidden(`This API key's scope (${principal.scope}) does not allow this`);
    c.set("principal", principal);
    await next();
  });
}
