// A batch abandoned by a crash and found again after Resend forgot its Idempotency-Key (24 h) must not be sent
// again: the first attempt may have gone out, and a replay would then email everyone twice (issue 19.9).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dispatchDue } from "../../server/services/dispatch";
import type { Mailer } from "../../server/services/mailers/mailer";
import { resendMailer } from "../../server/services/mailers/resend-mailer";
import { IDEMPOTENCY_KEY_TTL_MS, startResendFake, type ResendFake } from "../fakes/resend-fake";
import { bearer, makeApp, postJson, purchase, type TestApp } from "../helpers";
import { HOUR_MS as HOUR } from "../../server/domain/time";

let fake: ResendFake;
let t: TestApp;

beforeAll(async () => {
  t = await makeApp({ env: { RESEND_API_KEY: "re_placeholder" } });
  // The provider's clock is the test's: a day can pass without waiting for it.
  fake = await startResendFake({ now: t.clock.now, requestsPerSecond: 2 });
  t.deps.mailer = resendMailer(fake.apiKey, { baseUrl: fake.url });
});
afterAll(async () => {
  t.close();
  await fake.close();
});

const purchases = async (prefix: string, n: number) => {
  for (let i = 0; i < n; i++) expect((await postJson(t.app, "/api/v1/purchases", purchase({ id: `${prefix}-${i}`, customer: { email: `${prefix}-${i}@example.com` } }))).status).toBe(202);
};
const invitationsOf = async (prefix: string) =>
  ((await (await t.app.request("/api/v1/delivery/invitations?limit=100", { headers: bearer() })).json()).invitations as { email: string; status: string; reason: string | null }[]).filter((i) =>
    i.email.startsWith(`${prefix}-`),
  );
/** A process that dies right after the provider accepted its batch: the answer never comes back, nothing is marked. */
const crashingAfterSend = (real: Mailer): Mailer => ({ kind: "resend", sendBatch: async (emails, key) => (await real.sendBatch(emails, key), new Promise(() => {})) });

describe("a batch abandoned by a crash and reclaimed after a day", () => {
  it("the fake behaves as Resend: a replayed key is answered from its cache within 24 h and sends again after", async () => {
    const email = { from: "s@example.com", to: "r@example.com", subject: "s", html: "<p>h</p>", text: "t", headers: {} };
    const mailer = resendMailer(fake.apiKey, { baseUrl: fake.url });
    await mailer.sendBatch([email], "ttl-key");
    t.clock.advance(IDEMPOTENCY_KEY_TTL_MS - 1);
    await mailer.sendBatch([email], "ttl-key");
    expect(fake.delivered.filter((e) => e.to[0] === "r@example.com")).toHaveLength(1);
    t.clock.advance(1);
    await mailer.sendBatch([email], "ttl-key");
    expect(fake.delivered.filter((e) => e.to[0] === "r@example.com")).toHaveLength(2);
  });

  it("always announces its rate-limit window, as Resend does", async () => {
    const res = await fetch(`${fake.url}/emails/batch`, { method: "POST", headers: { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" }, body: "[]" });
    expect(res.headers.get("ratelimit-limit")).toBe("2");
    expect(Number(res.headers.get("ratelimit-remaining"))).toBeGreaterThanOrEqual(0);
    expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
  });

  it("crashes after sending, restarts 25 h later: nobody gets a second email, and the invitations say why they were not re-sent", async () => {
    await purchases("day", 5);
    void dispatchDue({ ...t.deps, mailer: crashingAfterSend(t.deps.mailer) });
    await vi.waitFor(() => expect(fake.delivered.filter((e) => e.to[0]!.startsWith("day-"))).toHaveLength(5), { timeout: 10_000 });

    // The restart comes a day and an hour later, with a mailer of its own.
    t.clock.advance(25 * HOUR);
    const restarted = { ...t.deps, mailer: resendMailer(fake.apiKey, { baseUrl: fake.url }) };
    expect(await dispatchDue(restarted)).toEqual({ sent: 0, failed: 5, skipped: 0 });
    expect(fake.delivered.filter((e) => e.to[0]!.startsWith("day-"))).toHaveLength(5);

    const rows = await invitationsOf("day");
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.status).toBe("failed");
      expect(r.reason).toMatch(/^Not re-sent: abandoned by a sender that stopped, found again 25 h after its first attempt/);
    }
    // Nothing is left to go out later either.
    t.clock.advance(HOUR);
    expect(await dispatchDue(restarted)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(fake.delivered.filter((e) => e.to[0]!.startsWith("day-"))).toHaveLength(5);
  });

  it("still re-sends under the same key when the restart comes within the day (Resend replays, nothing doubles)", async () => {
    await purchases("hour", 3);
    void dispatchDue({ ...t.deps, mailer: crashingAfterSend(t.deps.mailer) });
    await vi.waitFor(() => expect(fake.delivered.filter((e) => e.to[0]!.startsWith("hour-"))).toHaveLength(3), { timeout: 10_000 });
    t.clock.advance(2 * HOUR);
    expect(await dispatchDue(t.deps)).toEqual({ sent: 3, failed: 0, skipped: 0 });
    expect(fake.delivered.filter((e) => e.to[0]!.startsWith("hour-"))).toHaveLength(3);
    expect((await invitationsOf("hour")).map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
  });
});
