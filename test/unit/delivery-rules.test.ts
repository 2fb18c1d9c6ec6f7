// Pure delivery rules: back-off with jitter and Retry-After, send-time rules, provider event states, request spacing, the reminder email.
import { describe, expect, it } from "vitest";
import { renderReminder } from "../../emails/invitation";
import { loadConfig } from "../../server/config";
import { eventRank, stateOfRank, suppressionFor } from "../../server/domain/delivery-status";
import { defaultTemplate } from "../../server/domain/default-template";
import { RETRY_BASE_MS, RETRY_MAX_MS, parseRetryAfter, retryDelayMs } from "../../server/domain/retry-backoff";
import { applySendTimeRules, type SendCandidate } from "../../server/domain/send-time-rules";
import { createRateLimiter } from "../../server/services/mailers/rate-limiter";

const DAY = 24 * 3_600_000;
const NOW = Date.parse("2026-11-01T09:00:00Z");

describe("retryDelayMs", () => {
  it("doubles per attempt, with jitter in the upper half, up to a cap", () => {
    expect(retryDelayMs(1, undefined, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelayMs(1, undefined, () => 1)).toBe(RETRY_BASE_MS);
    expect(retryDelayMs(3, undefined, () => 1)).toBe(RETRY_BASE_MS * 4);
    expect(retryDelayMs(30, undefined, () => 1)).toBe(RETRY_MAX_MS);
  });
  it("never retries sooner than the provider's Retry-After", () => {
    expect(retryDelayMs(1, 120_000, () => 0.5)).toBe(120_000);
  });
  it("reads Retry-After as seconds or as an HTTP date, and ignores nonsense", () => {
    expect(parseRetryAfter("2", NOW)).toBe(2000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe("applySendTimeRules", () => {
  const c = (id: string, over: Partial<SendCandidate> = {}): SendCandidate => ({
    id, customerId: "cus-1", templateId: "tpl-1", dueAt: NOW - 1000, closesAt: NOW + 30 * DAY, unsubscribed: false, suppressed: false, ...over,
  });
  const rules: { throttleDays: number; throttleScope: "template" | "all" } = { throttleDays: 90, throttleScope: "template" };
  const run = (cands: SendCandidate[], lastSent = [] as { customerId: string; templateId: string; at: number }[], r = rules) =>
    applySendTimeRules(cands, { now: NOW, throttle: true, rulesOf: () => r, lastSent });

  it("skips unsubscribed, suppressed and closed invitations, saying why", () => {
    expect(run([c("a", { unsubscribed: true }), c("b", { customerId: "x", suppressed: true }), c("c", { customerId: "y", closesAt: NOW })]).skip).toEqual([
      { id: "a", reason: "unsubscribed" },
      { id: "b", reason: "suppressed" },
      { id: "c", reason: "closed" },
    ]);
  });
  it("throttles a customer sent this template within the window, not after it", () => {
    expect(run([c("a")], [{ customerId: "cus-1", templateId: "tpl-1", at: NOW - 10 * DAY }]).skip).toEqual([{ id: "a", reason: "throttled" }]);
    expect(run([c("a")], [{ customerId: "cus-1", templateId: "tpl-1", at: NOW - 91 * DAY }]).send).toEqual(["a"]);
  });
  it("throttles across templates only when the scope is all", () => {
    const other = [{ customerId: "cus-1", templateId: "tpl-2", at: NOW - DAY }];
    expect(run([c("a")], other).send).toEqual(["a"]);
    expect(run([c("a")], other, { throttleDays: 90, throttleScope: "all" }).skip).toEqual([{ id: "a", reason: "throttled" }]);
  });
  it("sends one of two due invitations of the same customer in the same pass, the older", () => {
    expect(run([c("b", { dueAt: NOW - 10 }), c("a", { dueAt: NOW - 20 })])).toEqual({ send: ["a"], skip: [{ id: "b", reason: "throttled" }] });
  });
  it("skips a reminder of an answered survey but never throttles reminders", () => {
    const r = applySendTimeRules([c("a", { answered: true }), c("b", { customerId: "z" })], {
      now: NOW, throttle: false, rulesOf: () => rules, lastSent: [{ customerId: "z", templateId: "tpl-1", at: NOW - DAY }],
    });
    expect(r).toEqual({ send: ["b"], skip: [{ id: "a", reason: "answered" }] });
  });
});

describe("provider event states", () => {
  it("keeps the furthest state: delivered beats delayed, a bounce or complaint beats delivered", () => {
    const furthest = (...types: string[]) => stateOfRank(Math.max(...types.map(eventRank)));
    expect(furthest("email.delivery_delayed", "email.delivered")).toBe("delivered");
    expect(furthest("email.delivered", "email.complained")).toBe("complained");
    expect(furthest("email.opened")).toBeNull();
  });
  it("suppresses hard bounces and complaints only", () => {
    expect(suppressionFor("email.bounced", "Permanent")).toBe("hard_bounce");
    expect(suppressionFor("email.bounced", "Transient")).toBeNull();
    expect(suppressionFor("email.complained", undefined)).toBe("complaint");
    expect(suppressionFor("email.delivered", undefined)).toBeNull();
  });
});

describe("createRateLimiter", () => {
  it("spaces requests evenly at the configured rate", async () => {
    let now = 0;
    const waits: number[] = [];
    const limit = createRateLimiter(4, { now: () => now, sleep: async (ms) => void waits.push(ms) });
    await Promise.all([limit(), limit(), limit()]);
    expect(waits).toEqual([250, 500]);
    now = 10_000;
    await limit();
    expect(waits).toEqual([250, 500]);
  });
  it("does not wait at all with rate 0 (no limit)", async () => {
    const waits: number[] = [];
    const limit = createRateLimiter(0, { now: () => 0, sleep: async (ms) => void waits.push(ms) });
    await limit();
    await limit();
    expect(waits).toEqual([]);
  });
});

describe("renderReminder", () => {
  const surveyUrl = "https://pulse.example.com/s/tok";
  it.each([
    ["en", "A reminder: how was your purchase from ValuePulse?", "We would still love to hear"],
    ["vi", "Nhắc nhẹ: bạn thấy lần mua hàng tại ValuePulse thế nào?", "Chúng tôi vẫn rất mong"],
  ] as const)("uses the template's reminder subject and intro in %s, with the 11 score links and unsubscribe", (locale, subject, intro) => {
    const r = renderReminder({ locale, content: defaultTemplate.content, customerName: "Lan", productName: "Trà", surveyUrl, unsubscribeUrl: "https://pulse.example.com/u/tok" });
    expect(r.subject).toBe(subject);
    expect(r.text).toContain(intro);
    for (let n = 0; n <= 10; n++) expect(r.html).toContain(`${surveyUrl}?score=${n}"`);
    expect(r.text).toContain("https://pulse.example.com/u/tok");
  });
});

describe("RESEND_REQUESTS_PER_SECOND", () => {
  it("defaults to Resend's default limit of 2, takes 0 for no limit, and refuses a negative rate naming the variable", () => {
    expect(loadConfig({}).resendRequestsPerSecond).toBe(2);
    expect(loadConfig({ RESEND_REQUESTS_PER_SECOND: "0" }).resendRequestsPerSecond).toBe(0);
    expect(() => loadConfig({ RESEND_REQUESTS_PER_SECOND: "-1" })).toThrow(/RESEND_REQUESTS_PER_SECOND/);
  });
});
