// The Worker entry refuses to run on bad bindings and says which one, without echoing secrets.
import { describe, expect, it } from "vitest";
import worker from "../../server/worker";

const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };

describe("server/worker.ts fetch", () => {
  it("answers 500 misconfigured naming the missing or bad variables, never their values", async () => {
    const env = { DATABASE_URL: "libsql://db.example.turso.io", DATABASE_AUTH_TOKEN: "super-secret-token", SECRET_KEY: "too-short" };
    const res = await worker.fetch(new Request("https://feedback.example.com/healthz"), env, ctx);
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("misconfigured");
    expect(body.error.message).toContain("SECRET_KEY");
    expect(body.error.message).toContain("PUBLIC_URL");
    expect(JSON.stringify(body)).not.toContain("super-secret-token");
    expect(JSON.stringify(body)).not.toContain("too-short");
  });
});
