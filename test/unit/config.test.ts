import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";

describe("configuration from the environment", () => {
  it("runs on embedded defaults with nothing set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: "file:data/valuepulse.db", port: 8787, publicUrl: "http://localhost:8787", secureCookies: false });
    expect(c.resendApiKey).toBeUndefined();
  });

  it("derives PUBLIC_URL from PORT and makes cookies Secure on a public https URL", () => {
    expect(loadConfig({ PORT: "9000" }).publicUrl).toBe("http://localhost:9000");
    expect(loadConfig({ PUBLIC_URL: "https://vp.example.com/" })).toMatchObject({ publicUrl: "https://vp.example.com", secureCookies: true });
  });

  it("stops with a message naming each bad variable", () => {
    expect(() => loadConfig({ PORT: "eighty", ADMIN_EMAIL: "nobody", DATABASE_URL: "postgres://x" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "eighty", ADMIN_EMAIL: "nobody", DATABASE_URL: "postgres://x" });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain("PORT");
      expect(msg).toContain("ADMIN_EMAIL");
      expect(msg).toContain("DATABASE_URL");
    }
  });

  it("refuses an ADMIN_PASSWORD shorter than a dashboard password may be (10 characters), so the first admin is not weaker than the rest", () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: "nine-char" })).toThrow(/ADMIN_PASSWORD.*at least 10/);
    expect(loadConfig({ ADMIN_PASSWORD: "ten-chars!" }).adminPassword).toBe("ten-chars!");
  });

  it("takes the business's time zone for the dashboard's days, refusing zones that change offset during the year", () => {
    expect(loadConfig({})).toMatchObject({ timeZone: "UTC", utcOffsetMs: 0 });
    expect(loadConfig({ TIMEZONE: "Asia/Ho_Chi_Minh" })).toMatchObject({ timeZone: "Asia/Ho_Chi_Minh", utcOffsetMs: 7 * 3_600_000 });
    expect(loadConfig({ TIMEZONE: "Asia/Kolkata" }).utcOffsetMs).toBe(5.5 * 3_600_000);
    expect(() => loadConfig({ TIMEZONE: "Europe/Paris" })).toThrow(/TIMEZONE: "Europe\/Paris" changes its offset during the year/);
    expect(() => loadConfig({ TIMEZONE: "Mars/Olympus" })).toThrow(/TIMEZONE: unknown time zone/);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ RESEND_API_KEY: "", PORT: "" })).toMatchObject({ port: 8787, resendApiKey: undefined });
  });
});
