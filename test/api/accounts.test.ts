import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, asBrowser, DAY, makeApp, postJson, signInCookie, type TestApp } from "../helpers";

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await makeApp();
  admin = await signInCookie(t.app);
});
afterAll(() => t.close());

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: { ...asBrowser(cookie), ...(body !== undefined && { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** The newest email to `to` in the dev mailbox, and the set-password token in its link. */
async function lastEmailTo(to: string) {
  const rows = await t.client.execute({ sql: "select subject, html, text from mailbox where to_address = ? order by created_at desc, id desc limit 1", args: [to] });
  const row = rows.rows[0] as unknown as { subject: string; html: string; text: string } | undefined;
  if (!row) throw new Error(`no email to ${to}`);
  const token = row.text.match(/\/set-password#token=([A-Za-z0-9_-]+)/)?.[1];
  return { ...row, token: token! };
}

const login = (email: string, password: string, headers: Record<string, string> = {}) => postJson(t.app, "/api/v1/auth/login", { email, password }, headers);

async function invite(email: string, role: string, locale = "en") {
  const res = await send("POST", "/api/v1/users", admin, { email, role, locale });
  expect(res.status).toBe(201);
  return (await res.json()).user as { id: string; status: string; role: string };
}

async function join(email: string, role: string, password: string): Promise<{ id: string; cookie: string }> {
  const user = await invite(email, role);
  const { token } = await lastEmailTo(email);
  expect((await postJson(t.app, "/api/v1/auth/set-password", { token, password }, {})).status).toBe(200);
  return { id: user.id, cookie: await signInCookie(t.app, { email, password }) };
}

describe("inviting users", () => {
  it("emails a single-use link to set a password; the invited user then signs in with the role given", async () => {
    const user = await invite("mai@example.com", "marketer");
    expect(user).toMatchObject({ status: "invited", role: "marketer" });
    // Invited but no password yet: nothing signs in.
    expect((await login("mai@example.com", "")).status).toBe(400);

    const email = await lastEmailTo("mai@example.com");
    expect(email.subject).toBe("You are invited to ValuePulse");
    expect(email.html).toContain(`/set-password#token=${email.token}`);
    expect(email.text).toContain("admin@example.com invited you to ValuePulse as a marketer");

    const set = await postJson(t.app, "/api/v1/auth/set-password", { token: email.token, password: "a long new password" }, {});
    expect(set.status).toBe(200);
    const res = await login("mai@example.com", "a long new password");
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ email: "mai@example.com", role: "marketer" });

    // The link worked once.
    const again = await postJson(t.app, "/api/v1/auth/set-password", { token: email.token, password: "another long password" }, {});
    expect(again.status).toBe(400);
    expect((await again.json()).error.code).toBe("invalid_token");
  });

  it("writes the invitation in Vietnamese when asked", async () => {
    await invite("vi-user@example.com", "viewer", "vi");
    const email = await lastEmailTo("vi-user@example.com");
    expect(email.subject).toBe("Bạn được mời tham gia ValuePulse");
    expect(email.text).toContain("người xem");
  });

  it("refuses an address that is already a user (409), and names the field on bad input (400)", async () => {
    const dup = await send("POST", "/api/v1/users", admin, { email: ADMIN.email, role: "viewer" });
    expect(dup.status).toBe(409);
    const bad = await send("POST", "/api/v1/users", admin, { email: "not-an-email", role: "boss" });
    expect(bad.status).toBe(400);
    const fields = (await bad.json()).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["email", "role"]));
  });

  it("expires the invitation link after 7 days", async () => {
    await invite("late@example.com", "viewer");
    const { token } = await lastEmailTo("late@example.com");
    t.clock.advance(7 * DAY + 1);
    const res = await postJson(t.app, "/api/v1/auth/set-password", { token, password: "a long new password" }, {});
    expect(res.status).toBe(400);
    // A week without a request ended the admin's session (idle timeout): the other tests sign in afresh.
    admin = await signInCookie(t.app);
  });
});

describe("roles and deactivation", () => {
  it("changes a role, which takes effect on the user's next request", async () => {
    const u = await join("sam@example.com", "viewer", "sam-password-123");
    expect((await t.app.request("/api/v1/mailbox", { headers: { Cookie: u.cookie } })).status).toBe(403);
    const res = await send("PATCH", `/api/v1/users/${u.id}`, admin, { role: "admin" });
    expect((await res.json()).user.role).toBe("admin");
    expect((await t.app.request("/api/v1/mailbox", { headers: { Cookie: u.cookie } })).status).toBe(200);
  });

  it("deactivating ends the user's sessions at once and refuses their sign-in", async () => {
    const u = await join("dana@example.com", "support", "dana-password-123");
    const res = await send("POST", `/api/v1/users/${u.id}/deactivate`, admin);
    expect((await res.json()).user.status).toBe("deactivated");
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: u.cookie } })).status).toBe(401);
    // The right password gets the wrong password's answer (issue 19.6): it does not reveal the account.
    const again = await login("dana@example.com", "dana-password-123");
    expect(again.status).toBe(401);
    expect((await again.json()).error.code).toBe("invalid_credentials");

    await send("POST", `/api/v1/users/${u.id}/reactivate`, admin);
    expect((await login("dana@example.com", "dana-password-123")).status).toBe(200);
  });

  it("never leaves the app without an active admin (409)", async () => {
    const users = (await (await t.app.request("/api/v1/users", { headers: { Cookie: admin } })).json()).users as { id: string; email: string; role: string }[];
    const first = users.find((u) => u.email === ADMIN.email)!;
    // Other tests may have made admins (in any order): demote them so the first admin is the last one.
    for (const other of users.filter((u) => u.role === "admin" && u.id !== first.id))
      expect((await send("PATCH", `/api/v1/users/${other.id}`, admin, { role: "viewer" })).status).toBe(200);
    expect((await send("PATCH", `/api/v1/users/${first.id}`, admin, { role: "viewer" })).status).toBe(409);
    expect((await send("POST", `/api/v1/users/${first.id}/deactivate`, admin)).status).toBe(409);
    expect((await send("PATCH", "/api/v1/users/nobody", admin, { role: "viewer" })).status).toBe(404);
  });
});

describe("an admin's own account", () => {
  it("refuses to deactivate yourself with a clear error, even with another active admin, and changes nothing", async () => {
    const other = await join("second-admin@example.com", "admin", "second-admin-pass-1");
    const res = await send("POST", `/api/v1/users/${other.id}/deactivate`, other.cookie);
    // `other` acts on their own row: refused, and they stay active and signed in.
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: "cannot_deactivate_self", message: expect.stringMatching(/your own account/) });
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: other.cookie } })).status).toBe(200);
    await send("PATCH", `/api/v1/users/${other.id}`, admin, { role: "viewer" });
  });
});

describe("GET /api/v1/auth/session (what the sign-in page asks)", () => {
  it("answers 200 to anyone: signedIn false without a session, true with one", async () => {
    const anon = await t.app.request("/api/v1/auth/session");
    expect(anon.status).toBe(200);
    expect(await anon.json()).toEqual({ signedIn: false });
    const mine = await t.app.request("/api/v1/auth/session", { headers: { Cookie: admin } });
    expect(await mine.json()).toEqual({ signedIn: true });
  });
});

describe("password reset", () => {
  it("emails a link that sets a new password, expires after an hour and signs the user out everywhere", async () => {
    const u = await join("reset@example.com", "viewer", "old-password-123");
    const res = await postJson(t.app, "/api/v1/auth/password-reset", { email: "reset@example.com" }, { "Accept-Language": "vi-VN,vi;q=0.9" });
    expect(res.status).toBe(202);
    const email = await lastEmailTo("reset@example.com");
    expect(email.subject).toBe("Đặt lại mật khẩu ValuePulse");

    expect((await postJson(t.app, "/api/v1/auth/set-password", { token: email.token, password: "short" }, {})).status).toBe(400);
    expect((await postJson(t.app, "/api/v1/auth/set-password", { token: email.token, password: "brand-new-password" }, {})).status).toBe(200);
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: u.cookie } })).status).toBe(401);
    expect((await login("reset@example.com", "old-password-123")).status).toBe(401);
    expect((await login("reset@example.com", "brand-new-password")).status).toBe(200);

    await postJson(t.app, "/api/v1/auth/password-reset", { email: "reset@example.com" }, {});
    const late = await lastEmailTo("reset@example.com");
    t.clock.advance(60 * 60_000 + 1);
    expect((await postJson(t.app, "/api/v1/auth/set-password", { token: late.token, password: "too-late-password" }, {})).status).toBe(400);
  });

  it("answers the same for an unknown address, and sends nothing", async () => {
    const before = (await t.client.execute("select count(*) as n from mailbox")).rows[0]!.n;
    const res = await postJson(t.app, "/api/v1/auth/password-reset", { email: "nobody@example.com" }, {});
    expect(res.status).toBe(202);
    expect((await t.client.execute("select count(*) as n from mailbox")).rows[0]!.n).toBe(before);
  });

  it("stores only hashes of the emailed tokens", async () => {
    await postJson(t.app, "/api/v1/auth/password-reset", { email: ADMIN.email }, {});
    const { token } = await lastEmailTo(ADMIN.email);
    const rows = await t.client.execute("select * from password_tokens");
    expect(JSON.stringify(rows.rows)).not.toContain(token);
  });
});

describe("sessions", () => {
  it("lists my sessions, ends one, and signs out everywhere", async () => {
    const pw = { email: "multi@example.com", password: "multi-password-1" };
    await join(pw.email, "support", pw.password);
    const laptop = await signInCookie(t.app, pw);
    const phone = (await login(pw.email, pw.password, { "User-Agent": "Phone/1.0" })).headers.get("set-cookie")!.split(";")[0]!;

    const list = (await (await t.app.request("/api/v1/auth/sessions", { headers: { Cookie: laptop } })).json()).sessions as { id: string; current: boolean; userAgent: string | null }[];
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = list.find((s) => s.userAgent === "Phone/1.0")!;

    expect((await send("DELETE", `/api/v1/auth/sessions/${phoneSession.id}`, laptop)).status).toBe(204);
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: phone } })).status).toBe(401);
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: laptop } })).status).toBe(200);
    // Someone else's session id is "not found", not revocable.
    const adminSessions = (await (await t.app.request("/api/v1/auth/sessions", { headers: { Cookie: admin } })).json()).sessions as { id: string }[];
    expect((await send("DELETE", `/api/v1/auth/sessions/${adminSessions[0]!.id}`, laptop)).status).toBe(404);

    const all = await send("POST", "/api/v1/auth/logout-all", laptop);
    expect((await all.json()).ended).toBeGreaterThanOrEqual(2);
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: laptop } })).status).toBe(401);
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: admin } })).status).toBe(200);
  });

  it("lets an admin sign another user out everywhere", async () => {
    const u = await join("lost-laptop@example.com", "viewer", "lost-password-1");
    const res = await send("DELETE", `/api/v1/users/${u.id}/sessions`, admin);
    expect((await res.json()).ended).toBe(1);
    expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: u.cookie } })).status).toBe(401);
  });
});

describe("audit log", () => {
  it("records who changed what, when, with before and after, for admins only", async () => {
    const u = await invite("audited@example.com", "viewer");
    await send("PATCH", `/api/v1/users/${u.id}`, admin, { role: "support" });
    const key = await (await send("POST", "/api/v1/api-keys", admin, { name: "audited key", scope: "read" })).json();
    const res = await t.app.request("/api/v1/audit?limit=10", { headers: { Cookie: admin } });
    expect(res.status).toBe(200);
    const entries = (await res.json()).entries as { action: string; actorLabel: string; targetId: string; before: unknown; after: unknown; at: number }[];
    const change = entries.find((e) => e.action === "user.update" && e.targetId === u.id)!;
    expect(change).toMatchObject({ actorLabel: ADMIN.email, before: { role: "viewer" }, after: { role: "support" }, at: t.clock.now() });
    expect(entries.find((e) => e.action === "user.invite" && e.targetId === u.id)).toBeDefined();
    const keyEntry = entries.find((e) => e.action === "api_key.create")!;
    expect(JSON.stringify(keyEntry)).not.toContain(key.secret);

    const viewer = await join("audit-viewer@example.com", "viewer", "viewer-password-1");
    expect((await t.app.request("/api/v1/audit", { headers: { Cookie: viewer.cookie } })).status).toBe(403);
  });

  it("records the client address of an accepted invitation, like every other entry", async () => {
    const u = await invite("accepts@example.com", "viewer");
    const { token } = await lastEmailTo("accepts@example.com");
    expect((await postJson(t.app, "/api/v1/auth/set-password", { token, password: "accepted-password-1" }, { "cf-connecting-ip": "192.0.2.77" })).status).toBe(200);
    const { entries } = await (await t.app.request("/api/v1/audit?limit=20", { headers: { Cookie: admin } })).json();
    expect(entries.find((e: { action: string; targetId: string }) => e.action === "user.invite_accepted" && e.targetId === u.id)).toMatchObject({ actorLabel: "accepts@example.com", address: "192.0.2.77" });
  });
});

describe("account emails through Resend", () => {
  it("sends the invitation through the provider; a refused send answers 502 and inviting again sends a fresh link", async () => {
    const { startResendFake } = await import("../fakes/resend-fake");
    const { resendMailer } = await import("../../server/services/mailers/resend-mailer");
    const fake = await startResendFake();
    const r = await makeApp({ env: { RESEND_API_KEY: fake.apiKey }, mailer: () => resendMailer(fake.apiKey, fake.url) });
    try {
      const cookie = await signInCookie(r.app);
      const invite = () => r.app.request("/api/v1/users", { method: "POST", headers: { ...asBrowser(cookie), "Content-Type": "application/json" }, body: JSON.stringify({ email: "via-resend@example.com", role: "viewer" }) });
      fake.failNext(1, { status: 422, afterSending: false });
      const failed = await invite();
      expect(failed.status).toBe(502);
      expect((await failed.json()).error.code).toBe("email_not_sent");
      expect(fake.delivered).toHaveLength(0);

      expect((await invite()).status).toBe(201);
      expect(fake.delivered).toHaveLength(1);
      expect(fake.delivered[0]).toMatchObject({ to: ["via-resend@example.com"], subject: "You are invited to ValuePulse" });
      expect(fake.delivered[0]!.text).toMatch(/\/set-password#token=[A-Za-z0-9_-]{43}/);
    } finally {
      r.close();
      await fake.close();
    }
  });
});
