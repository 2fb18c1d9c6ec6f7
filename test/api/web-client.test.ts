// The dashboard's typed client (web/src/api-client.ts) against the real app: a route's answer as the pages get it,
// and every failure as the ApiError that web/src/error-text.ts turns into a sentence (code, message, details).
import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError, call, createApiClient, onUnauthorized } from "../../web/src/api-client";
import { ADMIN, makeApp, signInCookie, type TestApp } from "../helpers";

const ORIGIN = "http://localhost:8787";
let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
});
afterEach(() => t.close());

/** The client over the app itself (no socket); with a session cookie it calls as the signed-in browser does. */
const clientFor = (cookie?: string) =>
  createApiClient(ORIGIN, { fetch: (input, init) => Promise.resolve(t.app.request(input instanceof Request ? input : String(input), init)), headers: cookie ? { Cookie: cookie, Origin: ORIGIN } : {} });

const failure = (p: Promise<unknown>) => p.then(() => expect.fail("expected an ApiError"), (e: unknown) => e as ApiError);

describe("the dashboard's API client", () => {
  it("gets a route's answer as its schema says", async () => {
    const me = await call(clientFor(await signInCookie(t.app)).api.v1.auth.me.$get());
    expect(me.user.email).toBe(ADMIN.email);
    expect(me.user.role).toBe("admin");
    expect(typeof me.timeZone).toBe("string");
  });

  it("answers undefined for a bodiless 204", async () => {
    expect(await call(clientFor(await signInCookie(t.app)).api.v1.auth.logout.$post())).toBeUndefined();
  });

  it("turns an invalid body into ApiError invalid_input naming each failing field, and stores nothing", async () => {
    const c = clientFor(await signInCookie(t.app));
    const err = await failure(call(c.api.v1["alert-rules"].$post({ json: { name: "Low", recipients: ["bob@"] } })));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: "invalid_input" });
    expect(err.details).toEqual([expect.objectContaining({ field: "recipients.0", code: "invalid_format", value: "bob@" })]);
    const { rules } = await call(c.api.v1["alert-rules"].$get());
    expect(rules.map((r) => r.name)).not.toContain("Low");
  });

  it("tells onUnauthorized of a 401, except from a sign-in form", async () => {
    let told = 0;
    const off = onUnauthorized(() => told++);
    try {
      const c = clientFor();
      const wrong = await failure(call(c.api.v1.auth.login.$post({ json: { email: ADMIN.email, password: "not the password" } }), { login: true }));
      expect(wrong).toMatchObject({ status: 401, code: "invalid_credentials" });
      expect(told).toBe(0);
      const anonymous = await failure(call(c.api.v1.auth.me.$get()));
      expect(anonymous.status).toBe(401);
      expect(told).toBe(1);
    } finally {
      off();
    }
  });

  it("says network_error, status 0, when the server cannot be reached", async () => {
    // A loopback port nobody listens on: the browser's fetch rejects as it does offline.
    const port = await new Promise<number>((done) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => done(port));
      });
    });
    const err = await failure(call(createApiClient(`http://127.0.0.1:${port}`).api.v1.auth.session.$get()));
    expect(err).toMatchObject({ status: 0, code: "network_error" });
  });
});
