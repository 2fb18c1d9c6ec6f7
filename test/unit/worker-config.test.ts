// The Worker reads its bindings through the same schema as Node, plus what a Worker cannot do without.
import { describe, expect, it } from "vitest";
import { ConfigError, loadWorkerConfig, WORKER_LIVE_POLL_MS } from "../../server/config";

const good = {
  DATABASE_URL: "libsql://valuepulse-acme.turso.io",
  DATABASE_AUTH_TOKEN: "token",
  SECRET_KEY: "0123456789abcdef0123456789abcdef",
  PUBLIC_URL: "https://feedback.example.com",
  ASSETS: { fetch() {} },
};

describe("loadWorkerConfig", () => {
  it("reads vars and secrets, ignores non-string bindings, and polls for live updates by default", () => {
    const c = loadWorkerConfig(good);
    expect(c).toMatchObject({ databaseUrl: good.DATABASE_URL, databaseAuthToken: "token", publicUrl: good.PUBLIC_URL, secureCookies: true });
    expect(c.livePollMs).toBe(WORKER_LIVE_POLL_MS);
    expect(loadWorkerConfig({ ...good, LIVE_POLL_MS: "5000" }).livePollMs).toBe(5000);
  });

  it("refuses a file database, a missing SECRET_KEY or PUBLIC_URL, naming each", () => {
    const { SECRET_KEY: _s, PUBLIC_URL: _p, ...rest } = good;
    let message = "";
    try {
      loadWorkerConfig({ ...rest, DATABASE_URL: "file:data/x.db" });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("SECRET_KEY");
    expect(message).toContain("PUBLIC_URL");
  });

  it("applies the shared schema's rules to bindings (a short SECRET_KEY, a 0 poll interval)", () => {
    expect(() => loadWorkerConfig({ ...good, SECRET_KEY: "short" })).toThrow(/SECRET_KEY: must be at least 32/);
    expect(() => loadWorkerConfig({ ...good, LIVE_POLL_MS: "0" })).toThrow(/LIVE_POLL_MS/);
  });

  it("wants a real sender when sending through Resend", () => {
    expect(() => loadWorkerConfig({ ...good, RESEND_API_KEY: "re_123" })).toThrow(/EMAIL_FROM/);
    expect(loadWorkerConfig({ ...good, RESEND_API_KEY: "re_123", EMAIL_FROM: "Shop <surveys@shop.example>" }).emailFrom).toBe("Shop <surveys@shop.example>");
  });
});
