// The authorization matrix: every route of the app (enumerated from the router, so none can be forgotten),
// called by anonymous, each user role and each API-key scope, must allow or refuse exactly as written below.
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../server/services/api-keys";
import { createUser, openSession, type ApiKeyScope, type User } from "../../server/services/auth";
import { makeApp } from "../helpers";

type Role = User["role"];
/**
 * Who may call a route. `public`: anyone, signed in or not. `basic`: only HTTP Basic with a full-scope API key as the
 * user name (the Delighted-compatible /v1 API) — every Bearer or cookie caller gets 401. Otherwise the roles and API-key scopes allowed.
 */
type Access = "public" | "basic" | { roles: Role[]; scopes: ApiKeyScope[] };

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
  // Accounts
  "POST /api/v1/auth/login": "public",
  "POST /api/v1/auth/logout": "public",
  "POST /api/v1/auth/password-reset": "public",
  "POST /api/v1/auth/set-password": "public",
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
  "POST /api/v1/webhook-endpoints": { roles: ["admin"], scopes: ["full"] },
  "POST /api/v1/webhook-endpoints/:id/rotate-secret": { roles: ["admin"], scopes: ["full"] },
  "POST /v1/people": "basic",
  "POST /v1/people.json": "basic",
  "POST /v1/unsubscribes": "basic",
  "POST /v1/unsubscribes.json": "basic",
  "POST /webhooks/shopify": "public",
  "POST /webhooks/stripe": "public",
  "PUT /api/v1/imports/:id/csv": { roles: ["admin"], scopes: ["ingest","full"] },
};

const CALLERS = ["anonymous", ...ALL.map((r) => `role:${r}`), ...(["ingest", "read", "full"] as const).map((s) => `key:${s}`)] as const;
type Caller = (typeof CALLERS)[number];

// Rate limits off: the matrix makes hundreds of calls from one address.
const t = await makeApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: "0", RATE_LIMIT_SURVEY_PER_MINUTE: "0", RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: "0", RATE_LIMIT_WEBHOOKS_PER_MINUTE: "0" } });
afterAll(() => t.close());

const userIds = {} as Record<Role, string>;
const [admin] = await t.db.query.users.findMany();
userIds.admin = admin!.id;
for (const role of ["marketer", "support", "viewer"] as const)
  userIds[role] = (await createUser(t.db, { email: `${role}@example.com`, password: `${role}-password-123`, role }, t.clock.now())).id;
const keys = {} as Record<ApiKeyScope, string>;
for (const scope of ["ingest", "read", "full"] as const) keys[scope] = (await createApiKey(t.db, { name: `matrix ${scope}`, scope }, t.clock.now())).secret;

/** Every route the app serves, from Hono's own list (middleware entries are method ALL). */
const routes = [...new Set(t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))].sort();

async function headersFor(caller: Caller): Promise<Record<string, string>> {
  if (caller === "anonymous") return {};
  const [kind, name] = caller.split(":") as ["role" | "key", string];
  // A fresh session per call: a route such as logout-all may end the one before.
  if (kind === "role") return { Cookie: `vp_session=${await openSession(t.db, userIds[name as Role], t.clock.now())}`, Origin: "http://localhost:8787" };
  return { Authorization: `Bearer ${keys[name as ApiKeyScope]}` };
}

/** Calls the route with ids that match nothing and an empty body: an allowed caller gets 400/404, never a change. */
async function call(route: string, caller: Caller): Promise<number> {
  const [method, pattern] = route.split(" ") as [string, string];
  const path = pattern.replace(/:token\b/g, "x".repeat(43)).replace(/:\w+/g, "00000000000000000000000000");
  const hasBody = !["GET", "HEAD"].includes(method);
  const res = await t.app.request(path, {
    method,
    headers: { ...(await headersFor(caller)), ...(hasBody && { "Content-Type": "application/json" }) },
    body: hasBody ? "{}" : undefined,
  });
  await res.body?.cancel(); // the live stream never ends by itself
  return res.status;
}

const allowed = (access: Access, caller: Caller) => {
  if (access === "public") return true;
  if (access === "basic") return false;
  if (caller === "anonymous") return false;
  const [kind, name] = caller.split(":");
  return kind === "role" ? access.roles.includes(name as Role) : access.scopes.includes(name as ApiKeyScope);
};

/** What a route does now, written as a matrix row. */
async function observedRow(route: string): Promise<string> {
  const ok = new Set<Caller>();
  for (const caller of CALLERS) if (![401, 403].includes(await call(route, caller))) ok.add(caller);
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
      const status = await call(route, caller);
      const refused = status === 401 || status === 403;
      // Refusals are precise: anonymous callers get 401 (sign in), known callers without the right get 403.
      const expectedRefusal = caller === "anonymous" || access === "basic" ? 401 : 403;
      if (allowed(access, caller) && refused) wrong.push(`${caller}: expected allowed, got ${status}`);
      if (!allowed(access, caller) && status !== expectedRefusal) wrong.push(`${caller}: expected ${expectedRefusal}, got ${status}`);
    }
    if (access === "basic") {
      const [method, pattern] = route.split(" ") as [string, string];
      const res = await t.app.request(pattern, { method, headers: { Authorization: `Basic ${btoa(`${keys.full}:`)}`, ...(method === "POST" && { "Content-Type": "application/json" }) }, body: method === "POST" ? "{}" : undefined });
      if ([401, 403].includes(res.status)) wrong.push(`HTTP Basic with a full key: expected allowed, got ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
