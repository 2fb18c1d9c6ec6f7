// The Delivery page's headline figure: per template, the response rate = invitations answered ÷ invitations that
// reached someone (sent and not bounced), with that n, whether or not the provider confirmed delivery.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resendMailer } from "../../server/services/mailers/resend-mailer";
import { answer } from "../answered";
import { emailEvent, newWebhookSecret, signWebhook, startResendFake, type FakeEmail, type ResendFake } from "../fakes/resend-fake";
import { bearer, makeApp, postJson, purchase, tokenFromEmail, type TestApp } from "../helpers";

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

async function sendTo(orderId: string, email: string): Promise<FakeEmail> {
  await postJson(t.app, "/api/v1/purchases", purchase({ id: orderId, customer: { email, locale: "en" } }));
  await postJson(t.app, "/api/v1/dispatch", {});
  const mail = fake.delivered.find((e) => e.to[0] === email);
  if (!mail) throw new Error(`nothing sent to ${email}`);
  return mail;
}
const rates = async () => (await (await t.app.request("/api/v1/delivery/templates", { headers: bearer() })).json()).templates;

describe("response rate per template", () => {
  it("is answered ÷ (sent − bounced), with its n; a bounce leaves the base, an answer counts once however often it changes", async () => {
    expect(await rates()).toEqual([]);
    const mails: FakeEmail[] = [];
    for (const x of ["a", "b", "c", "d"]) mails.push(await sendTo(`rr-${x}`, `rr-${x}@example.com`));
    // Sent, nothing answered yet: 0 %, not unknown (no provider event is needed).
    expect((await rates())[0]).toMatchObject({ sent: 4, reached: 4, answered: 0, responseRate: 0, deliveryRate: null });

    const bounce = { bounce: { type: "Permanent" as const, subType: "General", message: "No such user" } };
    const body = JSON.stringify(emailEvent("email.bounced", mails[3]!, bounce));
    expect((await t.app.request("/webhooks/resend", { method: "POST", headers: signWebhook(secret, body), body })).status).toBe(200);
    await answer(t, tokenFromEmail(mails[0]!.html), { score: 9 });
    await answer(t, tokenFromEmail(mails[0]!.html), { score: 10 });
    await answer(t, tokenFromEmail(mails[1]!.html), { score: 3 });

    const [r] = await rates();
    expect(r).toMatchObject({ sent: 4, bounced: 1, reached: 3, answered: 2 });
    expect(r.responseRate).toBeCloseTo(2 / 3);
  });
});
