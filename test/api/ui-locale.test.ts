// Issue 18.9: each staff user's dashboard language is kept on the server (null: follow the browser) and /me returns it.
import { afterAll, describe, expect, it } from "vitest";
import { createUser } from "../../server/services/auth";
import { asBrowser, makeApp, signInCookie, T0 } from "../helpers";

const t = await makeApp();
afterAll(() => t.close());

const me = async (cookie: string) => (await t.app.request("/api/v1/auth/me", { headers: { Cookie: cookie } })).json();
const setLocale = (cookie: string, body: unknown) =>
  t.app.request("/api/v1/auth/me", { method: "PATCH", headers: { ...asBrowser(cookie), "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("PATCH /api/v1/auth/me { locale }", () => {
  it("starts null, keeps the choice for this user only, and null goes back to the browser's", async () => {
    await createUser(t.deps, { email: "lan@example.com", password: "lan-password-123", role: "viewer" });
    const lan = await signInCookie(t.app, { email: "lan@example.com", password: "lan-password-123" });
    const admin = await signInCookie(t.app);
    expect((await me(lan)).locale).toBeNull();

    const res = await setLocale(lan, { locale: "vi" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ locale: "vi" });
    expect((await me(lan)).locale).toBe("vi");
    // Another session of the same user (another browser) gets it too; another user does not.
    const lanElsewhere = await signInCookie(t.app, { email: "lan@example.com", password: "lan-password-123" });
    expect((await me(lanElsewhere)).locale).toBe("vi");
    expect((await me(admin)).locale).toBeNull();

    expect((await setLocale(lan, { locale: null })).status).toBe(200);
    expect((await me(lan)).locale).toBeNull();
  });

  it("refuses a language the dashboard does not have, naming the field, and changes nothing", async () => {
    // A user of its own: the admin's choice is another test's "starts null" (tests run in any order).
    await createUser(t.deps, { email: "minh@example.com", password: "minh-password-123", role: "viewer" });
    const cookie = await signInCookie(t.app, { email: "minh@example.com", password: "minh-password-123" });
    await setLocale(cookie, { locale: "en" });
    const res = await setLocale(cookie, { locale: "fr" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(JSON.stringify(body.error.details)).toContain("locale");
    expect((await me(cookie)).locale).toBe("en");
  });

  it("needs a signed-in user", async () => {
    const res = await t.app.request("/api/v1/auth/me", { method: "PATCH", headers: { "Content-Type": "application/json", Origin: "http://localhost:8787" }, body: JSON.stringify({ locale: "vi" }) });
    expect(res.status).toBe(401);
  });
});
