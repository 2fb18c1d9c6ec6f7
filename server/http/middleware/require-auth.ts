// Refuses anonymous callers (401) and API keys or roles without the needed permission (403).
import { createMiddleware } from "hono/factory";
import { forbidden, unauthorized } from "../../errors";
import type { ApiKeyScope, User } from "../../services/auth";
import type { AppEnv } from "../app-env";
import { ROLES_WHO_MAY } from "../../domain/vocabulary";

export type Access = {
  /** API key scopes allowed; none: API keys are refused. */
  scopes?: readonly ApiKeyScope[];
  /** User roles allowed (one of the vocabulary's ROLES_WHO_MAY); none: users are refused. */
  roles?: readonly User["role"][];
};

export const ANY_ROLE = ROLES_WHO_MAY.read;

export function requireAuth(access: Access) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const p = c.get("principal");
    if (!p) throw unauthorized();
    if (p.kind === "apiKey" && !access.scopes?.includes(p.scope)) throw forbidden(`This API key's scope (${p.scope}) does not allow this`);
    if (p.kind === "user" && !access.roles?.includes(p.user.role)) throw forbidden(`Your role (${p.user.role}) does not allow this`);
    await next();
  });
}
