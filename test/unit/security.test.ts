import { describe, expect, it } from "vitest";
import { renderPasswordReset } from "../../emails/password-reset";
import { renderUserInvite } from "../../emails/user-invite";
import { constantTimeEqual } from "../../server/domain/crypto";
import { afterFailure, lockRemainingMs, LOCKOUT_MAX_MS } from "../../server/domain/login-backoff";
import { erasedEmail, monthsBefore } from "../../server/domain/retention";
import { memoryRateLimitStore } from "../../server/http/middleware/rate-limit";
import { LOCALES } from "../../server/domain/template-content";

describe("constantTimeEqual", () => {
  it("is true only for identical strings, whatever their lengths", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "a")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});

describe("login backoff", () => {
  it("locks at the 5th failure for a minute, doubles per further failure, caps at an hour, forgets after a day", () => {
    let s = null as ReturnType<typeof afterFailure> | null;
    for (let i = 0; i < 4; i++) s = afterFailure(s, 0);
    expect(lockRemainingMs(s, 0)).toBe(0);
    s = afterFailure(s, 0);
    expect(lockRemainingMs(s, 0)).toBe(60_000);
    s = afterFailure(s, 60_000);
    expect(lockRemainingMs(s, 60_000)).toBe(120_000);
    for (let i = 0; i < 20; i++) s = afterFailure(s, 200_000);
    expect(lockRemainingMs(s, 200_000)).toBe(LOCKOUT_MAX_MS);
    const dayLater = afterFailure(s, 200_000 + 25 * 3_600_000);
    expect(dayLater.failures).toBe(1);
  });
});

describe("retention cut-off", () => {
  it("counts calendar months and clamps to shorter months", () => {
    expect(new Date(monthsBefore(Date.parse("2026-11-15T10:00:00Z"), 6)).toISOString()).toBe("2026-05-15T10:00:00.000Z");
    expect(new Date(monthsBefore(Date.parse("2026-03-31T00:00:00Z"), 1)).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    // Calendar months of TIMEZONE: in Vietnam (UTC+7) 30 April 20:00 UTC is already 1 May, so a month before is 1 April there.
    expect(new Date(monthsBefore(Date.parse("2026-04-30T20:00:00Z"), 1, 7 * 3_600_000)).toISOString()).toBe("2026-03-31T20:00:00.000Z");
    expect(new Date(monthsBefore(Date.parse("2026-04-30T20:00:00Z"), 1)).toISOString()).toBe("2026-03-30T20:00:00.000Z");
    expect(erasedEmail("01ABC")).toBe("erased-01abc@erased.invalid");
  });
});

describe("memory rate-limit store", () => {
  it("counts per key in fixed windows", () => {
    const store = memoryRateLimitStore(2);
    expect(store.hit("a", 1000, 0)).toEqual({ count: 1, resetAt: 1000 });
    expect(store.hit("a", 1000, 500).count).toBe(2);
    expect(store.hit("b", 1000, 500).count).toBe(1);
    expect(store.hit("a", 1000, 1000)).toEqual({ count: 1, resetAt: 2000 });
    // Full of live windows: a new key still gets counted (the oldest is forgotten).
    expect(store.hit("c", 1000, 1200).count).toBe(1);
  });
});

describe("account emails", () => {
  it.each(LOCALES)("render the invitation and the reset in %s, HTML and text, with the link and escaped names", (locale) => {
    const url = "http://localhost:8787/set-password#token=abc";
    const invite = renderUserInvite({ locale, inviterEmail: "<b>@example.com", role: "support", url, expiresInDays: 7 });
    const reset = renderPasswordReset({ locale, url, expiresInMinutes: 60 });
    for (const e of [invite, reset]) {
      expect(e.subject.length).toBeGreaterThan(5);
      expect(e.html).toContain(url);
      expect(e.text).toContain(url);
      expect(e.html).not.toContain("{");
    }
    expect(invite.html).toContain("&lt;b&gt;@example.com");
    expect(invite.text).toContain(locale === "vi" ? "7 ngày" : "7 days");
    expect(reset.text).toContain("60");
  });
});

describe("logs", () => {
  it("never carry an email, an API key or a survey token, even inside a driver's error message", async () => {
    const { consoleLog } = await import("../../server/deps");
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => void lines.push(line);
    try {
      consoleLog.error("unhandled error", {
        error: `Failed query: insert into customers values (?, ?)\nparams: 01J9,Lan.Nguyen+shop@example.com.vn`,
        auth: "Bearer vp_abcdefghijklmnop",
        url: `/s/${"a".repeat(43)}?score=9`,
      });
    } finally {
      console.error = original;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/example\.com|abcdefghijklmnop|aaaaaaaaaa/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", msg: "unhandled error", url: "/s/[token]?score=9" });
  });
});
