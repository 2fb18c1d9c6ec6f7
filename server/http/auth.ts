// Sign in / out / who am I, with an HttpOnly SameSite session cookie.
import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Context } from "hono";
import { negotiateLocale } from "../../emails/i18n";
import type { Deps } from "../deps";
import { unauthorized } from "../errors";
import { listSessions, revokeSession, SESSION_TTL_MS, signIn, signOut, signOutEverywhere, type User } from "../services/auth";
import { completePasswordSet, PASSWORD_MAX, PASSWORD_MIN, requestPasswordReset } from "../services/password-tokens";
import { setUiLocale, uiLocaleOf } from "../services/user-preferences";
import { router, type AppEnv } from "./app-env";
import { sessionCookieName } from "./middleware/authenticate";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { LOCALES } from "../domain/vocabulary";
import { SessionInfoSchema, UserSchema } from "./schemas/accounts";

// Staff addresses as a browser's <input type=email> takes them (the HTML standard's rule): a dotless host
// such as the first start's admin@localhost signs in and asks for a reset like any other address.
const staffEmail = z.email({ pattern: z.regexes.html5Email }).max(320);

/** The dashboard's language the user chose; null: the browser's. */
const uiLocale = z.enum(LOCALES).nullable().openapi({ description: "Dashboard language; null follows the browser's" });

const userBody = { content: { "application/json": { schema: z.object({ user: UserSchema }) } } };

const loginRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/login",
  summary: "Sign in (sets the session cookie)",
  request: {
    body: { required: true, content: { "application/json": { schema: z.object({ email: staffEmail, password: z.string().min(1).max(1000) }).openapi("Login") } } },
  },
  responses: {
    200: { description: "Signed in", ...userBody },
    ...errorResponses(400, 401, 403, 429),
  },
  description: "After 5 wrong passwords in a row the account is locked for 1 minute, doubling with each further failure (up to 1 hour): 429 with Retry-After.",
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
  responses: {
    200: {
      description: "The user, and the time zone the dashboard's days start in",
      content: {
        "application/json": {
          schema: z.object({
            user: UserSchema,
            timeZone: z.string().openapi({ description: "IANA name (TIMEZONE): days, weeks and months start at its midnight", example: "Asia/Ho_Chi_Minh" }),
            locale: uiLocale,
          }),
        },
      },
    },
    ...errorResponses(401, 403),
  },
});

const signedIn = requireAuth({ roles: ANY_ROLE });

// The sign-in page asks this, not /me: an anonymous visitor gets 200, so the browser logs no failed request.
const sessionRoute = createRoute({
  method: "get",
  path: "/api/v1/auth/session",
  summary: "Whether this browser has a dashboard session (200 for anyone; /me gives the user)",
  responses: { 200: { description: "Signed in or not", content: { "application/json": { schema: z.object({ signedIn: z.boolean() }).openapi("SessionState") } } } },
});

const updateMeRoute = createRoute({
  method: "patch",
  path: "/api/v1/auth/me",
  summary: "My dashboard settings: the language (null follows the browser's)",
  middleware: [signedIn] as const,
  request: { body: { required: true, content: { "application/json": { schema: z.object({ locale: uiLocale }).openapi("MySettings") } } } },
  responses: { 200: { description: "Saved", content: { "application/json": { schema: z.object({ locale: uiLocale }) } } }, ...errorResponses(400, 401, 403) },
});

const resetRequestRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/password-reset",
  summary: "Email a single-use password reset link (answers 202 whether or not the address has an account)",
  request: { body: { required: true, content: { "application/json": { schema: z.object({ email: staffEmail, locale: z.enum(LOCALES).optional() }) } } } },
  responses: { 202: { description: "If the address belongs to an active user, a link is on its way" }, ...errorResponses(400, 429) },
});

const setPasswordRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/set-password",
  summary: "Set a password with the token from an invitation or reset email; ends every session of the user",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ token: z.string().min(1).max(200), password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX) }).openapi("SetPassword") } },
    },
  },
  responses: { 200: { description: "Password set; sign in with it", content: { "application/json": { schema: z.object({ email: z.string() }) } } }, ...errorResponses(400, 429) },
});

const sessionsRoute = createRoute({
  method: "get",
  path: "/api/v1/auth/sessions",
  summary: "My signed-in sessions",
  middleware: [signedIn] as const,
  responses: { 200: { description: "Sessions, newest first", content: { "application/json": { schema: z.object({ sessions: z.array(SessionInfoSchema) }) } } }, ...errorResponses(401, 403) },
});

const revokeSessionRoute = createRoute({
  method: "delete",
  path: "/api/v1/auth/sessions/{id}",
  summary: "End one of my sessions",
  middleware: [signedIn] as const,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 204: { description: "Ended" }, ...errorResponses(401, 403, 404) },
});

const logoutAllRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/logout-all",
  summary: "Sign out everywhere: end every session of mine, this one included",
  middleware: [signedIn] as const,
  responses: { 200: { description: "Sessions ended", content: { "application/json": { schema: z.object({ ended: z.number().int() }) } } }, ...errorResponses(401, 403) },
});

const currentUser = (c: Context<AppEnv>): User => {
  const p = c.get("principal");
  if (p?.kind !== "user") throw unauthorized();
  return p.user;
};

export function authRoutes(deps: Deps) {
  const SESSION_COOKIE = sessionCookieName(deps.config);
  return router()
    .openapi(loginRoute, async (c) => {
      const { email, password } = c.req.valid("json");
      const { token, user } = await signIn(deps, { email, password, userAgent: c.req.header("user-agent") });
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
      if (token) await signOut(deps, token);
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: deps.config.secureCookies });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const user = currentUser(c);
      return c.json({ user, timeZone: deps.config.timeZone, locale: await uiLocaleOf(deps, user.id) }, 200);
    })
    .openapi(sessionRoute, (c) => c.json({ signedIn: c.get("principal")?.kind === "user" }, 200))
    .openapi(updateMeRoute, async (c) => c.json({ locale: await setUiLocale(deps, { userId: currentUser(c).id, locale: c.req.valid("json").locale }) }, 200))
    .openapi(resetRequestRoute, async (c) => {
      const { email, locale } = c.req.valid("json");
      await requestPasswordReset(deps, { email, locale: locale ?? negotiateLocale(c.req.header("accept-language")) });
      return c.body(null, 202);
    })
    .openapi(setPasswordRoute, async (c) => {
      const { token, password } = c.req.valid("json");
      return c.json(await completePasswordSet(deps, { token, password, address: c.get("clientAddress") }), 200);
    })
    .openapi(sessionsRoute, async (c) =>
      c.json({ sessions: await listSessions(deps, { userId: currentUser(c).id, currentToken: getCookie(c, SESSION_COOKIE), idleTimeoutMs: deps.config.sessionIdleTimeoutMs }) }, 200),
    )
    .openapi(revokeSessionRoute, async (c) => {
      await revokeSession(deps, { userId: currentUser(c).id, id: c.req.valid("param").id });
      return c.body(null, 204);
    })
    .openapi(logoutAllRoute, async (c) => {
      const ended = await signOutEverywhere(deps, currentUser(c).id);
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: deps.config.secureCookies });
      return c.json({ ended }, 200);
    });
}
