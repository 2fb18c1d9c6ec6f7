// Refuses anonymous callers (401) and API keys or roles without the needed permission (403).
import { createMiddleware } from "hono/factory";
import { forbidden, unauthorized } from "../../errors";
import type { ApiKeyScope, User } from "../../services/auth";
import type { AppEnv } from "../app-env";
import { ROLES } from "../../domain/vocabulary";

export type Access = {
  /** API key scopes allowed; none: API keys are refused. */
  scopes?: ApiKeyScope[];
  /** User roles allowed; none: users are refused. */
  roles?: User["role"][];
};

export const ANY_ROLE: User["role"][] = [...ROLES];

export function requireAuth(access: Access) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const p = c.get("principal");
    if (!p) throw unauthorized();
    if (p.kind === "apiKey" && !access.scopes?.includes(p.scope)) throw forbidden(`This API key's scope (${p.scope}) does not allow this`);
    if (p.kind === "user" && !access.roles?.includes(p.user.role)) throw forbidden(`Your role (${p.user.role}) does not allow this`);
    await next();
  });
}
