import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resendMailer } from "../../server/services/mailers/resend-mailer";
import { startResendFake, type ResendFake } from "../fakes/resend-fake";
import { makeApp, postJson, purchase, type TestApp } from "../helpers";

let fake: ResendFake;
let t: TestApp;

beforeAll(async () => {
  fake = await startResendFake();
  t = await makeApp({ env: { RESEND_API_KEY: fake.apiKey }, mailer: () => resendMailer(fake.apiKey, fake.url) });
});
afterAll(async () => {
  t.close();
  await fake.close();
});
afterEach(() => {
  fake.delivered.length = 0;
  fake.requests.length = 0;
});

async function purchases(prefix: string, n: number) {
  for (let i = 0; i < n; i++) await postJson(t.app, "/api/v1/purchases", purchase({ id: `${prefix}-${i}`, customer: { email: `${prefix}-${i}@example.com` } }));
}
const dispatch = async () => (await postJson(t.app, "/api/v1/dispatch", {})).json();
const invitationStates = async () =>
  Object.fromEntries((await t.client.execute("select status, count(*) n from invitations group by status")).rows.map((r) => [r.status, Number(r.n)]));

describe("sending through Resend", () => {
  it("sends 250 due invitations in batches of at most 100, each with its own Idempotency-Key", async () => {
    await purchases("bulk", 250);
    expect(await dispatch()).toEqual({ sent: 250, failed: 0, skipped: 0 });
    expect(fake.requests.map((r) => r.count)).toEqual([100, 100, 50]);
    const keys = fake.requests.map((r) => r.idempotencyKey);
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys).size).toBe(3);
    expect(new Set(fake.delivered.map((e) => e.to[0])).size).toBe(250);
    const [mail] = fake.delivered;
    expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain("?score=10");
    const ids = await t.client.execute("select count(distinct provider_message_id) n from invitations where status = 'sent'");
    expect(Number(ids.rows[0].n)).toBe(250);
  });

  it("does not send twice when the response is lost: the retry reuses the key and Resend replays it", async () => {
    await purchases("lost", 3);
    fake.failNext(1, { status: 500, afterSending: true });
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(fake.delivered).toHaveLength(3);
    t.clock.advance(60_000);
    expect(await dispatch()).toEqual({ sent: 3, failed: 0, skipped: 0 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].idempotencyKey).toBe(fake.requests[0].idempotencyKey);
    expect(fake.delivered).toHaveLength(3);
  });

  it("retries a rate-limited batch later and then sends it once", async () => {
    await purchases("limited", 2);
    fake.failNext(1, { status: 429, afterSending: false, retryAfter: 1 });
    expect((await dispatch()).sent).toBe(0);
    expect(fake.delivered).toHaveLength(0);
    expect((await dispatch()).sent).toBe(0); // still backing off
    t.clock.advance(60_000);
    expect((await dispatch()).sent).toBe(2);
    expect(fake.delivered).toHaveLength(2);
  });

  it("marks a batch Resend refuses as invalid as failed, with the reason, and does not retry it", async () => {
    await purchases("invalid", 1);
    fake.failNext(1, { status: 422, afterSending: false });
    expect(await dispatch()).toEqual({ sent: 0, failed: 1, skipped: 0 });
    const row = await t.client.execute("select status, last_error from invitations where status = 'failed'");
    expect(String(row.rows[0].last_error)).toContain("Injected failure");
    t.clock.advance(60_000);
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(await invitationStates()).not.toHaveProperty("sending");
  });

  it("answers 404 on the mailbox when real email is configured", async () => {
    const res = await t.app.request("/api/v1/mailbox", { headers: { Authorization: "Bearer vp_test_ingest_key_0123456789" } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("mailbox_disabled");
  });
});
