// The authorization matrix: every route of the app (enumerated from the router, so none can be forgotten),
// called by anonymous, each user role and each API-key scope, must allow or refuse exactly as written below.
// Routes with ids are called on real objects made for each call (a template, a response, a user, a survey link…), so
// a refusal is checked where there is something to protect and an allowed call reaches the handler; "allowed" means
// an expected answer (2xx, or a 4xx about the input such as 400), never a 500. Objects that belong to someone (a
// user's sessions) are also checked across owners below.
import { afterAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../server/domain/crypto";
import { createApiKey } from "../../server/services/api-keys";
import { addSuppression } from "../../server/services/suppressions";
import { createUser, openSession, type ApiKeyScope, type User } from "../../server/services/auth";
import { INGEST_KEY, bearer, makeApp, postJson, purchase, tokenFromEmail } from "../helpers";

type Role = User["role"];
/**
 * Who may call a route. `public`: anyone, signed in or not. `basic`: only HTTP Basic with a full-scope API key as the
 * user name (the Delighted-compatible /v1 API) — every Bearer or cookie caller gets 401. `metrics`: only the operator's
 * METRICS_TOKEN as a bearer (sessions and API keys get 401). Otherwise the roles and API-key scopes allowed.
 */
type Access = "public" | "basic" | "metrics" | { roles: Role[]; scopes: ApiKeyScope[] };

const ALL: Role[] = ["admin", "marketer", "support", "viewer"];
const ADMIN: Role[] = ["admin"];
const NO_KEYS: ApiKeyScope[] = [];

/**
 * THE MATRIX — one row per route, "METHOD /path" as Hono lists it (params as :name).
 * Adding a route? Add its row here; the failure message prints the exact line to paste.
 */
const EXPECTED: Record<string, Access> = {
  "GET /healthz": "public",
  "GET /openapi.json": "public",
  // The operator's scraper, with its own token (docs/SELF-HOSTING.md).
  "GET /metrics": "metrics",
  // Accounts
  "POST /api/v1/auth/login": "public",
  "POST /api/v1/auth/logout": "public",
  "POST /api/v1/auth/password-reset": "public",
  "POST /api/v1/auth/set-password": "public",
  "GET /api/v1/auth/session": "public",
  "GET /api/v1/auth/me": { roles: ALL, scopes: NO_KEYS },
  "PATCH /api/v1/auth/me": { roles: ALL, scopes: NO_KEYS },
  "GET /api/v1/auth/sessions": { roles: ALL, scopes: NO_KEYS },
  "DELETE /api/v1/auth/sessions/:id": { roles: ALL, scopes: NO_KEYS },
  "POST /api/v1/auth/logout-all": { roles: ALL, scopes: NO_KEYS },
  "GET /api/v1/users": { roles: ADMIN, scopes: NO_KEYS },
  "POST /api/v1/users": { roles: ADMIN, scopes: NO_KEYS },
  "PATCH /api/v1/users/:id": { roles: ADMIN, scopes: NO_KEYS },
  "POST /api/v1/users/:id/deactivate": { roles: ADMIN, scopes: NO_KEYS },
  "POST /api/v1/users/:id/reactivate": { roles: ADMIN, scopes: NO_KEYS },
  "DELETE /api/v1/users/:id/sessions": { roles: ADMIN, scopes: NO_KEYS },
  "GET /api/v1/audit": { roles: ADMIN, scopes: NO_KEYS },
  "GET /api/v1/api-keys": { roles: ADMIN, scopes: NO_KEYS },
  "POST /api/v1/api-keys": { roles: ADMIN, scopes: NO_KEYS },
  "DELETE /api/v1/api-keys/:id": { roles: ADMIN, scopes: NO_KEYS },
  // Privacy
  "POST /api/v1/privacy/export": { roles: ADMIN, scopes: ["full"] },
  "POST /api/v1/privacy/erase": { roles: ADMIN, scopes: ["full"] },
  "GET /api/v1/privacy/retention": { roles: ADMIN, scopes: NO_KEYS },
  "PUT /api/v1/privacy/retention": { roles: ADMIN, scopes: NO_KEYS },
  // Ingestion and sending
  "POST /api/v1/purchases": { roles: ADMIN, scopes: ["ingest", "full"] },
  "POST /api/v1/dispatch": { roles: ADMIN, scopes: ["ingest", "full"] },
  // Password-reset and invitation links sit in it: reading it is as good as an admin's password (issue 19.1).
  "GET /api/v1/mailbox": { roles: ADMIN, scopes: ["full"] },
  // Reading scores
  "GET /api/v1/scores": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/responses": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/live": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/scores/breakdown": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/scores/compare": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/scores/trend": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/responses/:id": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/responses/export.csv": { roles: ALL, scopes: ["read", "full"] },
  // The closed loop: support leads and admins handle responses; alert rules are admins'
  "PATCH /api/v1/responses/:id": { roles: ["admin", "support"], scopes: ["full"] },
  "POST /api/v1/responses/:id/notes": { roles: ["admin", "support"], scopes: ["full"] },
  "POST /api/v1/responses/:id/reply": { roles: ["admin", "support"], scopes: NO_KEYS },
  "GET /api/v1/assignees": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/alerts": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/alert-rules": { roles: ALL, scopes: ["read", "full"] },
  "POST /api/v1/alert-rules": { roles: ADMIN, scopes: ["full"] },
  "PATCH /api/v1/alert-rules/:id": { roles: ADMIN, scopes: ["full"] },
  "DELETE /api/v1/alert-rules/:id": { roles: ADMIN, scopes: ["full"] },
  // Delivery
  "GET /api/v1/delivery/invitations": { roles: ["admin", "marketer", "support"], scopes: ["read", "full"] },
  "GET /api/v1/delivery/templates": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/suppressions": { roles: ["admin", "support"], scopes: ["read", "full"] },
  "POST /api/v1/suppressions": { roles: ADMIN, scopes: ["full"] },
  "DELETE /api/v1/suppressions/:email": { roles: ADMIN, scopes: ["full"] },
  // Provider webhooks: the signature is the credential
  "POST /webhooks/resend": "public",
  // Analytics
  "GET /api/v1/analytics/compare": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/analytics/drivers": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/analytics/expectations": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/analytics/at-risk": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/analytics/reliability": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/analytics/lexicon": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/analytics/overview": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/analytics/segments": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/analytics/themes": { roles: ALL, scopes: ["read", "full"] },
  "PUT /api/v1/analytics/lexicon": { roles: ["admin", "marketer"], scopes: ["full"] },
  "POST /api/v1/analytics/aspects": { roles: ["admin", "marketer"], scopes: ["read", "full"] },
  "GET /api/v1/automated-clicks": { roles: ALL, scopes: ["read", "full"] },
  // Templates: everyone reads and previews; admins, marketers and full keys edit
  "GET /api/v1/templates": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/templates/presets": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/templates/:id": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/templates/:id/preview/:locale": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/templates/:id/versions/:version": { roles: ALL, scopes: ["read", "full"] },
  "GET /api/v1/templates/:id/overlaps": { roles: ALL, scopes: ["read", "full"] },
  "POST /api/v1/templates/preview": { roles: ALL, scopes: ["read", "full"] },
  "POST /api/v1/templates": { roles: ["admin", "marketer"], scopes: ["full"] },
  "PUT /api/v1/templates/:id": { roles: ["admin", "marketer"], scopes: ["full"] },
  "DELETE /api/v1/templates/:id": { roles: ["admin", "marketer"], scopes: ["full"] },
  "POST /api/v1/templates/:id/archive": { roles: ["admin", "marketer"], scopes: ["full"] },
  "POST /api/v1/templates/:id/duplicate": { roles: ["admin", "marketer"], scopes: ["full"] },
  "POST /api/v1/templates/:id/publish": { roles: ["admin", "marketer"], scopes: ["full"] },
  "POST /api/v1/templates/:id/test-send": { roles: ["admin", "marketer"], scopes: ["full"] },
  // The customer's links: the token in the URL is the credential
  "GET /s/:token": "public",
  "POST /s/:token": "public",
  "GET /u/:token": "public",
  "POST /u/:token": "public",
  "POST /u/:token/resubscribe": "public",
  "GET /s/:token/h": "public",
  // Integrations: exports, imports, outgoing webhooks, store webhooks; /v1 is the Delighted-compatible API (HTTP Basic with an API key, not Bearer or cookies).
  "DELETE /api/v1/webhook-endpoints/:id": { roles: ["admin"], scopes: ["full"] },
  "GET /api/v1/exports/purchases.csv": { roles: ["admin","marketer","support"], scopes: ["read","full"] },
  "GET /api/v1/exports/responses.csv": { roles: ["admin","marketer","support","viewer"], scopes: ["read","full"] },
  "GET /api/v1/exports/responses.json": { roles: ["admin","marketer","support","viewer"], scopes: ["read","full"] },
  // Imports are ingestion: read keys may not list them or watch one (issue 19.8).
  "GET /api/v1/imports": { roles: ["admin"], scopes: ["ingest","full"] },
  "GET /api/v1/imports/:id": { roles: ["admin"], scopes: ["ingest","full"] },
  "GET /api/v1/webhook-endpoints": { roles: ["admin"], scopes: ["full"] },
  "GET /api/v1/webhook-endpoints/:id/deliveries": { roles: ["admin"], scopes: ["full"] },
  "GET /api/v1/webhook-endpoints/:id/secret": { roles: ["admin"], scopes: ["full"] },
  "GET /v1/bounces": "basic",
  "GET /v1/bounces.json": "basic",
  "GET /v1/metrics": "basic",
  "GET /v1/metrics.json": "basic",
  "GET /v1/people": "basic",
  "GET /v1/people.json": "basic",
  "GET /v1/survey_responses": "basic",
  "GET /v1/survey_responses.json": "basic",
  "GET /v1/unsubscribes": "basic",
  "GET /v1/unsubscribes.json": "basic",
  "POST /api/v1/imports": { roles: ["admin"], scopes: ["ingest","full"] },
  "POST /api/v1/imports/purchases": { roles: ["admin"], scopes: ["ingest","full"] },
  // A Delighted import unsubscribes and suppresses people: admins and full keys only.
  "POST /api/v1/imports/delighted": { roles: ["admin"], scopes: ["full"] },
  "POST /api/v1/webhook-endpoints": { roles: ["admin"], scopes: ["full"] },
  "POST /api/v1/webhook-endpoints/:id/rotate-secret": { roles: ["admin"], scopes: ["full"] },
  "POST /v1/people": "basic",
  "POST /v1/people.json": "basic",
  "POST /v1/unsubscribes": "basic",
  "POST /v1/unsubscribes.json": "basic",
  "POST /webhooks/shopify": "public",
  "POST /webhooks/stripe": "public",
  "PUT /api/v1/imports/:id/csv": { roles: ["admin"], scopes: ["ingest","full"] },
  // A Delighted export (people and their answers) is a migration, not ingestion: admins and full keys.
  "PUT /api/v1/imports/:id/delighted": { roles: ["admin"], scopes: ["full"] },
};

const CALLERS = ["anonymous", ...ALL.map((r) => `role:${r}`), ...(["ingest", "read", "full"] as const).map((s) => `key:${s}`)] as const;
type Caller = (typeof CALLERS)[number];

/**
 * What an allowed caller may get: success, or a refusal of the input (the matrix sends an empty body) — never 401/403,
 * and never a 5xx, which would be a crash counted as "allowed".
 */
const ALLOWED_STATUSES = new Set([200, 201, 202, 204, 400, 404, 409, 410, 413, 415, 422]);

const METRICS_TOKEN = "matrix-metrics-token-0123456789";
// Rate limits off: the matrix makes hundreds of calls from one address.
const t = await makeApp({ env: { METRICS_TOKEN, RATE_LIMIT_LOGIN_PER_MINUTE: "0", RATE_LIMIT_SURVEY_PER_MINUTE: "0", RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: "0", RATE_LIMIT_WEBHOOKS_PER_MINUTE: "0" } });
afterAll(() => t.close());

const ORIGIN = "http://localhost:8787";
const userIds = {} as Record<Role, string>;
const [admin] = await t.db.query.users.findMany();
userIds.admin = admin!.id;
for (const role of ["marketer", "support", "viewer"] as const)
  userIds[role] = (await createUser(t.deps, { email: `${role}@example.com`, password: `${role}-password-123`, role })).id;
const keys = {} as Record<ApiKeyScope, string>;
for (const scope of ["ingest", "read", "full"] as const) keys[scope] = (await createApiKey(t.deps, { name: `matrix ${scope}`, scope })).secret;

const sessionCookie = (token: string) => ({ Cookie: `vp_session=${token}`, Origin: ORIGIN });
const sessionId = (token: string) => sha256Hex(token).slice(0, 16);

/** An admin call that must succeed: how the fixtures are made, through the API as a person would. */
async function asAdmin(method: string, path: string, body?: unknown): Promise<any> {
  const token = await openSession(t.deps, { userId: userIds.admin });
  const json: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
  const res = await t.app.request(path, { method, headers: { ...sessionCookie(token), ...json }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`fixture ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

// Shared objects, only read by the routes that use them: an answered survey link and its response, an unsubscribe link.
expect((await postJson(t.app, "/api/v1/purchases", purchase({ id: "matrix-order" }), bearer(INGEST_KEY))).status).toBeLessThan(300);
expect((await postJson(t.app, "/api/v1/dispatch", {}, bearer(INGEST_KEY))).status).toBeLessThan(300);
const invitationEmail = (await asAdmin("GET", "/api/v1/mailbox")).emails.find((m: { to: string }) => m.to === "lan@example.com");
const surveyToken = tokenFromEmail(invitationEmail.html);
const unsubscribeToken = /\/u\/([A-Za-z0-9_-]{43})/.exec(invitationEmail.html)![1]!;
expect((await postJson(t.app, `/s/${surveyToken}`, { score: 7, comment: "matrix" }, {})).status).toBeLessThan(400);
const responseId: string = (await asAdmin("GET", "/api/v1/responses?limit=1")).responses[0].id;
const defaultTemplateId: string = (await asAdmin("GET", "/api/v1/templates")).templates[0].id;

/** The id of what a create route answered: the object itself, or the one object it is wrapped in. */
const idOf = (created: any): string => created.id ?? (Object.values(created).find((v: any) => typeof v?.id === "string") as { id: string }).id;

let serial = 0;
/**
 * The real object each parameter of a route names, made fresh for this call when the route may change or remove it, so
 * that every caller meets an object that exists. `caller` matters for what belongs to someone: a user's own session.
 */
async function fixture(pattern: string, param: string, caller: Caller): Promise<string> {
  const n = ++serial;
  if (param === "token") return pattern.startsWith("/u/") ? unsubscribeToken : surveyToken;
  if (param === "locale") return "en";
  if (param === "version") return "1";
  if (param === "email") return (await addSuppression(t.deps, { email: `suppressed-${n}@example.com` }, "matrix")).suppression.email;
  if (pattern.startsWith("/api/v1/templates/")) return idOf(await asAdmin("POST", `/api/v1/templates/${defaultTemplateId}/duplicate`));
  if (pattern.startsWith("/api/v1/responses/")) return responseId;
  if (pattern.startsWith("/api/v1/alert-rules/")) return idOf(await asAdmin("POST", "/api/v1/alert-rules", { name: `rule ${n}`, maxScore: 3, recipients: ["lead@example.com"] }));
  if (pattern.startsWith("/api/v1/api-keys/")) return (await createApiKey(t.deps, { name: `doomed ${n}`, scope: "read" })).key.id;
  if (pattern.startsWith("/api/v1/users/")) return (await createUser(t.deps, { email: `target-${n}@example.com`, password: "target-password-123", role: "viewer" })).id;
  if (pattern.startsWith("/api/v1/webhook-endpoints/")) return idOf(await asAdmin("POST", "/api/v1/webhook-endpoints", { url: `https://hooks.example.com/${n}`, events: ["response.created"] }));
  if (pattern.startsWith("/api/v1/imports/")) return idOf(await asAdmin("POST", "/api/v1/imports", { fileName: `matrix-${n}.csv`, ...(pattern.endsWith("/delighted") && { kind: "delighted" }) }));
  if (pattern.startsWith("/api/v1/auth/sessions/")) {
    // A signed-in user ends another session of their own; anyone else is refused before the id matters.
    const [kind, name] = caller.split(":");
    return sessionId(await openSession(t.deps, { userId: kind === "role" ? userIds[name as Role] : userIds.admin }));
  }
  throw new Error(`no fixture for :${param} in ${pattern}: add one to fixture() in test/api/authorization-matrix.test.ts`);
}

/** Every route the app serves, from Hono's own list (middleware entries are method ALL). */
const routes = [...new Set(t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))].sort();

async function headersFor(caller: Caller): Promise<Record<string, string>> {
  if (caller === "anonymous") return {};
  const [kind, name] = caller.split(":") as ["role" | "key", string];
  // A fresh session per call: a route such as logout-all may end the one before.
  if (kind === "role") return sessionCookie(await openSession(t.deps, { userId: userIds[name as Role] }));
  return { Authorization: `Bearer ${keys[name as ApiKeyScope]}` };
}

async function pathFor(pattern: string, caller: Caller): Promise<string> {
  let path = pattern;
  for (const [, param] of pattern.matchAll(/:(\w+)/g)) path = path.replace(`:${param}`, encodeURIComponent(await fixture(pattern, param!, caller)));
  return path;
}

/** Calls the route on real objects with an empty body (so most writes are refused as input, and nothing is lost). */
async function call(route: string, caller: Caller, headers?: Record<string, string>): Promise<{ status: number; body: string }> {
  const [method, pattern] = route.split(" ") as [string, string];
  const hasBody = !["GET", "HEAD"].includes(method);
  const res = await t.app.request(await pathFor(pattern, caller), {
    method,
    headers: { ...(headers ?? (await headersFor(caller))), ...(hasBody && { "Content-Type": "application/json" }) },
    body: hasBody ? "{}" : undefined,
  });
  // The live stream never ends by itself: its status is enough.
  const body = res.headers.get("content-type")?.includes("text/event-stream") ? (await res.body?.cancel(), "") : await res.text();
  return { status: res.status, body: body.slice(0, 300) };
}

const allowed = (access: Access, caller: Caller) => {
  if (access === "public") return true;
  if (access === "basic" || access === "metrics") return false;
  if (caller === "anonymous") return false;
  const [kind, name] = caller.split(":");
  return kind === "role" ? access.roles.includes(name as Role) : access.scopes.includes(name as ApiKeyScope);
};

/** What a route does now, written as a matrix row. */
async function observedRow(route: string): Promise<string> {
  const ok = new Set<Caller>();
  for (const caller of CALLERS) if (ALLOWED_STATUSES.has((await call(route, caller)).status)) ok.add(caller);
  if (ok.size === CALLERS.length) return `"${route}": "public",`;
  const roles = ALL.filter((r) => ok.has(`role:${r}`));
  const scopes = (["ingest", "read", "full"] as const).filter((s) => ok.has(`key:${s}`));
  return `"${route}": { roles: ${JSON.stringify(roles)}, scopes: ${JSON.stringify(scopes)} },`;
}

describe("authorization matrix", () => {
  it("has a row for every route the app serves, and no row for a route that is gone", async () => {
    const missing = routes.filter((r) => !(r in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((r) => !routes.includes(r));
    const problems: string[] = [];
    if (missing.length) {
      const rows = await Promise.all(missing.map(observedRow));
      problems.push(
        `Routes missing from the authorization matrix. Add to EXPECTED in test/api/authorization-matrix.test.ts ` +
          `(this is what each route does NOW — check it is what it SHOULD do):\n${rows.map((r) => `  ${r}`).join("\n")}`,
      );
    }
    if (stale.length) problems.push(`Rows for routes that no longer exist; remove from EXPECTED:\n${stale.map((r) => `  "${r}"`).join("\n")}`);
    // Thrown as is, so the rows to paste read cleanly in the report.
    if (problems.length) throw new Error(problems.join("\n\n"));
  });

  it.each(routes.filter((r) => r in EXPECTED))("%s: allows and refuses each caller as the matrix says", async (route) => {
    const access = EXPECTED[route]!;
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      const { status, body } = await call(route, caller);
      // Refusals are precise: anonymous callers get 401 (sign in), known callers without the right get 403.
      const expectedRefusal = caller === "anonymous" || access === "basic" || access === "metrics" ? 401 : 403;
      if (allowed(access, caller) && !ALLOWED_STATUSES.has(status)) wrong.push(`${caller}: expected allowed (2xx or an input error), got ${status} ${body}`);
      if (!allowed(access, caller) && status !== expectedRefusal) wrong.push(`${caller}: expected ${expectedRefusal}, got ${status}`);
    }
    const [method] = route.split(" ") as [string, string];
    if (access === "basic") {
      const { status, body } = await call(route, "anonymous", { Authorization: `Basic ${btoa(`${keys.full}:`)}` });
      if (!ALLOWED_STATUSES.has(status)) wrong.push(`HTTP Basic with a full key: expected allowed, got ${status} ${body}`);
    }
    if (access === "metrics") {
      const { status, body } = await call(route, "anonymous", { Authorization: `Bearer ${METRICS_TOKEN}` });
      if (status !== 200) wrong.push(`METRICS_TOKEN: expected 200, got ${status} ${body}`);
    }
    expect(wrong, method).toEqual([]);
  });
});

describe("objects that belong to someone", () => {
  it("one user cannot see or end another's session; their own they can", async () => {
    const viewer = await openSession(t.deps, { userId: userIds.viewer });
    const marketer = await openSession(t.deps, { userId: userIds.marketer });
    const mine = (await (await t.app.request("/api/v1/auth/sessions", { headers: sessionCookie(viewer) })).json()).sessions.map((s: { id: string }) => s.id);
    expect(mine).toContain(sessionId(viewer));
    expect(mine).not.toContain(sessionId(marketer));
    const end = (id: string, token: string) => t.app.request(`/api/v1/auth/sessions/${id}`, { method: "DELETE", headers: sessionCookie(token) });
    // Someone else's session is not found for the viewer (not 403: its existence is not told), and it still works.
    expect((await end(sessionId(marketer), viewer)).status).toBe(404);
    expect((await t.app.request("/api/v1/auth/me", { headers: sessionCookie(marketer) })).status).toBe(200);
    // An admin's session is no one else's either.
    const adminToken = await openSession(t.deps, { userId: userIds.admin });
    expect((await end(sessionId(adminToken), marketer)).status).toBe(404);
    expect((await t.app.request("/api/v1/auth/me", { headers: sessionCookie(adminToken) })).status).toBe(200);
    // Their own other session: ended, and refused at its next request.
    const viewerElsewhere = await openSession(t.deps, { userId: userIds.viewer });
    expect((await end(sessionId(viewerElsewhere), viewer)).status).toBeLessThan(300);
    expect((await t.app.request("/api/v1/auth/me", { headers: sessionCookie(viewerElsewhere) })).status).toBe(401);
  });

  it("PATCH /auth/me changes the caller only", async () => {
    const me = async (token: string) => (await t.app.request("/api/v1/auth/me", { headers: sessionCookie(token) })).json();
    const viewer = await openSession(t.deps, { userId: userIds.viewer });
    const support = await openSession(t.deps, { userId: userIds.support });
    const before = (await me(support)).locale;
    const res = await t.app.request("/api/v1/auth/me", { method: "PATCH", headers: { ...sessionCookie(viewer), "Content-Type": "application/json" }, body: JSON.stringify({ locale: before === "vi" ? "en" : "vi" }) });
    expect(res.status).toBe(200);
    expect((await me(viewer)).locale).toBe(before === "vi" ? "en" : "vi");
    expect((await me(support)).locale).toBe(before);
  });
});
