import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createApp } from "../../server/app";
import { DASHBOARD_CSP } from "../../server/http/middleware/dashboard-csp";
import { ADMIN, asBrowser, makeApp, postJson, signInCookie, type TestApp } from "../helpers";
import { CUSTOMERS, invitations } from "./dashboard-data";

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ env: { RATE_LIMIT_SURVEY_PER_MINUTE: "3", RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: "2", RATE_LIMIT_LOGIN_PER_MINUTE: "50", RATE_LIMIT_WEBHOOKS_PER_MINUTE: "2" } });
});
afterAll(() => t.close());

const login = (password: string, email = ADMIN.email) => postJson(t.app, "/api/v1/auth/login", { email, password }, { "cf-connecting-ip": "203.0.113.7" });

describe("login lockout", () => {
  it("locks an account after 5 wrong passwords, with Retry-After, and doubles the lock on the next failure", async () => {
    for (let i = 0; i < 5; i++) expect((await login("wrong password")).status).toBe(401);
    const locked = await login(ADMIN.password);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("60");
    expect((await locked.json()).error.code).toBe("account_locked");

    t.clock.advance(61_000);
    expect((await login("wrong again")).status).toBe(401);
    const longer = await login(ADMIN.password);
    expect(longer.status).toBe(429);
    expect(longer.headers.get("retry-after")).toBe("120");

    t.clock.advance(121_000);
    expect((await login(ADMIN.password)).status).toBe(200);
    // A success clears the count: one more typo does not lock again.
    expect((await login("typo")).status).toBe(401);
    expect((await login(ADMIN.password)).status).toBe(200);
  });

  it("counts wrong guesses sent all at once, each of them", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => login("parallel guess", "burst@example.com")));
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect((await login("one more", "burst@example.com")).status).toBe(429);
  });

  it("locks unknown addresses the same way, so a lock reveals nothing about who has an account", async () => {
    for (let i = 0; i < 5; i++) expect((await login("x", "ghost@example.com")).status).toBe(401);
    expect((await login("x", "ghost@example.com")).status).toBe(429);
    // …and stores no typed-in address.
    const rows = await t.client.execute("select * from login_attempts");
    expect(JSON.stringify(rows.rows)).not.toContain("ghost@example.com");
  });
});

describe("rate limits on public endpoints", () => {
  const post = (path: string, ip: string) =>
    t.app.request(path, { method: "POST", headers: { "Content-Type": "application/json", "cf-connecting-ip": ip }, body: "{}" });

  it("answers 429 with Retry-After to survey posts over the per-IP limit, per address, until the window passes", async () => {
    const token = "x".repeat(43);
    for (let i = 0; i < 3; i++) expect((await post(`/s/${token}`, "198.51.100.1")).status).toBe(404);
    const limited = await post(`/s/${token}`, "198.51.100.1");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
    // Another address has its own budget; reading the page is never limited.
    expect((await post(`/s/${token}`, "198.51.100.2")).status).toBe(404);
    expect((await t.app.request(`/s/${token}`, { headers: { "cf-connecting-ip": "198.51.100.1" } })).status).toBe(404);

    t.clock.advance(60_000);
    expect((await post(`/s/${token}`, "198.51.100.1")).status).toBe(404);
  });

  it("limits posts to one survey link from many addresses", async () => {
    const perToken = await makeApp({ env: { RATE_LIMIT_SURVEY_PER_TOKEN_PER_MINUTE: "2" } });
    const token = "t".repeat(43);
    const postFrom = (ip: string, tok = token) => perToken.app.request(`/s/${tok}`, { method: "POST", headers: { "cf-connecting-ip": ip, "Content-Type": "application/json" }, body: "{}" });
    expect((await postFrom("203.0.113.1")).status).toBe(404);
    expect((await postFrom("203.0.113.2")).status).toBe(404);
    expect((await postFrom("203.0.113.3")).status).toBe(429);
    expect((await postFrom("203.0.113.3", "u".repeat(43))).status).toBe(404);
    perToken.close();
  });

  it("limits unsubscribe, webhook and login posts too", async () => {
    const token = "y".repeat(43);
    for (let i = 0; i < 2; i++) await post(`/u/${token}`, "192.0.2.9");
    expect((await post(`/u/${token}`, "192.0.2.9")).status).toBe(429);
    for (let i = 0; i < 2; i++) await post("/webhooks/shopify", "192.0.2.9");
    expect((await post("/webhooks/shopify", "192.0.2.9")).status).toBe(429);

    const strict = await makeApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: "2" } });
    const attempt = () => postJson(strict.app, "/api/v1/auth/login", { email: "a@example.com", password: "p" }, { "cf-connecting-ip": "192.0.2.10" });
    await attempt();
    await attempt();
    const res = await attempt();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    strict.close();
  });
});

describe("a shared rate-limit store", () => {
  it("makes two app instances (two Workers isolates) count against one budget", async () => {
    const { createApp } = await import("../../server/app");
    const { memoryRateLimitStore } = await import("../../server/http/middleware/rate-limit");
    const shared = memoryRateLimitStore();
    const a = createApp({ ...t.deps, rateLimitStore: shared });
    const b = createApp({ ...t.deps, rateLimitStore: shared });
    const post = (app: typeof a) => app.request(`/u/${"w".repeat(43)}`, { method: "POST", headers: { "cf-connecting-ip": "192.0.2.77" } });
    expect((await post(a)).status).toBe(404);
    expect((await post(b)).status).toBe(404);
    expect((await post(a)).status).toBe(429);
  });
});

describe("CSRF on cookie-authenticated changes", () => {
  it("refuses a cross-site or Origin-less state change riding on the session cookie, and changes nothing", async () => {
    const cookie = await signInCookie(t.app);
    const count = async () => (await t.client.execute("select count(*) as n from users")).rows[0]!.n;
    const before = await count();
    const body = JSON.stringify({ email: "csrf@example.com", role: "admin" });
    // What a hostile page can send without a CORS preflight: a form or text/plain post.
    const crossSite = await t.app.request("/api/v1/users", { method: "POST", headers: { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "text/plain" }, body });
    expect(crossSite.status).toBe(403);
    const form = await t.app.request("/api/v1/users", { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: "email=csrf%40example.com&role=admin" });
    expect(form.status).toBe(403);
    const signOutAll = await t.app.request("/api/v1/auth/logout-all", { method: "POST", headers: { Cookie: cookie } });
    expect(signOutAll.status).toBe(403);
    const erase = await t.app.request("/api/v1/privacy/erase", { method: "POST", headers: { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "multipart/form-data; boundary=x" }, body: "--x--" });
    expect(erase.status).toBe(403);
    expect(await count()).toBe(before);
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: cookie } })).status).toBe(200);

    const sameOrigin = await t.app.request("/api/v1/users", { method: "POST", headers: { ...asBrowser(cookie), "Content-Type": "application/json" }, body });
    expect(sameOrigin.status).toBe(201);
  });
});

describe("secure headers", () => {
  it("give the dashboard's pages a policy that runs only our own scripts, the same on Workers' static files; customer pages keep their own", async () => {
    // An HTML page of the dashboard, as server/node.ts serves them after the app's middleware.
    const withPage = createApp(t.deps);
    withPage.get("/live", (c) => c.html("<!doctype html><div id=root></div>"));
    const csp = (await withPage.request("/live")).headers.get("content-security-policy");
    expect(csp).toBe(DASHBOARD_CSP);
    expect(csp).toContain("script-src 'self';");
    const workers = readFileSync(new URL("../../web/public/_headers", import.meta.url), "utf8").match(/^\s+Content-Security-Policy: (.*)$/m)?.[1];
    expect(workers).toBe(csp);
    const { A } = await invitations(t, [CUSTOMERS[0]]);
    const page = await t.app.request(`/s/${A}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'nonce-[^']+'/);
    // JSON answers carry no page policy.
    expect((await t.app.request("/healthz")).headers.get("content-security-policy")).toBeNull();
  });

  it("are on API answers and customer pages alike", async () => {
    for (const path of ["/healthz", `/s/${"z".repeat(43)}`, "/api/v1/scores"]) {
      const res = await t.app.request(path);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toMatch(/^(DENY|SAMEORIGIN)$/);
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
    }
  });
});

describe("rate limits on the real Node server", () => {
  it("count by the socket's address, which a client cannot forge with a header", async () => {
    const { startNodeServer } = await import("../node-server");
    const server = await startNodeServer({ RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: "2", ADMIN_PASSWORD: "node-password-123" });
    try {
      const post = (ip: string) =>
        fetch(`${server.url}/u/${"q".repeat(43)}`, { method: "POST", headers: { "Content-Type": "application/json", "cf-connecting-ip": ip }, body: "{}" });
      expect((await post("1.1.1.1")).status).toBe(404);
      expect((await post("2.2.2.2")).status).toBe(404);
      const limited = await post("3.3.3.3");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
