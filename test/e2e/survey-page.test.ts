// The survey as a customer meets it on the real server: without JavaScript over plain HTTP, and in Chromium on a
// 375 px phone in Vietnamese — every question type, saved as they go, an answer changed, axe-core finding nothing serious.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t as tr } from "../../emails/i18n";
import { useEveryQuestionTypeInFile } from "../fixtures/every-question-type";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signIn } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const KEY = "vp_e2e_survey_key_0123456789";
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server: RunningServer;
let browser: Browser;

const api = (path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A purchase → dispatch → the token behind the email's score links. */
async function invite(id: string, locale: "en" | "vi"): Promise<string> {
  const email = `${id}@example.com`;
  const res = await api("/api/v1/purchases", {
    id,
    customer: { email, name: "Lan", locale },
    amount: 250_000,
    currency: "VND",
    items: [{ name: "Trà sen", category: "tea" }],
    fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString(),
  });
  expect(res.status).toBe(202);
  await api("/api/v1/dispatch", {});
  const { emails } = (await (await api("/api/v1/mailbox?limit=50")).json()) as { emails: { to: string; html: string }[] };
  const m = emails.find((e) => e.to === email)?.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/);
  if (!m) throw new Error(`no email for ${email}`);
  return m[1]!;
}

type Scores = { nps: { score: number | null; responses: number }; csat: { responses: number } };
const scores = async (): Promise<Scores> => (await api("/api/v1/scores")).json() as Promise<Scores>;

beforeAll(async () => {
  server = await startNodeServer({ INGEST_API_KEY: KEY, ADMIN_EMAIL: "lead@example.com", ADMIN_PASSWORD: "e2e-password-123", DISPATCH_INTERVAL_MS: "3600000" });
  // The server reads templates on first use: switch the seeded one to "every question type" before any purchase.
  await useEveryQuestionTypeInFile(`file:${join(server.dataDir, "valuepulse.db")}`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("without JavaScript, over plain HTTP", () => {
  it("opens from the score link, posts the whole form, lands on the saved page, and an update replaces the answer", async () => {
    const token = await invite("nojs-1", "en");
    const before = await scores();
    const page = await fetch(`${server.url}/s/${token}?score=9`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form id="survey" method="post" action="\/s\/[^"]+"/);
    expect((await scores()).nps.responses).toBe(before.nps.responses); // the GET recorded nothing

    const post = (fields: Record<string, string>) =>
      fetch(`${server.url}/s/${token}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
    const first = await post({ locale: "en", score: "9", csat: "5", expect_functional: "better", tp_delivery: "5", heard_from: "friend", comment: "Lovely" });
    expect(first.status).toBe(303);
    const saved = await (await fetch(new URL(first.headers.get("location")!, server.url))).text();
    expect(saved).toContain(tr("en", "page.saved", { date: "" }).split("{date}")[0]!.slice(0, 20));
    expect(saved).toMatch(/name="heard_from" value="friend"[^>]*checked/);
    const once = await scores();
    expect(once.nps.responses).toBe(before.nps.responses + 1);

    const second = await post({ locale: "en", score: "2" });
    expect(second.status).toBe(303);
    const twice = await scores();
    expect(twice.nps.responses).toBe(once.nps.responses);
    expect(twice.nps.score).toBeLessThan(once.nps.score!);
    // The other answers were kept.
    expect(await (await fetch(`${server.url}/s/${token}`)).text()).toMatch(/name="tp_delivery" value="5"[^>]*checked/);
  });
});

/** axe-core, run through DevTools (not a page script, so the page's CSP does not block it). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.targets.join(", ")}`);
}

describe("in Chromium on a 375 px phone, in Vietnamese", () => {
  it("answers every question type, saves as it goes, changes an answer by keyboard, and the scores change once", async () => {
    const token = await invite("phone-1", "vi");
    const before = await scores();
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: "vi-VN", isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const requested: string[] = [];
    const cspErrors: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    page.on("console", (m) => m.text().includes("Content Security Policy") && cspErrors.push(m.text()));
    const saves: number[] = [];
    page.on("response", (r) => r.request().method() === "POST" && saves.push(r.status()));

    await page.goto(`${server.url}/s/${token}?score=9`);
    expect(await page.locator("h1").textContent()).toBe(tr("vi", "page.heading"));
    expect(await page.locator('input[name="score"][value="9"]').isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    const status = page.locator("#status");
    const savedText = await status.getAttribute("data-saved");
    const pick = async (name: string, value: string) => {
      const count = saves.length;
      await page.locator(`input[name="${name}"][value="${value}"]`).check();
      await expect.poll(() => saves.length).toBeGreaterThan(count);
    };
    await pick("csat", "4"); // the first answer also sends the score chosen in the email
    await expect.poll(() => status.textContent()).toBe(savedText);
    await pick("benefit_functional", "5");
    await pick("cost_money", "2");
    await page.getByRole("radio", { name: "Tốt hơn tôi mong đợi" }).check();
    await pick("tp_delivery", "4");
    await page.getByRole("radio", { name: "Mạng xã hội" }).check();
    const typed = saves.length;
    await page.getByLabel("Bạn có muốn chia sẻ thêm điều gì không?").fill("Trà rất thơm, giao hàng nhanh");
    await expect.poll(() => saves.length, { timeout: 5000 }).toBeGreaterThan(typed);
    expect(await page.locator("#progress").evaluate((p) => (p as HTMLProgressElement).value)).toBe(8);
    expect(await page.locator("#progress-text").textContent()).toBe(tr("vi", "page.progress", { answered: 8, total: 8 }));
    expect(saves.every((s) => s === 200 || s === 201)).toBe(true);

    await expect.poll(async () => (await scores()).nps.responses).toBe(before.nps.responses + 1);
    const answered = await scores();

    // Change the score with the keyboard: focus is visible, arrows move the choice, and it is saved.
    const nine = page.locator('input[name="score"][value="9"]');
    await nine.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowLeft");
    const focused = page.locator('input[name="score"][value="3"]');
    expect(await focused.evaluate((i) => i === document.activeElement)).toBe(true);
    expect(await focused.evaluate((i) => getComputedStyle(i.nextElementSibling!).outlineStyle)).toBe("solid");
    expect(await page.locator('input[name="score"][value="3"]').isChecked()).toBe(true);
    await expect.poll(async () => (await scores()).nps.score).not.toBe(answered.nps.score);
    const changed = await scores();
    expect(changed.nps.responses).toBe(answered.nps.responses); // changed, not counted twice

    // Coming back with the same link shows the latest answers.
    await page.goto(`${server.url}/s/${token}`);
    expect(await page.locator('input[name="score"][value="3"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="heard_from"][value="social"]').isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join("test-results", "survey-vi-375.png"), fullPage: true });

    expect(cspErrors).toEqual([]);
    expect(requested.filter((u) => !u.startsWith(server.url))).toEqual([]);
    await context.close();
  });

  it("the unsubscribe, not-found and closed pages have no serious accessibility problems either", async () => {
    const token = await invite("phone-2", "vi");
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    for (const path of [`/u/${token}`, "/s/not-a-real-token"]) {
      await page.goto(`${server.url}${path}`);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.goto(`${server.url}/u/${token}`);
    await page.getByRole("button", { name: tr("vi", "unsubscribe.button") }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(tr("vi", "unsubscribe.doneTitle"));
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: tr("vi", "unsubscribe.resubscribe") }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(tr("vi", "unsubscribe.resubscribedTitle"));
    await page.close();
  });
});

describe("one click in the email counts (issue 18.3)", () => {
  // Measured with the page as it was before (sendBeacon unavailable: only the 3 s-visible timer posts) and as it is.
  async function clickNineAndClose(sendBeacon: boolean, visibleMs: number): Promise<boolean> {
    const token = await invite(`close-${sendBeacon}-${visibleMs}`, "en");
    const before = (await scores()).nps.responses;
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    if (!sendBeacon) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "sendBeacon", { value: undefined }));
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on("console", (m) => m.text().includes("Content Security Policy") && cspErrors.push(m.text()));
    await page.goto(`${server.url}/s/${token}?score=9`);
    expect(await page.locator('input[name="score"][value="9"]').isChecked()).toBe(true);
    if (visibleMs > 0) await page.waitForTimeout(visibleMs); // the time a person looks at the page before closing the tab
    await page.close({ runBeforeUnload: true });
    expect(cspErrors).toEqual([]);
    // The beacon is in flight when the tab closes: give it up to 3 s to land.
    const stored = await expect
      .poll(async () => (await scores()).nps.responses, { timeout: 3000 })
      .toBe(before + 1)
      .then(() => true, () => false);
    await context.close();
    return stored;
  }

  it("a person who clicks 9 and closes the tab after 1.5 s is counted (before: lost), by sendBeacon within the page's CSP", async () => {
    expect(await clickNineAndClose(false, 1500)).toBe(false); // before: the score waited for 3 s visible
    expect(await clickNineAndClose(true, 1500)).toBe(true); // now: pagehide sends it
  });

  it("a copy of the page dropped at once (a scanner opening the link) still records nothing", async () => {
    expect(await clickNineAndClose(true, 0)).toBe(false);
  });
});

describe("a CSAT-only template in the browser (issue 18.2)", () => {
  it("the email's ?csat=4 link preselects 4 on the page and the page records it as the CSAT answer", async () => {
    const presets = (await (await api("/api/v1/templates/presets")).json()) as { presets: { id: string; content: { questions: { text: { en: string } }[] }; rules: Record<string, unknown> }[] };
    const csat = presets.presets.find((p) => p.id === "csat_only")!;
    csat.content.questions[0]!.text.en = "How happy are you with the {product} you bought?";
    const rules = { ...csat.rules, priority: 900, throttleDays: 0, filters: { categories: [], channels: ["csat-e2e"], locales: [], minAmount: null } };
    const created = (await (await api("/api/v1/templates", { name: "CSAT e2e", content: csat.content, rules })).json()) as { id: string };
    expect((await api(`/api/v1/templates/${created.id}/publish`, {})).status).toBe(200);
    const email = "csat-e2e@example.com";
    expect((await api("/api/v1/purchases", { id: "csat-e2e-1", channel: "csat-e2e", customer: { email, locale: "en" }, amount: 90_000, currency: "VND", items: [{ name: "Trà sen" }], fulfilledAt: new Date(Date.now() - 2 * DAY_MS).toISOString() })).status).toBe(202);
    await api("/api/v1/dispatch", {});
    const { emails } = (await (await api("/api/v1/mailbox?limit=50")).json()) as { emails: { to: string; html: string }[] };
    const link = /href="([^"]*\/s\/[A-Za-z0-9_-]{43}\?csat=4)"/.exec(emails.find((e) => e.to === email)!.html)![1]!;
    const before = (await scores()).csat.responses;

    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    expect(await page.locator('input[name="csat"][value="4"]').isChecked()).toBe(true);
    expect(await page.locator("legend").first().textContent()).toContain("How happy are you with the Trà sen you bought?");
    await expect.poll(async () => (await scores()).csat.responses, { timeout: 10_000 }).toBe(before + 1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
    await api(`/api/v1/templates/${created.id}/archive`, {});
  });
});

describe("the dashboard", () => {
  it("shows on the Live page how many clicks were set aside as a mail scanner's", async () => {
    const token = await invite("scanned-1", "en");
    const honeypot = await fetch(`${server.url}/s/${token}/h`); // what a scanner following every link does
    expect(honeypot.status).toBe(404);
    const page = await browser.newPage();
    await page.goto(`${server.url}/live`);
    await page.waitForURL(/\/login/);
    await signIn(page, { email: "lead@example.com", password: "e2e-password-123" });
    await page.waitForURL(/\/live|\/$/);
    await expect.poll(() => page.getByTestId("automated-clicks").textContent()).toBe("1");
    await page.close();
  });
});
