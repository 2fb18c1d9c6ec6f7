import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { devMailbox } from "../../server/services/mailers/dev-mailbox";
import { MailerError, type Mailer } from "../../server/services/mailers/mailer";
import { asBrowser, bearer, makeApp, signInCookie, type TestApp } from "../helpers";
import { CUSTOMERS, answer, invitations } from "./dashboard-data";

let t: TestApp;
let failNext = false;
let alertSends = 0;

beforeAll(async () => {
  t = await makeApp({
    mailer: ({ db, clock }) => {
      const inner = devMailbox(db, clock.now);
      const flaky: Mailer = {
        kind: "dev-mailbox",
        async sendBatch(emails, key) {
          if (key.startsWith("alert-")) {
            alertSends++;
            if (failNext) {
              failNext = false;
              throw new MailerError("provider down", true, 503);
            }
          }
          return inner.sendBatch(emails, key);
        },
      };
      return flaky;
    },
  });
});
afterAll(() => t.close());

const leadMails = async () =>
  ((await (await t.app.request("/api/v1/mailbox?limit=100", { headers: bearer() })).json()) as { emails: { to: string; text: string }[] }).emails.filter((m) => m.to === "lead@example.com");

describe("alert emails", () => {
  it("are retried after a provider failure, and each alert is emailed once", async () => {
    const admin = asBrowser(await signInCookie(t.app));
    const res = await t.app.request("/api/v1/alert-rules", {
      method: "POST",
      headers: { ...admin, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Very unhappy", maxScore: 3, recipients: ["lead@example.com"] }),
    });
    expect(res.status).toBe(201);
    const tokens = await invitations(t, CUSTOMERS.slice(0, 3));

    failNext = true;
    await answer(t, tokens.A, { score: 1, comment: "first" });
    await vi.waitFor(() => expect(alertSends).toBe(1), { timeout: 5000 });
    expect(await leadMails()).toHaveLength(0);

    // The next answer's burst sends what is still pending, then its own alert.
    await answer(t, tokens.B, { score: 2, comment: "second" });
    await vi.waitFor(async () => expect(await leadMails()).toHaveLength(2), { timeout: 5000 });
    const texts = (await leadMails()).map((m) => m.text);
    expect(texts.filter((x) => x.includes("first"))).toHaveLength(1);
    expect(texts.filter((x) => x.includes("second"))).toHaveLength(1);

    // A third answer that raises nothing sends nothing again. Waited on an event, not a time: a later answer that
    // does raise an alert is emailed after it (answers are handled, and alerts emailed, in order), so once that
    // email is in, anything the third answer caused would be in too.
    await answer(t, tokens.A, { score: 9 });
    await answer(t, tokens.C, { score: 0, comment: "sentinel" });
    await vi.waitFor(async () => expect((await leadMails()).some((m) => m.text.includes("sentinel"))).toBe(true), { timeout: 5000 });
    const after = (await leadMails()).map((m) => m.text);
    expect(after).toHaveLength(3);
    expect(after.filter((x) => x.includes("first"))).toHaveLength(1);
    expect(after.filter((x) => x.includes("second"))).toHaveLength(1);
  });
});
