// Sign in / out / who am I, with an HttpOnly SameSite session cookie.
import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Deps } from "../deps";
import { unauthorized } from "../errors";
import { SESSION_TTL_MS, signIn, signOut } from "../services/auth";
import { router } from "./app-env";
import { SESSION_COOKIE } from "./middleware/authenticate";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { UserSchema } from "./schemas";

const userBody = { content: { "application/json": { schema: z.object({ user: UserSchema }) } } };

const loginRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/login",
  summary: "Sign in (sets the session cookie)",
  request: {
    body: { required: true, content: { "application/json": { schema: z.object({ email: z.email(), password: z.string().min(1).max(1000) }).openapi("Login") } } },
  },
  responses: { 200: { description: "Signed in", ...userBody }, ...errorResponses(400, 401) },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/logout",
  summary: "Sign out (ends this session)",
  responses: { 204: { description: "Signed out" } },
});

const meRoute = createRoute({
  method: "get",
  path: "/api/v1/auth/me",
  summary: "The signed-in user",
  middleware: [requireAuth({ roles: ANY_ROLE })] as const,
  responses: { 200: { description: "The user", ...userBody }, ...errorResponses(401, 403) },
});

export function authRoutes(deps: Deps) {
  return router()
    .openapi(loginRoute, async (c) => {
      const { email, password } = c.req.valid("json");
      const { token, user } = await signIn(deps.db, email, password, deps.clock.now());
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        secure: deps.config.secureCookies,
        sameSite: "Lax",
        path: "/",
        maxAge: SESSION_TTL_MS / 1000,
      });
      return c.json({ user }, 200);
    })
    .openapi(logoutRoute, async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await signOut(deps.db, token);
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: deps.config.secureCookies });
      return c.body(null, 204);
    })
    .openapi(meRoute, (c) => {
      const p = c.get("principal");
      if (p?.kind !== "user") throw unauthorized();
      return c.json({ user: p.user }, 200);
    });
}
