import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { surveyToken } from "../../server/domain/tokens";
import { DAY, bearer, makeApp, postJson, purchase, tokenFromEmail, type TestApp } from "../helpers";

let t: TestApp;
beforeAll(async () => void (t = await makeApp()));
afterAll(() => t.close());

type Mail = { to: string; subject: string; html: string; text: string; headers: Record<string, string> };

async function mailbox(): Promise<Mail[]> {
  const res = await t.app.request("/api/v1/mailbox", { headers: bearer() });
  return (await res.json()).emails;
}

async function invite(id: string, email: string, locale = "en"): Promise<{ token: string; mail: Mail }> {
  await postJson(t.app, "/api/v1/purchases", purchase({ id, customer: { email, name: "Customer", locale } }));
  await postJson(t.app, "/api/v1/dispatch", {});
  const mail = (await mailbox()).find((m) => m.to === email)!;
  return { token: tokenFromEmail(mail.html), mail };
}

const scores = async () => (await t.app.request("/api/v1/scores", { headers: bearer() })).json();

describe("the invitation", () => {
  it("is sent by dispatch into the dev mailbox, in the customer's language, with 11 score links and one-click unsubscribe headers", async () => {
    const res = await postJson(t.app, "/api/v1/purchases", purchase({ id: "mail-1" }));
    expect(res.status).toBe(202);
    const sent = await (await postJson(t.app, "/api/v1/dispatch", {})).json();
    expect(sent).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const [mail] = await mailbox();
    expect(mail.to).toBe("lan@example.com");
    const token = tokenFromEmail(mail.html);
    for (let n = 0; n <= 10; n++) {
      expect(mail.html).toContain(`http://localhost:8787/s/${token}?score=${n}"`);
      expect(mail.text).toContain(`http://localhost:8787/s/${token}?score=${n}`);
    }
    expect(mail.headers["List-Unsubscribe"]).toBe(`<http://localhost:8787/u/${token}>`);
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.html).toContain(`/u/${token}`);
    expect(mail.html).toMatch(/lang="vi"/);
  });

  it("is not sent twice by a second dispatch", async () => {
    expect(await (await postJson(t.app, "/api/v1/dispatch", {})).json()).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });

  it("waits until it is due: 3 days after a fresh purchase", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "later-1", customer: { email: "later@example.com" }, purchasedAt: t.clock.now(), fulfilledAt: undefined }));
    expect((await (await postJson(t.app, "/api/v1/dispatch", {})).json()).sent).toBe(0);
    t.clock.advance(3 * DAY);
    expect((await (await postJson(t.app, "/api/v1/dispatch", {})).json()).sent).toBe(1);
  });

  it("stores the survey token only as a hash", async () => {
    const { token } = await invite("hash-1", "hash@example.com");
    const dump = JSON.stringify((await t.client.execute("select * from invitations")).rows);
    expect(dump).not.toContain(token);
  });
});

describe("the survey page", () => {
  it("records nothing on GET or HEAD — mail scanners open links", async () => {
    const { token } = await invite("scan-1", "scan@example.com");
    const before = await scores();
    const page = await t.app.request(`/s/${token}?score=9`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/name="score" value="9"[^>]*checked/);
    expect((await t.app.request(`/s/${token}?score=9`, { method: "HEAD" })).status).toBe(200);
    expect((await scores()).nps.responses).toBe(before.nps.responses);
  });

  it("shows the follow-up questions: CSAT, four value types, four costs and a comment", async () => {
    const { token } = await invite("page-1", "page@example.com");
    const html = await (await t.app.request(`/s/${token}?score=3`)).text();
    for (const key of ["csat", "benefit_functional", "benefit_social", "benefit_emotional", "benefit_monetary", "cost_money", "cost_time", "cost_effort", "cost_risk", "comment"])
      expect(html).toContain(`name="${key}"`);
  });

  it("records a one-click JSON score with no other credential, and updates it instead of double-counting", async () => {
    const { token } = await invite("one-click", "oneclick@example.com");
    const before = (await scores()).nps.responses;
    const first = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 9 }) });
    expect(first.status).toBe(201);
    const after = await scores();
    expect(after.nps.responses).toBe(before + 1);
    const update = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 3 }) });
    expect(update.status).toBe(200);
    const final = await scores();
    expect(final.nps.responses).toBe(before + 1);
    expect(final.nps.detractors).toBe(after.nps.detractors + 1);
    expect(final.nps.promoters).toBe(after.nps.promoters - 1);
  });

  it("takes the full form without JavaScript, redirects to a saved page, and keeps earlier answers", async () => {
    const { token } = await invite("form-1", "form@example.com");
    const form = new URLSearchParams({ score: "10", csat: "5", benefit_functional: "5", benefit_monetary: "4", cost_money: "2", comment: "Giao hàng nhanh", locale: "vi" });
    const res = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString() });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/s/${token}?saved=1&lang=vi`);
    // A later partial post changes only what it sends.
    await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "cost_time=3" });
    const page = await (await t.app.request(`/s/${token}?saved=1`)).text();
    expect(page).toMatch(/role="status"/);
    expect(page).toMatch(/name="csat" value="5"[^>]*checked/);
    expect(page).toMatch(/name="cost_time" value="3"[^>]*checked/);
    expect(page).toContain("Giao hàng nhanh");
  });

  it("keeps every answer of a burst: many customers at once, and one customer's two posts merged", async () => {
    const invited: { token: string }[] = [];
    for (let i = 0; i < 12; i++) invited.push(await invite(`burst-${i}`, `burst-${i}@example.com`));
    const before = (await scores()).nps.responses;
    const post = (token: string, body: Record<string, unknown>) =>
      t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    // Sent in one turn, these share one write; the first customer's two posts touch different questions.
    const results = await Promise.all([post(invited[0].token, { csat: 4 }), ...invited.map(({ token }, i) => post(token, { score: i % 11 }))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(12).fill(201)].sort());
    const ids = await Promise.all(results.map(async (r) => (await r.json()).responseId));
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(12);
    expect((await scores()).nps.responses).toBe(before + 12);
    const page = await (await t.app.request(`/s/${invited[0].token}?saved=1`)).text();
    expect(page).toMatch(/name="csat" value="4"[^>]*checked/);
  });

  it("refuses a survey post over 64 KB with 413 and records nothing", async () => {
    const { token } = await invite("too-big", "toobig@example.com");
    const before = (await scores()).nps.responses;
    const body = `score=9&comment=${"x".repeat(70_000)}`;
    // Checked from the announced length when there is one, else by counting the bytes read.
    for (const headers of [{ "Content-Length": String(body.length) }, {}] as Record<string, string>[]) {
      const res = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body });
      expect(res.status).toBe(413);
    }
    expect((await scores()).nps.responses).toBe(before);
  });

  it("answers bad values with 400 naming the field, and records nothing", async () => {
    const { token } = await invite("bad-1", "bad@example.com");
    const before = (await scores()).nps.responses;
    const res = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 11, csat: "x" }) });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(Object.keys(error.details).sort()).toEqual(["csat", "score"]);
    const formRes = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "score=12" });
    expect(formRes.status).toBe(400);
    expect(await formRes.text()).toContain("0");
    expect((await scores()).nps.responses).toBe(before);
  });

  it("gives unknown or forged tokens a friendly 404 page and changes nothing", async () => {
    const forged = "A".repeat(43);
    const page = await t.app.request(`/s/${forged}?score=10`, { headers: { "Accept-Language": "vi-VN,vi;q=0.9" } });
    expect(page.status).toBe(404);
    expect(await page.text()).toMatch(/lang="vi"/);
    const post = await t.app.request(`/s/${forged}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "score=10" });
    expect(post.status).toBe(404);
    expect((await t.app.request("/s/short", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"score":1}' })).status).toBe(404);
  });

  it("closes after 30 days: 410 page, and answers are refused", async () => {
    const { token } = await invite("close-1", "close@example.com");
    t.clock.advance(31 * DAY);
    try {
      expect((await t.app.request(`/s/${token}?score=5`)).status).toBe(410);
      const res = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"score":5}' });
      expect(res.status).toBe(410);
      expect((await res.json()).error.code).toBe("survey_closed");
    } finally {
      t.clock.advance(-31 * DAY);
    }
  });
});

describe("unsubscribing", () => {
  it("GET only confirms; the RFC 8058 one-click POST unsubscribes with 200 and no redirect", async () => {
    const { token } = await invite("unsub-1", "unsub@example.com");
    const confirm = await t.app.request(`/u/${token}`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain(`action="/u/${token}"`);
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const res = await t.app.request(`/u/${token}`, { method: "POST", body: form, headers: { Origin: "https://mail.example" } });
    expect(res.status).toBe(200);
    // Repeating it is harmless.
    expect((await t.app.request(`/u/${token}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } })).status).toBe(200);
  });

  it("skips unsubscribed customers when scheduling", async () => {
    const { token } = await invite("unsub-2", "gone@example.com");
    await t.app.request(`/u/${token}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    t.clock.advance(100 * DAY);
    try {
      const res = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "unsub-3", customer: { email: "gone@example.com" } }))).json();
      expect(res.scheduled).toEqual([]);
      expect(res.skipped[0].reason).toBe("unsubscribed");
    } finally {
      t.clock.advance(-100 * DAY);
    }
  });

  it("skips an invitation already scheduled when the customer unsubscribes before it is sent", async () => {
    const res = await postJson(t.app, "/api/v1/purchases", purchase({ id: "unsub-4", customer: { email: "late@example.com" }, purchasedAt: t.clock.now(), fulfilledAt: undefined }));
    const { invitationId } = (await res.json()).scheduled[0];
    const token = surveyToken(t.deps.config.secretKey, invitationId);
    expect((await t.app.request(`/u/${token}`, { method: "POST" })).status).toBe(200);
    t.clock.advance(3 * DAY);
    try {
      expect(await (await postJson(t.app, "/api/v1/dispatch", {})).json()).toEqual({ sent: 0, failed: 0, skipped: 1 });
      expect((await mailbox()).some((m) => m.to === "late@example.com")).toBe(false);
    } finally {
      t.clock.advance(-3 * DAY);
    }
  });
});

describe("GET /api/v1/scores", () => {
  it("reports NPS with margin of error and interval (flagged as too few answers), CSAT, value and cost indexes and the ratio, filtered by date", async () => {
    const s = await scores();
    expect(s.nps).toEqual({ score: expect.any(Number), promoters: expect.any(Number), passives: expect.any(Number), detractors: expect.any(Number), responses: expect.any(Number), marginOfError: expect.any(Number), interval: { low: expect.any(Number), high: expect.any(Number) }, lowSample: true });
    expect(s.value.functional).toBe(100);
    expect(s.value.monetary).toBe(75);
    expect(s.costs.money).toBe(25);
    expect(s.costs.time).toBe(50);
    expect(s.ratio).toBe(1.8);
    const future = await (await t.app.request(`/api/v1/scores?from=${new Date(t.clock.now() + DAY).toISOString()}`, { headers: bearer() })).json();
    expect(future.nps).toMatchObject({ score: null, responses: 0 });
    expect(future.value.functional).toBeNull();
  });

  it("rejects a bad filter with 400 naming it", async () => {
    const res = await t.app.request("/api/v1/scores?from=yesterday", { headers: bearer() });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].field).toBe("from");
  });

  it("needs a key or a session", async () => {
    expect((await t.app.request("/api/v1/scores")).status).toBe(401);
  });
});
