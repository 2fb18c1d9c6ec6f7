// Sending through the real Resend SDK to the loopback fake: back-off, Retry-After, per-email refusals, crash between send and mark.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { RETRY_WINDOW_MS } from "../../server/domain/retry-backoff";
import { dispatchDue } from "../../server/services/dispatch";
import type { Mailer } from "../../server/services/mailers/mailer";
import { resendMailer } from "../../server/services/mailers/resend-mailer";
import { startResendFake, type ResendFake } from "../fakes/resend-fake";
import { bearer, makeApp, postJson, purchase, type TestApp } from "../helpers";

let fake: ResendFake;
let t: TestApp;

beforeAll(async () => {
  fake = await startResendFake();
  t = await makeApp({ env: { RESEND_API_KEY: fake.apiKey }, mailer: () => resendMailer(fake.apiKey, { baseUrl: fake.url }) });
});
afterAll(async () => {
  t.close();
  await fake.close();
});
afterEach(async () => {
  fake.delivered.length = 0;
  fake.requests.length = 0;
  // Leave nothing due or leased for the next test.
  t.clock.advance(24 * 3_600_000);
  await dispatchDue(t.deps);
  fake.delivered.length = 0;
  fake.requests.length = 0;
});

async function purchases(prefix: string, n: number, email = (i: number) => `${prefix}-${i}@example.com`) {
  for (let i = 0; i < n; i++) await postJson(t.app, "/api/v1/purchases", purchase({ id: `${prefix}-${i}`, customer: { email: email(i) } }));
}
const dispatch = async () => (await postJson(t.app, "/api/v1/dispatch", {})).json();
const deliveries = async (query = "") => (await (await t.app.request(`/api/v1/delivery/invitations${query}`, { headers: bearer() })).json()).invitations;

describe("retries", () => {
  it("honours Retry-After on a 429: nothing is re-sent before it, then the batch goes once under the same key", async () => {
    await purchases("ra", 3);
    fake.failNext(1, { status: 429, afterSending: false, retryAfter: 120 });
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    t.clock.advance(60_000);
    expect((await dispatch()).sent).toBe(0);
    expect(fake.requests).toHaveLength(1); // still inside Retry-After: the provider is not asked again
    t.clock.advance(61_000);
    expect((await dispatch()).sent).toBe(3);
    expect(fake.requests.map((r) => r.idempotencyKey)).toEqual([fake.requests[0].idempotencyKey, fake.requests[0].idempotencyKey]);
    expect(fake.delivered).toHaveLength(3);
  });

  it("starts no other batch while Retry-After runs: an invitation due meanwhile waits too", async () => {
    await purchases("hold-a", 1);
    fake.failNext(1, { status: 429, afterSending: false, retryAfter: 120 });
    await dispatch();
    await purchases("hold-b", 1);
    t.clock.advance(60_000);
    expect((await dispatch()).sent).toBe(0);
    expect(fake.requests).toHaveLength(1);
    t.clock.advance(61_000);
    expect((await dispatch()).sent).toBe(2);
    expect(fake.requests).toHaveLength(3); // the refused batch again, then the new one
  });

  it("retries a 500 after the back-off and sends once; the invitation shows the temporary error meanwhile", async () => {
    await purchases("five", 2);
    fake.failNext(1, { status: 500, afterSending: false });
    expect((await dispatch()).sent).toBe(0);
    const waiting = (await deliveries("?status=sending")).filter((d: { email: string }) => d.email.startsWith("five-"));
    expect(waiting).toHaveLength(2);
    expect(waiting[0].reason).toContain("500");
    expect(waiting[0].attempts).toBe(1);
    t.clock.advance(30_000); // the first back-off is at most 30 s
    expect((await dispatch()).sent).toBe(2);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].idempotencyKey).toBe(fake.requests[0].idempotencyKey);
    expect(fake.delivered).toHaveLength(2);
  });

  it("backs off longer after each refusal", async () => {
    await purchases("slow", 1);
    fake.failNext(2, { status: 503, afterSending: false });
    await dispatch();
    t.clock.advance(30_000);
    await dispatch(); // second refusal: the next wait is 30–60 s
    expect(fake.requests).toHaveLength(2);
    t.clock.advance(29_000);
    await dispatch();
    expect(fake.requests).toHaveLength(2);
    t.clock.advance(31_000);
    expect((await dispatch()).sent).toBe(1);
  });

  it("gives up on a batch still refused when its key is about to expire, and says why", async () => {
    await purchases("expire", 1);
    fake.failNext(1000, { status: 500, afterSending: false });
    await dispatch();
    t.clock.advance(RETRY_WINDOW_MS);
    expect(await dispatch()).toEqual({ sent: 0, failed: 1, skipped: 0 });
    fake.failNext(0, { status: 500, afterSending: false });
    const [d] = (await deliveries("?status=failed")).filter((x: { email: string }) => x.email === "expire-0@example.com");
    expect(d.reason).toMatch(/^Gave up/);
  });
});

describe("validation errors", () => {
  it("fails only the invitation whose address the provider refuses, with the reason, and sends the others", async () => {
    fake.invalidAddresses.add("val-1@example.com");
    await purchases("val", 3);
    expect(await dispatch()).toEqual({ sent: 2, failed: 1, skipped: 0 });
    expect(fake.delivered.map((e) => e.to[0]).sort()).toEqual(["val-0@example.com", "val-2@example.com"]);
    const [bad] = (await deliveries("?status=failed")).filter((d: { email: string }) => d.email === "val-1@example.com");
    expect(bad.reason).toContain("Invalid `to` field");
    t.clock.advance(60_000);
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });
});

describe("a crash between sending and marking sent", () => {
  it("re-sends the same batch under the same key after the lease; the provider replays it and nobody gets two emails", async () => {
    await purchases("crash", 5);
    const real = t.deps.mailer;
    // The process "dies" right after the provider accepted the batch: the answer never comes back.
    const dying: Mailer = { kind: "resend", sendBatch: async (emails, key) => (await real.sendBatch(emails, key), new Promise(() => {})) };
    void dispatchDue({ ...t.deps, mailer: dying });
    await vi.waitFor(() => expect(fake.delivered).toHaveLength(5), { timeout: 10_000 });

    // Restarted before the lease ran out: the batch is left alone.
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    t.clock.advance(t.deps.config.dispatchLeaseMs);
    expect(await dispatch()).toEqual({ sent: 5, failed: 0, skipped: 0 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].idempotencyKey).toBe(fake.requests[0].idempotencyKey);
    expect(fake.delivered).toHaveLength(5);
    const sent = (await deliveries("?status=sent")).filter((d: { email: string }) => d.email.startsWith("crash-"));
    expect(sent).toHaveLength(5);
    const ids = await t.client.execute("select provider_message_id id from invitations where status = 'sent'");
    const delivered = new Set(fake.delivered.map((e) => e.id));
    expect(ids.rows.filter((r) => delivered.has(String(r.id)))).toHaveLength(5);
  });

  it("does not send again when the email changed meanwhile (the customer's name): the provider refuses the key, and the batch counts as sent", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "rename-1", customer: { email: "rename@example.com", name: "Lan" } }));
    const real = t.deps.mailer;
    const dying: Mailer = { kind: "resend", sendBatch: async (emails, key) => (await real.sendBatch(emails, key), new Promise(() => {})) };
    void dispatchDue({ ...t.deps, mailer: dying });
    await vi.waitFor(() => expect(fake.delivered).toHaveLength(1), { timeout: 10_000 });
    // A second order renames the customer (and is throttled: no second invitation).
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "rename-2", customer: { email: "rename@example.com", name: "Lan Nguyễn" } }));

    t.clock.advance(t.deps.config.dispatchLeaseMs);
    expect(await dispatch()).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
    const [d] = (await deliveries()).filter((x: { email: string }) => x.email === "rename@example.com");
    expect(d).toMatchObject({ status: "sent", reason: "Sent on an earlier attempt (provider message id unknown)" });
  });
});

describe("Resend's rate-limit window", () => {
  it("waits for ratelimit-reset before the next request when ratelimit-remaining is 0", async () => {
    const sleeps: number[] = [];
    const mailer = resendMailer(fake.apiKey, { baseUrl: fake.url, time: { now: () => 0, sleep: async (ms) => void sleeps.push(ms) } });
    const email = { from: "s@example.com", to: "r@example.com", subject: "s", html: "<p>h</p>", text: "t", headers: {} };
    fake.responseHeaders["ratelimit-remaining"] = "0";
    fake.responseHeaders["ratelimit-reset"] = "3";
    try {
      await mailer.sendBatch([email], "window-1");
      expect(sleeps).toEqual([]);
      await mailer.sendBatch([email], "window-2");
      expect(sleeps).toEqual([3000]);
    } finally {
      delete fake.responseHeaders["ratelimit-remaining"];
      delete fake.responseHeaders["ratelimit-reset"];
    }
  });
});
