// One reminder N days after sending when there is no answer (template rule reminderAfterDays), through the dev mailbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetTemplates } from "../../server/services/templates";
import { DAY, bearer, makeApp, postJson, purchase, tokenFromEmail, type TestApp } from "../helpers";

let t: TestApp;
type Mail = { to: string; subject: string; html: string; text: string };

beforeAll(async () => {
  t = await makeApp();
  // The template designer edits this rule; here the seeded template gets it directly.
  await remindAfter(3);
});
afterAll(() => t.close());

/** Sets the rule on the seeded template's working copy and its published version (what invitations use). */
async function remindAfter(days: number) {
  for (const table of ["templates", "template_versions"]) await t.client.execute({ sql: `update ${table} set rules = json_set(rules, '$.reminderAfterDays', ?)`, args: [days] });
  forgetTemplates(t.db);
}

const mailsTo = async (email: string): Promise<Mail[]> =>
  ((await (await t.app.request("/api/v1/mailbox?limit=5000", { headers: bearer() })).json()).emails as Mail[]).filter((m) => m.to === email).reverse();
const dispatch = async () => (await postJson(t.app, "/api/v1/dispatch", {})).json();

describe("reminders", () => {
  it("reminds once, after reminderAfterDays, those who did not answer — with the same survey links", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "r-1", customer: { email: "quiet@example.com", locale: "en" } }));
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "r-2", customer: { email: "answered@example.com", locale: "vi" } }));
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "r-3", customer: { email: "leaving@example.com" } }));
    expect(await dispatch()).toEqual({ sent: 3, failed: 0, skipped: 0 });
    const [invitation] = await mailsTo("quiet@example.com");

    const answeredToken = tokenFromEmail((await mailsTo("answered@example.com"))[0].html);
    expect((await t.app.request(`/s/${answeredToken}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "score=9" })).status).toBeLessThan(400);
    const leavingToken = tokenFromEmail((await mailsTo("leaving@example.com"))[0].html);
    expect((await t.app.request(`/u/${leavingToken}`, { method: "POST" })).status).toBe(200);

    t.clock.advance(3 * DAY - 60_000);
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    t.clock.advance(60_000);
    expect(await dispatch()).toEqual({ sent: 1, failed: 0, skipped: 2 });

    const quiet = await mailsTo("quiet@example.com");
    expect(quiet).toHaveLength(2);
    expect(quiet[1].subject).toBe("A reminder: how was your purchase from ValuePulse?");
    expect(quiet[1].text).toContain("We would still love to hear how your purchase went.");
    expect(tokenFromEmail(quiet[1].html)).toBe(tokenFromEmail(invitation.html));
    expect(await mailsTo("answered@example.com")).toHaveLength(1);
    expect(await mailsTo("leaving@example.com")).toHaveLength(1);

    t.clock.advance(10 * DAY);
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(await mailsTo("quiet@example.com")).toHaveLength(2);

    const { invitations } = await (await t.app.request("/api/v1/delivery/invitations", { headers: bearer() })).json();
    const byEmail = Object.fromEntries(invitations.map((d: { email: string; reminder: unknown }) => [d.email, d.reminder]));
    expect(byEmail["quiet@example.com"]).toMatchObject({ status: "sent" });
    expect(byEmail["answered@example.com"]).toMatchObject({ status: "skipped", reason: "answered" });
    expect(byEmail["leaving@example.com"]).toMatchObject({ status: "skipped", reason: "unsubscribed" });
  });

  it("sends no reminder that would arrive after the survey closed", async () => {
    // Sent late (28 days after it was due, the survey closing at 30): a reminder 3 days later would find it closed.
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "late-1", customer: { email: "late@example.com" } }));
    t.clock.advance(28 * DAY);
    expect((await dispatch()).sent).toBe(1);
    t.clock.advance(4 * DAY);
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(await mailsTo("late@example.com")).toHaveLength(1);
  });
});
