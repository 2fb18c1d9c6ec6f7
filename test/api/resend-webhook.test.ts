// POST /webhooks/resend: signature checks, idempotency on svix-id, and bounce → suppressed → never sent again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resendMailer } from "../../server/services/mailers/resend-mailer";
import { emailEvent, newWebhookSecret, signWebhook, startResendFake, type FakeEmail, type ResendFake } from "../fakes/resend-fake";
import { bearer, makeApp, postJson, purchase, type TestApp } from "../helpers";

const secret = newWebhookSecret();
let fake: ResendFake;
let t: TestApp;

beforeAll(async () => {
  fake = await startResendFake();
  t = await makeApp({
    env: { RESEND_API_KEY: fake.apiKey, RESEND_WEBHOOK_SECRET: secret },
    mailer: () => resendMailer(fake.apiKey, { baseUrl: fake.url }),
  });
});
afterAll(async () => {
  t.close();
  await fake.close();
});

function post(body: string, headers: Record<string, string>) {
  return t.app.request("/webhooks/resend", { method: "POST", headers, body });
}
const deliver = (event: unknown, opts: { id?: string; timestamp?: number } = {}) => {
  const body = JSON.stringify(event);
  return post(body, signWebhook(secret, body, opts));
};

/** Purchases and dispatches for `email`; returns the email as the provider saw it. */
async function sendTo(orderId: string, email: string): Promise<FakeEmail> {
  await postJson(t.app, "/api/v1/purchases", purchase({ id: orderId, customer: { email } }));
  await postJson(t.app, "/api/v1/dispatch", {});
  const mail = fake.delivered.find((e) => e.to[0] === email);
  if (!mail) throw new Error(`nothing sent to ${email}`);
  return mail;
}
const deliveryOf = async (email: string) =>
  (await (await t.app.request("/api/v1/delivery/invitations?limit=1000", { headers: bearer() })).json()).invitations.filter(
    (d: { email: string }) => d.email === email,
  );
const suppressions = async () => (await (await t.app.request("/api/v1/suppressions", { headers: bearer() })).json()).suppressions;

describe("signature", () => {
  it("accepts an event signed with RESEND_WEBHOOK_SECRET and records it", async () => {
    const mail = await sendTo("sig-1", "sig@example.com");
    const res = await deliver(emailEvent("email.delivered", mail));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, duplicate: false });
    expect((await deliveryOf("sig@example.com"))[0].delivery).toBe("delivered");
  });

  it("refuses a tampered body with 401 and records nothing", async () => {
    const mail = await sendTo("sig-2", "tamper@example.com");
    const body = JSON.stringify(emailEvent("email.delivered", mail));
    const headers = signWebhook(secret, body);
    const res = await post(body.replace("email.delivered", "email.complained"), headers);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("invalid_signature");
    expect((await deliveryOf("tamper@example.com"))[0].delivery).toBeNull();
    expect((await suppressions()).map((s: { email: string }) => s.email)).not.toContain("tamper@example.com");
  });

  it("refuses an old timestamp (replay) and a signature made with another secret", async () => {
    const mail = await sendTo("sig-3", "old@example.com");
    const old = await deliver(emailEvent("email.delivered", mail), { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(old.status).toBe(401);
    const body = JSON.stringify(emailEvent("email.delivered", mail));
    expect((await post(body, signWebhook(newWebhookSecret(), body))).status).toBe(401);
  });

  it("refuses a request without the svix headers", async () => {
    const res = await post(JSON.stringify({ type: "email.delivered", data: {} }), { "content-type": "application/json" });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/svix-id/);
  });
});

describe("events", () => {
  it("is idempotent on svix-id: Resend's retry of an event is stored once", async () => {
    const mail = await sendTo("dup-1", "dup@example.com");
    const event = emailEvent("email.bounced", mail, { bounce: { type: "Permanent", subType: "General", message: "No such user" } });
    expect(await (await deliver(event, { id: "msg_dup" })).json()).toEqual({ received: true, duplicate: false });
    expect(await (await deliver(event, { id: "msg_dup" })).json()).toEqual({ received: true, duplicate: true });
    const rows = await t.client.execute("select count(*) n from email_events where id = 'msg_dup'");
    expect(Number(rows.rows[0].n)).toBe(1);
  });

  it("suppresses a hard-bounced address: its next invitation is skipped and never sent", async () => {
    const mail = await sendTo("bounce-1", "bounce@example.com");
    await deliver(emailEvent("email.bounced", mail, { bounce: { type: "Permanent", subType: "General", message: "Mailbox does not exist" } }));
    const [d] = await deliveryOf("bounce@example.com");
    expect(d.delivery).toBe("bounced");
    expect(d.deliveryDetail).toContain("Mailbox does not exist");
    const s = (await suppressions()).find((x: { email: string }) => x.email === "bounce@example.com");
    expect(s).toMatchObject({ reason: "hard_bounce", detail: "Permanent/General: Mailbox does not exist" });

    // A later purchase 100 days on (past the throttle window): scheduled, but skipped when sending.
    t.clock.advance(100 * 24 * 3_600_000);
    const before = fake.delivered.length;
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "bounce-2", customer: { email: "bounce@example.com" }, purchasedAt: new Date(t.clock.now()).toISOString(), fulfilledAt: undefined }));
    t.clock.advance(4 * 24 * 3_600_000);
    expect(await (await postJson(t.app, "/api/v1/dispatch", {})).json()).toEqual({ sent: 0, failed: 0, skipped: 1 });
    expect(fake.delivered.length).toBe(before);
    const latest = (await deliveryOf("bounce@example.com"))[0];
    expect(latest).toMatchObject({ status: "skipped", reason: "suppressed" });
  });

  it("suppresses a complaint, but not a transient bounce", async () => {
    const complained = await sendTo("cmp-1", "complain@example.com");
    const soft = await sendTo("soft-1", "soft@example.com");
    await deliver(emailEvent("email.complained", complained));
    await deliver(emailEvent("email.bounced", soft, { bounce: { type: "Transient", subType: "MailboxFull", message: "Mailbox full" } }));
    const list = await suppressions();
    expect(list.find((s: { email: string }) => s.email === "complain@example.com")?.reason).toBe("complaint");
    expect(list.some((s: { email: string }) => s.email === "soft@example.com")).toBe(false);
    expect((await deliveryOf("complain@example.com"))[0].delivery).toBe("complained");
  });

  it("keeps the furthest state whatever the arrival order, and counts rates per template", async () => {
    // Counted from what other tests of this file sent (they run in any order).
    const stats = async () => (await (await t.app.request("/api/v1/delivery/templates", { headers: bearer() })).json()).templates as { sent: number; bounced: number; complained: number; delivered: number; bounceRate: number; deliveryRate: number }[];
    const base = (await stats())[0] ?? { sent: 0, bounced: 0, complained: 0 };
    const mail = await sendTo("order-1", "order@example.com");
    await deliver(emailEvent("email.delivered", mail));
    await deliver(emailEvent("email.delivery_delayed", mail));
    expect((await deliveryOf("order@example.com"))[0].delivery).toBe("delivered");
    await deliver(emailEvent("email.bounced", await sendTo("order-2", "order-bounce@example.com"), { bounce: { type: "Permanent", subType: "General", message: "No such user" } }));
    await deliver(emailEvent("email.complained", await sendTo("order-3", "order-complaint@example.com")));
    const templates = await stats();
    expect(templates).toHaveLength(1);
    const [r] = templates as [(typeof templates)[number]];
    expect(r.sent).toBe(base.sent + 3);
    expect(r.bounced).toBe(base.bounced + 1);
    expect(r.complained).toBe(base.complained + 1);
    expect(r.bounceRate).toBeCloseTo(r.bounced / r.sent);
    expect(r.deliveryRate).toBeCloseTo(r.delivered / r.sent);
  });

  it("does not re-suppress an address an admin allowed again when an old bounce is retried", async () => {
    const mail = await sendTo("again-1", "again@example.com");
    const event = emailEvent("email.bounced", mail, { bounce: { type: "Permanent", subType: "General", message: "gone" } });
    await deliver(event, { id: "msg_again" });
    expect((await t.app.request("/api/v1/suppressions/again@example.com", { method: "DELETE", headers: bearer() })).status).toBe(204);
    await deliver(event, { id: "msg_again" });
    expect((await suppressions()).some((s: { email: string }) => s.email === "again@example.com")).toBe(false);
  });
});

describe("without RESEND_WEBHOOK_SECRET", () => {
  it("answers 404 not_configured", async () => {
    const other = await makeApp();
    try {
      const body = JSON.stringify({ type: "email.delivered", data: {} });
      const res = await other.app.request("/webhooks/resend", { method: "POST", headers: signWebhook(secret, body), body });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_configured");
    } finally {
      other.close();
    }
  });
});
