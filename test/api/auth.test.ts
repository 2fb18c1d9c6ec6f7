import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, asBrowser, bearer, makeApp, postJson, purchase, signInCookie, type TestApp } from "../helpers";

let t: TestApp;
beforeAll(async () => void (t = await makeApp()));
afterAll(() => t.close());

describe("signing in", () => {
  it("sets an HttpOnly SameSite session cookie for the first admin", async () => {
    const res = await postJson(t.app, "/api/v1/auth/login", ADMIN, {});
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ email: ADMIN.email, role: "admin" });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^vp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // localhost over http: not Secure, or the browser would drop it.
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("marks the cookie Secure when the public URL is https", async () => {
    const https = await makeApp({ env: { PUBLIC_URL: "https://feedback.example.com" } });
    const res = await postJson(https.app, "/api/v1/auth/login", ADMIN, {});
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
    https.close();
  });

  it("refuses a wrong password with 401 and no cookie", async () => {
    const res = await postJson(t.app, "/api/v1/auth/login", { ...ADMIN, password: "wrong password" }, {});
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("knows who is signed in, and forgets after sign-out", async () => {
    const cookie = await signInCookie(t.app);
    const me = await t.app.request("/api/v1/auth/me", { headers: { Cookie: cookie } });
    expect((await me.json()).user.email).toBe(ADMIN.email);
    await t.app.request("/api/v1/auth/logout", { method: "POST", headers: asBrowser(cookie) });
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it("refuses cross-site state changes that ride on the cookie, and bodiless ones without an Origin", async () => {
    const cookie = await signInCookie(t.app);
    const res = await t.app.request("/api/v1/dispatch", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "x=1",
    });
    expect(res.status).toBe(403);
    const noOrigin = await t.app.request("/api/v1/auth/logout", { method: "POST", headers: { Cookie: cookie } });
    expect(noOrigin.status).toBe(403);
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: cookie } })).status).toBe(200);
  });
});

describe("API keys", () => {
  it("are created by an admin, shown once, work at once and stop working when revoked", async () => {
    const cookie = await signInCookie(t.app);
    const created = await postJson(t.app, "/api/v1/api-keys", { name: "shop", scope: "ingest" }, { Cookie: cookie });
    expect(created.status).toBe(201);
    const { key, secret } = await created.json();
    expect(secret).toMatch(/^vp_/);
    expect(key.prefix).toBe(secret.slice(0, key.prefix.length));

    const listed = await (await t.app.request("/api/v1/api-keys", { headers: { Cookie: cookie } })).json();
    expect(JSON.stringify(listed)).not.toContain(secret);

    expect((await postJson(t.app, "/api/v1/purchases", purchase({ id: "k-1", customer: { email: "k1@example.com" } }), bearer(secret))).status).toBe(202);
    const revoked = await t.app.request(`/api/v1/api-keys/${key.id}`, { method: "DELETE", headers: asBrowser(cookie) });
    expect(revoked.status).toBe(204);
    expect((await postJson(t.app, "/api/v1/purchases", purchase({ id: "k-2", customer: { email: "k2@example.com" } }), bearer(secret))).status).toBe(401);
  });

  it("stores keys hashed: the secret is nowhere in the database", async () => {
    const cookie = await signInCookie(t.app);
    const { secret } = await (await postJson(t.app, "/api/v1/api-keys", { name: "hashed" }, { Cookie: cookie })).json();
    const rows = await t.client.execute("select * from api_keys");
    expect(JSON.stringify(rows.rows)).not.toContain(secret);
  });

  it("limit what a key may do by scope: an ingest key cannot read scores (403)", async () => {
    const cookie = await signInCookie(t.app);
    const { secret } = await (await postJson(t.app, "/api/v1/api-keys", { name: "ingest-only", scope: "ingest" }, { Cookie: cookie })).json();
    expect((await t.app.request("/api/v1/scores", { headers: bearer(secret) })).status).toBe(403);
  });

  it("cannot be managed with an API key or anonymously", async () => {
    expect((await t.app.request("/api/v1/api-keys", { headers: bearer() })).status).toBe(403);
    expect((await t.app.request("/api/v1/api-keys")).status).toBe(401);
  });
});
