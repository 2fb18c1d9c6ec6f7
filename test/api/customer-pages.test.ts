// The customer's pages over app.request: every question type, security headers, scanner defence, unsubscribe and re-subscribe.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t as tr } from "../../emails/i18n";
import { customers, invitations } from "../../db/schema";
import { DAY, bearer, makeApp, postJson, purchase, tokenFromEmail, type TestApp } from "../helpers";
import { useEveryQuestionType } from "../fixtures/every-question-type";

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
  await useEveryQuestionType(t.db);
});
afterAll(() => t.close());

type Mail = { to: string; html: string };
async function invite(id: string, email: string, locale = "vi"): Promise<string> {
  await postJson(t.app, "/api/v1/purchases", purchase({ id, customer: { email, name: "Lan", locale } }));
  await postJson(t.app, "/api/v1/dispatch", {});
  const { emails } = (await (await t.app.request("/api/v1/mailbox?limit=500", { headers: bearer() })).json()) as { emails: Mail[] };
  return tokenFromEmail(emails.find((m) => m.to === email)!.html);
}
const form = (body: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(body).toString(),
});
const scores = async () => (await t.app.request("/api/v1/scores", { headers: bearer() })).json();
const automated = async () => (await t.app.request("/api/v1/automated-clicks", { headers: bearer() })).json();

describe("every question type", () => {
  it("renders all eight types in Vietnamese, and takes a no-JS form post of all of them", async () => {
    const token = await invite("types-1", "types-1@example.com");
    const page = await (await t.app.request(`/s/${token}?score=8`)).text();
    for (const label of ["Tốt hơn tôi mong đợi", "Rất tốt", "Mạng xã hội", "Hoàn toàn đồng ý", "Rất nhiều"]) expect(page).toContain(label);
    expect(page).toMatch(/<input type="radio" name="expect_functional" value="better"/);
    expect(page).toMatch(/<input type="radio" name="tp_delivery" value="5"/);
    expect(page).toMatch(/<input type="radio" name="heard_from" value="social"/);

    const res = await t.app.request(
      `/s/${token}`,
      form({ locale: "vi", score: "8", csat: "4", benefit_functional: "5", cost_money: "2", expect_functional: "better", tp_delivery: "4", heard_from: "social", comment: "Trà rất thơm" }),
    );
    expect(res.status).toBe(303);
    const saved = await (await t.app.request(res.headers.get("location")!)).text();
    for (const [name, value] of [["expect_functional", "better"], ["tp_delivery", "4"], ["heard_from", "social"], ["cost_money", "2"]])
      expect(saved).toMatch(new RegExp(`name="${name}" value="${value}"[^>]*checked`));
    expect(saved).toContain("Trà rất thơm</textarea>");
    expect(saved).toContain(tr("vi", "page.progress", { answered: 8, total: 8 }));
  });

  it("saves one answer at a time as JSON (what the page's script sends) without losing the others", async () => {
    const token = await invite("types-2", "types-2@example.com");
    const post = (body: unknown) => t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
    expect((await post({ score: 3, locale: "vi" })).status).toBe(201);
    expect((await post({ heard_from: "friend", locale: "vi" })).status).toBe(200);
    expect((await post({ tp_delivery: 2, locale: "vi" })).status).toBe(200);
    const page = await (await t.app.request(`/s/${token}`)).text();
    expect(page).toMatch(/name="score" value="3"[^>]*checked/);
    expect(page).toMatch(/name="heard_from" value="friend"[^>]*checked/);
    expect(page).toMatch(/name="tp_delivery" value="2"[^>]*checked/);
  });

  it("refuses an option that is not offered, in the customer's language, naming the question", async () => {
    const token = await invite("types-3", "types-3@example.com");
    const res = await t.app.request(`/s/${token}`, form({ locale: "vi", heard_from: "tv" }));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(tr("vi", "error.choice"));
    expect(page).toContain('href="#f-heard_from"');
  });
});

describe("security headers on the customer's pages", () => {
  it("sends a nonce CSP without 'unsafe-inline', no framing, no referrer — on /s and /u", async () => {
    const token = await invite("headers-1", "headers-1@example.com");
    for (const path of [`/s/${token}?score=9`, `/u/${token}`, "/s/not-a-token"]) {
      const res = await t.app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cache-control")).toBe("no-store");
      const html = await res.text();
      expect(html).toContain(`<style nonce="${nonce}">`);
      if (path.includes("?score")) expect(html).toContain(`<script nonce="${nonce}">`);
    }
    const a = (await t.app.request(`/s/${token}`)).headers.get("content-security-policy");
    const b = (await t.app.request(`/s/${token}`)).headers.get("content-security-policy");
    expect(a).not.toBe(b);
  });

  it("takes a cross-site post with no cookie: the token in the URL is the credential (one-click answers and RFC 8058)", async () => {
    const token = await invite("headers-2", "headers-2@example.com");
    const res = await t.app.request(`/s/${token}`, { ...form({ score: "10" }), headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" } });
    expect(res.status).toBe(303);
  });
});

describe("scanner defence", () => {
  it("a hit on the hidden honeypot link marks the invitation as scanned and counts as automated; the customer can still answer", async () => {
    const token = await invite("scan-1", "scan-1@example.com");
    const before = (await automated()).automatedClicks;
    const hit = await t.app.request(`/s/${token}/h`);
    expect(hit.status).toBe(404);
    const [row] = await t.db.select().from(invitations).where(eq(invitations.purchaseId, (await t.db.query.purchases.findFirst({ where: (p, { eq }) => eq(p.orderId, "scan-1") }))!.id));
    expect(row!.scannedAt).not.toBeNull();
    expect((await automated()).automatedClicks).toBe(before + 1);
    const res = await postJson(t.app, `/s/${token}`, { score: 9 }, {});
    expect(res.status).toBe(201);
  });

  it("several different score links opened within seconds of delivery are a scanner: set aside, nothing recorded; a person later counts", async () => {
    const token = await invite("scan-2", "scan-2@example.com");
    const before = await automated();
    const responsesBefore = (await scores()).nps.responses;
    const pages: string[] = [];
    for (const n of [0, 5, 10]) {
      t.clock.advance(300);
      const res = await t.app.request(`/s/${token}?score=${n}`);
      expect(res.status).toBe(200);
      pages.push(await res.text());
    }
    // Once seen as a scanner, its copy of the page does not post the score by itself.
    expect(pages[0]).toContain('data-pre="0"');
    expect(pages[2]).not.toContain("data-pre=");
    const after = await automated();
    expect(after.automatedClicks).toBe(before.automatedClicks + 3);
    expect(after.scannedInvitations).toBe(before.scannedInvitations + 1);
    expect((await scores()).nps.responses).toBe(responsesBefore);
    // Hours later the real customer clicks and answers.
    t.clock.advance(3 * 3_600_000);
    await t.app.request(`/s/${token}?score=9`);
    expect((await automated()).automatedClicks).toBe(after.automatedClicks);
    expect((await postJson(t.app, `/s/${token}`, { score: 9 }, {})).status).toBe(201);
    expect((await scores()).nps.responses).toBe(responsesBefore + 1);
  });

  it("an answer a scanner's script posts seconds after a burst is kept but flagged; the customer's later answer clears the flag", async () => {
    const token = await invite("scan-4", "scan-4@example.com");
    for (const n of [1, 6, 10]) {
      t.clock.advance(200);
      await t.app.request(`/s/${token}?score=${n}`);
    }
    t.clock.advance(3_000);
    const auto = await postJson(t.app, `/s/${token}`, { score: 10 }, { Accept: "application/json" });
    expect(auto.status).toBe(201);
    const { responseId } = await auto.json();
    const feed = async () =>
      ((await (await t.app.request("/api/v1/responses?limit=50", { headers: bearer() })).json()) as { responses: { id: string; flagged: boolean; score: number | null }[] }).responses.find(
        (r) => r.id === responseId,
      )!;
    expect(await feed()).toMatchObject({ flagged: true, score: 10 });
    t.clock.advance(DAY);
    await postJson(t.app, `/s/${token}`, { score: 6 }, { Accept: "application/json" });
    expect(await feed()).toMatchObject({ flagged: false, score: 6 });
  });

  it("the beacon a closing page sends carries the same scanner signal: on a scanned invitation within the window it is kept but flagged", async () => {
    const token = await invite("scan-5", "scan-5@example.com");
    await t.app.request(`/s/${token}/h`); // the honeypot: a scanner followed every link
    t.clock.advance(1_500);
    const beacon = await t.app.request(`/s/${token}?beacon=1`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: new URLSearchParams({ score: "9", locale: "vi" }).toString(),
    });
    expect(beacon.status).toBe(204);
    const row = (await t.client.execute("select r.score, r.flagged from responses r join invitations i on i.id = r.invitation_id join purchases p on p.id = i.purchase_id where p.order_id = 'scan-5'")).rows[0]!;
    expect([Number(row.score), Number(row.flagged)]).toEqual([9, 1]);
  });

  it("one quick click by a person is not set aside", async () => {
    const token = await invite("scan-3", "scan-3@example.com");
    const before = (await automated()).automatedClicks;
    t.clock.advance(5_000);
    await t.app.request(`/s/${token}?score=10`);
    expect((await automated()).automatedClicks).toBe(before);
  });

  it("the count needs an API key or a session", async () => {
    expect((await t.app.request("/api/v1/automated-clicks")).status).toBe(401);
    expect((await t.app.request("/api/v1/automated-clicks?from=nonsense", { headers: bearer() })).status).toBe(400);
  });
});

describe("states and unsubscribe", () => {
  it("unknown links get a 404 page in the browser's language; closed surveys a 410 page in the customer's", async () => {
    const notFound = await t.app.request("/s/not-a-token", { headers: { "Accept-Language": "vi-VN,vi;q=0.9" } });
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain(tr("vi", "notFound.title"));
    const token = await invite("closed-1", "closed-1@example.com");
    await postJson(t.app, `/s/${token}`, { score: 7 }, {});
    t.clock.advance(31 * DAY);
    const closed = await t.app.request(`/s/${token}`);
    expect(closed.status).toBe(410);
    const html = await closed.text();
    expect(html).toContain(tr("vi", "closed.title"));
    expect(html).toContain(tr("vi", "closed.answered"));
  });

  it("one-click unsubscribe, then a 'you are unsubscribed' page with a re-subscribe button that works", async () => {
    const token = await invite("unsub-1", "unsub-1@example.com");
    const oneClick = await t.app.request(`/u/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" }, body: "List-Unsubscribe=One-Click" });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain(`${tr("vi", "unsubscribe.resubscribe")}</button>`);
    const again = await (await t.app.request(`/u/${token}`)).text();
    expect(again).toContain(tr("vi", "unsubscribe.alreadyTitle"));
    expect(again).toContain(`action="/u/${token}/resubscribe"`);

    // A GET never re-subscribes.
    expect((await t.app.request(`/u/${token}/resubscribe`)).status).toBe(404);
    const back = await t.app.request(`/u/${token}/resubscribe`, form({ locale: "vi" }));
    expect(back.status).toBe(200);
    expect(await back.text()).toContain(tr("vi", "unsubscribe.resubscribedTitle"));
    const [customer] = await t.db.select().from(customers).where(eq(customers.email, "unsub-1@example.com"));
    expect(customer!.unsubscribedAt).toBeNull();
  });

  it("while unsubscribed nothing new is scheduled; after re-subscribing only the usual rules apply", async () => {
    const token = await invite("unsub-2", "unsub-2@example.com");
    await t.app.request(`/u/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    const customer = { email: "unsub-2@example.com", name: "Lan", locale: "vi" };
    const whileOut = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "unsub-2b", customer }))).json();
    expect(whileOut.skipped.map((s: { reason: string }) => s.reason)).toEqual(["unsubscribed"]);
    await t.app.request(`/u/${token}/resubscribe`, { method: "POST", headers: { Accept: "application/json" } });
    const back = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "unsub-2c", customer }))).json();
    // Surveyed days ago by this template: the 90-day rule, no longer the unsubscribe, decides.
    expect(back.skipped.map((s: { reason: string }) => s.reason)).toEqual(["throttled"]);
  });

  it("re-subscribing with a forged link changes nothing: 404", async () => {
    expect((await t.app.request("/u/forged/resubscribe", form({}))).status).toBe(404);
  });
});
