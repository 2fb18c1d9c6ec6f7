// Issue 19.6: sessions end after an idle time as well as after 14 days; __Host- cookie over https;
// no-store on every /api response; a deactivated account with the right password looks like a wrong password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../server/services/auth";
import { ADMIN, INGEST_KEY, asBrowser, bearer, makeApp, postJson, purchase, signInCookie, type TestApp } from "../helpers";

const HOUR = 3_600_000;
const MINUTE = 60_000;

let t: TestApp;
beforeAll(async () => void (t = await makeApp()));
afterAll(() => t.close());

const me = (app: TestApp["app"], cookie: string) => app.request("/api/v1/auth/me", { headers: { Cookie: cookie } });

describe("idle timeout", () => {
  it("ends a session after 8 hours without a request (the default), while use keeps it going", async () => {
    const cookie = await signInCookie(t.app);
    t.clock.advance(7 * HOUR + 59 * MINUTE);
    expect((await me(t.app, cookie)).status).toBe(200);
    // Used just now: another 7 h 59 min later it still holds, 15 h 58 min after sign-in.
    t.clock.advance(7 * HOUR + 59 * MINUTE);
    expect((await me(t.app, cookie)).status).toBe(200);
    t.clock.advance(8 * HOUR + MINUTE);
    expect((await me(t.app, cookie)).status).toBe(401);
    // …and it is gone from the user's session list too.
    const fresh = await signInCookie(t.app);
    const { sessions } = await (await t.app.request("/api/v1/auth/sessions", { headers: { Cookie: fresh } })).json();
    expect(sessions.map((s: { current: boolean }) => s.current)).toEqual([true]);
  });

  it("takes SESSION_IDLE_TIMEOUT_MS", async () => {
    const short = await makeApp({ env: { SESSION_IDLE_TIMEOUT_MS: String(HOUR) } });
    try {
      const idle = await signInCookie(short.app);
      const busy = await signInCookie(short.app);
      short.clock.advance(59 * MINUTE);
      expect((await me(short.app, busy)).status).toBe(200);
      short.clock.advance(2 * MINUTE);
      expect((await me(short.app, idle)).status).toBe(401);
      expect((await me(short.app, busy)).status).toBe(200);
    } finally {
      short.close();
    }
  });

  it("keeps the 14-day limit for a session in constant use", async () => {
    const busy = await signInCookie(t.app);
    for (let elapsed = 0; elapsed + 7 * HOUR < 14 * 24 * HOUR; elapsed += 7 * HOUR) {
      t.clock.advance(7 * HOUR);
      expect((await me(t.app, busy)).status).toBe(200);
    }
    t.clock.advance(7 * HOUR);
    expect((await me(t.app, busy)).status).toBe(401);
  });
});

describe("the session cookie over https", () => {
  it("is __Host-vp_session (Secure, Path=/, no Domain), and a plain vp_session cookie is not taken there", async () => {
    const https = await makeApp({ env: { PUBLIC_URL: "https://feedback.example.com" } });
    try {
      const res = await postJson(https.app, "/api/v1/auth/login", ADMIN, {});
      const setCookie = res.headers.get("set-cookie")!;
      expect(setCookie).toMatch(/^__Host-vp_session=[^;]+;/);
      expect(setCookie).toMatch(/; Secure/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).not.toMatch(/Domain=/i);
      const cookie = setCookie.split(";")[0];
      expect((await me(https.app, cookie)).status).toBe(200);
      expect((await me(https.app, cookie.replace("__Host-", ""))).status).toBe(401);
      // A cookie-authenticated change still needs our own origin, under the new name too.
      const foreign = await https.app.request("/api/v1/auth/logout", { method: "POST", headers: { Cookie: cookie, Origin: "https://evil.example" } });
      expect(foreign.status).toBe(403);
      const out = await https.app.request("/api/v1/auth/logout", { method: "POST", headers: { Cookie: cookie, Origin: "https://feedback.example.com" } });
      expect(out.headers.get("set-cookie")).toMatch(/^__Host-vp_session=;/);
      expect((await me(https.app, cookie)).status).toBe(401);
    } finally {
      https.close();
    }
  });

  it("stays vp_session on http://localhost", async () => {
    expect(await signInCookie(t.app)).toMatch(/^vp_session=/);
  });
});

describe("Cache-Control: no-store", () => {
  it("is on every /api GET the OpenAPI document lists, on errors, on writes, on exports and on the Delighted-compatible API", async () => {
    const cookie = await signInCookie(t.app);
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "no-store-1" }));
    const doc = await (await t.app.request("/openapi.json")).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith("/api/") && !p.includes("{") && doc.paths[p].get && p !== "/api/v1/live");
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const res = await t.app.request(path, { headers: { Cookie: cookie } });
      expect({ path, cacheControl: res.headers.get("cache-control") }).toEqual({ path, cacheControl: "no-store" });
      await res.body?.cancel();
    }
    const checks = [
      await t.app.request("/api/v1/auth/me"),
      await postJson(t.app, "/api/v1/auth/login", { ...ADMIN, password: "wrong password" }, {}),
      await postJson(t.app, "/api/v1/auth/login", ADMIN, {}),
      await postJson(t.app, "/api/v1/purchases", purchase({ id: "no-store-2" })),
      await t.app.request("/api/v1/exports/purchases.csv", { headers: bearer() }),
      // The Delighted-compatible API (HTTP Basic with the key as user) returns people and answers too.
      await t.app.request("/v1/survey_responses.json", { headers: { Authorization: `Basic ${Buffer.from(`${INGEST_KEY}:`).toString("base64")}` } }),
    ];
    for (const res of checks) expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("a deactivated account", () => {
  it("gets the same answer with the right password as with a wrong one", async () => {
    const admin = await signInCookie(t.app);
    const user = await createUser(t.deps, { email: "gone@example.com", password: "gone-password-123", role: "support" });
    expect((await t.app.request(`/api/v1/users/${user.id}/deactivate`, { method: "POST", headers: asBrowser(admin) })).status).toBe(200);

    const right = await postJson(t.app, "/api/v1/auth/login", { email: "gone@example.com", password: "gone-password-123" }, {});
    const wrong = await postJson(t.app, "/api/v1/auth/login", { email: "gone@example.com", password: "not the password" }, {});
    const unknown = await postJson(t.app, "/api/v1/auth/login", { email: "nobody@example.com", password: "gone-password-123" }, {});
    expect(right.status).toBe(401);
    expect(right.headers.get("set-cookie")).toBeNull();
    // Every error carries its own request's id; the rest of the answer must not tell the three apart.
    const withoutRequestId = async (res: Response) => {
      const { error } = (await res.json()) as { error: { code: string; requestId?: string } };
      const { requestId: _, ...rest } = error;
      return { error: rest };
    };
    const body = await withoutRequestId(right);
    expect(body).toEqual(await withoutRequestId(wrong));
    expect(body).toEqual(await withoutRequestId(unknown));
    expect(body.error.code).toBe("invalid_credentials");
  });
});
