// Dashboard users, admins only: list, invite by email, change role or name, deactivate, reactivate, sign out everywhere.
import { createRoute, z } from "@hono/zod-openapi";
import { negotiateLocale } from "../../emails/i18n";
import type { Deps } from "../deps";
import { actorOf } from "../services/audit";
import { deactivateUser, inviteUser, listUsers, reactivateUser, signOutUser, updateUser } from "../services/users";
import { router } from "./app-env";
import { requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { LOCALES, ROLES, ROLES_WHO_MAY } from "../domain/vocabulary";
import { UserRecordSchema } from "./schemas/accounts";

const adminOnly = requireAuth({ roles: ROLES_WHO_MAY.administer });
const one = { content: { "application/json": { schema: z.object({ user: UserRecordSchema }) } } };
const idParam = z.object({ id: z.string().min(1).max(64) });

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/users",
  summary: "List users",
  middleware: [adminOnly] as const,
  responses: { 200: { description: "Users", content: { "application/json": { schema: z.object({ users: z.array(UserRecordSchema) }) } } }, ...errorResponses(401, 403) },
});

const inviteRoute = createRoute({
  method: "post",
  path: "/api/v1/users",
  summary: "Invite a user by email: they get a single-use link (valid 7 days) to set their password. Inviting a still-invited address sends a fresh link",
  middleware: [adminOnly] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ email: z.email(), name: z.string().trim().min(1).max(100).optional(), role: z.enum(ROLES), locale: z.enum(LOCALES).optional() })
            .openapi("InviteUser"),
        },
      },
    },
  },
  responses: { 201: { description: "Invited", ...one }, ...errorResponses(400, 401, 403, 409) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/api/v1/users/{id}",
  summary: "Change a user's role or name (the last active admin cannot be demoted)",
  middleware: [adminOnly] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: z.object({ role: z.enum(ROLES).optional(), name: z.string().trim().max(100).nullable().optional() }) } } },
  },
  responses: { 200: { description: "Updated", ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const deactivateRoute = createRoute({
  method: "post",
  path: "/api/v1/users/{id}/deactivate",
  summary: "Deactivate a user: they cannot sign in and their sessions end at once",
  middleware: [adminOnly] as const,
  request: { params: idParam },
  responses: { 200: { description: "Deactivated", ...one }, ...errorResponses(401, 403, 404, 409) },
});

const reactivateRoute = createRoute({
  method: "post",
  path: "/api/v1/users/{id}/reactivate",
  summary: "Reactivate a deactivated user",
  middleware: [adminOnly] as const,
  request: { params: idParam },
  responses: { 200: { description: "Reactivated", ...one }, ...errorResponses(401, 403, 404) },
});

const signOutRoute = createRoute({
  method: "delete",
  path: "/api/v1/users/{id}/sessions",
  summary: "Sign a user out everywhere",
  middleware: [adminOnly] as const,
  request: { params: idParam },
  responses: { 200: { description: "Sessions ended", content: { "application/json": { schema: z.object({ ended: z.number().int() }) } } }, ...errorResponses(401, 403, 404) },
});

export function usersRoutes(deps: Deps) {
  return router()
    .openapi(listRoute, async (c) => c.json({ users: await listUsers(deps) }, 200))
    .openapi(inviteRoute, async (c) => {
      const body = c.req.valid("json");
      const locale = body.locale ?? negotiateLocale(c.req.header("accept-language"));
      return c.json({ user: await inviteUser(deps, { ...body, locale, actor: actorOf(c.get("principal")) }) }, 201);
    })
    .openapi(updateRoute, async (c) =>
      c.json({ user: await updateUser(deps, { ...c.req.valid("json"), id: c.req.valid("param").id, actor: actorOf(c.get("principal")) }) }, 200),
    )
    .openapi(deactivateRoute, async (c) => c.json({ user: await deactivateUser(deps, { id: c.req.valid("param").id, actor: actorOf(c.get("principal")) }) }, 200))
    .openapi(reactivateRoute, async (c) => c.json({ user: await reactivateUser(deps, { id: c.req.valid("param").id, actor: actorOf(c.get("principal")) }) }, 200))
    .openapi(signOutRoute, async (c) => c.json({ ended: await signOutUser(deps, { id: c.req.valid("param").id, actor: actorOf(c.get("principal")) }) }, 200));
}
