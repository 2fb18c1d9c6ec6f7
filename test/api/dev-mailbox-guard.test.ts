// The dev mailbox holds password-reset and invitation links: only admins and full-scope keys read it, and it does not
// run on a public address unless asked (issue 19.1: a read-only key became admin through it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config";
import { devMailboxGuard, mailerFromConfig } from "../../server/services/mailers/mailer-from-config";
import { createApiKey } from "../../server/services/api-keys";
import { ADMIN, asBrowser, bearer, makeApp, postJson, signInCookie, type TestApp } from "../helpers";
import { startNodeServer } from "../node-server";
import worker from "../../server/worker";

describe("GET /api/v1/mailbox: a password-reset link is an admin's password", () => {
  let t: TestApp;
  const keys = {} as Record<"ingest" | "read" | "full", string>;
  beforeAll(async () => {
    t = await makeApp();
    for (const scope of ["ingest", "read", "full"] as const) keys[scope] = (await createApiKey(t.deps, { name: scope, scope })).secret;
  });
  afterAll(() => t.close());

  it("does not let a read key take over the admin through a password reset", async () => {
    // The attack: anyone asks for the admin's reset link, then reads it from the mailbox with a read-only key.
    expect((await postJson(t.app, "/api/v1/auth/password-reset", { email: ADMIN.email }, {})).status).toBe(202);
    for (const scope of ["read", "ingest"] as const) {
      const res = await t.app.request("/api/v1/mailbox", { headers: bearer(keys[scope]) });
      expect(res.status, scope).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: "forbidden", message: `This API key's scope (${scope}) does not allow this` });
    }
    // The admin's password still works: nobody could set another.
    expect(await signInCookie(t.app)).toMatch(/^vp_session=/);
  });

  it("shows the mailbox to an admin's session and to a full-scope key only", async () => {
    const full = await t.app.request("/api/v1/mailbox", { headers: bearer(keys.full) });
    expect(full.status).toBe(200);
    expect((await full.json()).emails.some((e: { to: string; subject: string }) => e.to === ADMIN.email)).toBe(true);
    expect((await t.app.request("/api/v1/mailbox", { headers: asBrowser(await signInCookie(t.app)) })).status).toBe(200);
    expect((await t.app.request("/api/v1/mailbox")).status).toBe(401);
  });
});

describe("the dev mailbox off loopback", () => {
  const env = (e: Record<string, string>) => loadConfig({ PUBLIC_URL: "https://feedback.example.com", ...e });

  it("is refused on a public PUBLIC_URL without RESEND_API_KEY, naming the way out", () => {
    const guard = devMailboxGuard(env({}));
    expect(guard).toEqual({ refuse: expect.stringContaining("DEV_MAILBOX=on") });
    expect(() => mailerFromConfig(env({}), null as never, Date.now, { error() {} })).toThrow(/RESEND_API_KEY: not set, and PUBLIC_URL \(feedback\.example\.com\) is not this machine/);
  });

  it("runs with DEV_MAILBOX=on, with a warning in the log", () => {
    const logged: string[] = [];
    const mailer = mailerFromConfig(env({ DEV_MAILBOX: "on" }), null as never, Date.now, { error: (m) => logged.push(m) });
    expect(mailer.kind).toBe("dev-mailbox");
    expect(logged).toEqual([expect.stringMatching(/^warning: DEV_MAILBOX=on with PUBLIC_URL feedback\.example\.com/)]);
  });

  it("runs quietly on loopback, and is not involved when Resend sends", () => {
    for (const url of ["http://localhost:8787", "http://127.0.0.1:9000", "http://[::1]:8787"]) expect(devMailboxGuard(loadConfig({ PUBLIC_URL: url }))).toBeNull();
    expect(devMailboxGuard(env({ RESEND_API_KEY: "re_123" }))).toBeNull();
    expect(() => loadConfig({ DEV_MAILBOX: "yes" })).toThrow(/DEV_MAILBOX/);
  });

  it("refuses on Workers too: the Worker answers misconfigured naming RESEND_API_KEY and DEV_MAILBOX", async () => {
    const env = { DATABASE_URL: "libsql://db.example.turso.io", SECRET_KEY: "k".repeat(40), PUBLIC_URL: "https://feedback.example.com" };
    const res = await worker.fetch(new Request("https://feedback.example.com/healthz"), env, { waitUntil() {}, passThroughOnException() {}, props: {} });
    expect(res.status).toBe(500);
    const { error } = await res.json();
    expect(error.code).toBe("misconfigured");
    expect(error.message).toMatch(/RESEND_API_KEY: not set[\s\S]*DEV_MAILBOX=on/);
  });

  it("stops the Node server at start-up with the message, and starts it with DEV_MAILBOX=on and a warning", async () => {
    await expect(startNodeServer({ PUBLIC_URL: "https://feedback.example.com" })).rejects.toThrow(/server exited with 1:[\s\S]*DEV_MAILBOX=on/);
    const server = await startNodeServer({ PUBLIC_URL: "https://feedback.example.com", DEV_MAILBOX: "on" });
    try {
      expect(server.output()).toMatch(/warning: DEV_MAILBOX=on with PUBLIC_URL feedback\.example\.com/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
