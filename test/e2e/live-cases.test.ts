// The Live page as support leads use it (issue 18.5, 18.7, 18.9, 18.10): cases only where needed, the response in a
// dialog on a phone and by keyboard, every panel following the filters, search without tone marks, getting started,
// the alert count in the tab title, and the page fitting 375 and 1366 px with nothing serious for axe, in both languages.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { axeSerious, launchChromium, signIn } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const ADMIN = { email: "lead@example.com", password: "e2e-password-123" };
const KEY = "vp_e2e_live_cases_key_0123456789";
const ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "60000" };
const PHONE = { width: 375, height: 800 };
/** SCREENSHOTS=1 also writes the pictures docs/DASHBOARD.md shows into docs/screenshots/. */
const SHOTS = process.env.SCREENSHOTS === "1" ? "docs/screenshots" : null;
const LAPTOP = { width: 1366, height: 900 };

/** expect.poll with room for a machine shared by many test runs (its default second is not enough there). */
const eventually = <T,>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout });

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startNodeServer(ENV), launchChromium()]);
  // Answers every test can rely on; each test adds its own besides.
  await answer(await surveyFor(server, "base-1", "tuan@example.com", "web"), { score: 3, comment: "Hộp bị móp" });
  await answer(await surveyFor(server, "base-2", "hoa@example.com", "web"), { score: 10, comment: "Giao hàng nhanh, đóng gói cẩn thận" });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const call = (s: RunningServer, path: string, body?: unknown) =>
  fetch(`${s.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function tokenFor(s: RunningServer, email: string): Promise<string> {
  const { emails } = (await (await call(s, "/api/v1/mailbox?limit=100")).json()) as { emails: { to: string; html: string }[] };
  return emails.find((e) => e.to === email)!.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)![1];
}

/** A purchase whose invitation is due now, sent; returns the survey token. */
async function surveyFor(s: RunningServer, id: string, email: string, channel: string): Promise<string> {
  const res = await call(s, "/api/v1/purchases", {
    id,
    customer: { email, name: email.split("@")[0], locale: "vi" },
    amount: 250000,
    currency: "VND",
    channel,
    items: [{ name: "Ấm trà", category: "ceramics" }],
    fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString(),
  });
  expect(res.status).toBe(202);
  await call(s, "/api/v1/dispatch", {});
  return tokenFor(s, email);
}

async function answer(token: string, body: Record<string, unknown>, s = server) {
  const res = await fetch(`${s.url}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
}

/** Signed in (in English) on Live; `lang` then picks the dashboard's language in its menu (saved on the account: reset it after). */
async function livePage(opts: { viewport?: { width: number; height: number }; lang?: "en" | "vi"; colorScheme?: "light" | "dark"; path?: string; s?: RunningServer } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const s = opts.s ?? server;
  const context = await browser.newContext({ viewport: opts.viewport ?? LAPTOP, locale: "en-US", colorScheme: opts.colorScheme ?? "light" });
  const page = await context.newPage();
  await page.goto(`${s.url}/login`);
  await signIn(page, ADMIN);
  await page.waitForURL(/\/live/);
  if (opts.lang) {
    // The menu is in the top bar, folded away on a phone: choose at laptop width.
    await page.setViewportSize(LAPTOP);
    await page.getByTestId("language").selectOption(opts.lang);
    await page.setViewportSize(opts.viewport ?? LAPTOP);
  }
  if (opts.path) await page.goto(`${s.url}${opts.path}`);
  await eventually(() => page.locator(".live-status").getAttribute("data-state"), 15_000).toBe("live");
  return { page, context };
}

const item = (page: Page, text: string) => page.getByTestId("feed-item").filter({ hasText: text });
const inDialog = (page: Page) => page.evaluate(() => !!document.activeElement?.closest("dialog[open]"));

describe("cases", () => {
  it("a detractor's answer is a new case by itself; a promoter's has none until a lead opens one", async () => {
    const { page, context } = await livePage();
    await eventually(() => item(page, "Hộp bị móp").getByTestId("feed-status").textContent()).toBe("New");
    expect(await item(page, "Giao hàng nhanh").getByTestId("feed-status").textContent()).toBe("No case");
    // The words of a status are never a button's.
    expect(await page.getByRole("button", { name: /^(New|Open|No case)$/ }).count()).toBe(0);
    await context.close();
  });

  it("on a phone the response opens in view, keeps focus inside, opens a case by keyboard, and Escape gives focus back to its row", async () => {
    const token = await surveyFor(server, "phone-1", "lan@example.com", "web");
    await answer(token, { score: 9, comment: "Trà thơm, sẽ mua lại" });
    const { page, context } = await livePage({ viewport: PHONE });
    const row = item(page, "Trà thơm");
    await eventually(() => row.count()).toBe(1);
    const view = row.getByRole("button", { name: /View the response/ });
    await view.focus();
    await page.keyboard.press("Enter");

    const dialog = page.getByTestId("response-panel");
    await eventually(() => dialog.isVisible()).toBe(true);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width + 0.5);
    expect(box.y).toBeLessThan(PHONE.height / 2);
    expect(await inDialog(page)).toBe(true);
    await eventually(() => page.getByTestId("panel-status").textContent()).toBe("No case");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/response-dialog-375.png` });

    // Tab goes round inside the dialog, never to the page behind it.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      expect(await inDialog(page)).toBe(true);
    }
    await page.getByRole("button", { name: "Open a case" }).focus();
    await page.keyboard.press("Enter");
    await eventually(() => page.getByTestId("panel-status").textContent()).toBe("New");
    await eventually(() => row.getByTestId("feed-status").textContent()).toBe("New");

    await page.keyboard.press("Escape");
    await eventually(() => dialog.count()).toBe(0);
    expect(page.url()).not.toContain("response=");
    await eventually(() => page.evaluate(() => document.activeElement?.textContent)).toBe("View");
    expect(await page.evaluate(() => document.activeElement?.closest("[data-testid=feed-item]")?.textContent)).toContain("Trà thơm");
    await context.close();
  });

  it("on a laptop the dialog's close button closes it; resolving is a separate button, away from it", async () => {
    const { page, context } = await livePage();
    const row = item(page, "Hộp bị móp");
    await eventually(() => row.count()).toBe(1);
    await row.getByRole("button", { name: /View the response/ }).click();
    const dialog = page.getByTestId("response-panel");
    await eventually(() => dialog.isVisible()).toBe(true);
    const box = (await dialog.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(LAPTOP.width + 0.5);
    expect(box.y + Math.min(box.height, 200)).toBeLessThanOrEqual(LAPTOP.height);
    const close = (await page.getByTestId("panel-close").boundingBox())!;
    const resolve = (await page.getByRole("button", { name: "Resolve case" }).boundingBox())!;
    expect(resolve.y - (close.y + close.height)).toBeGreaterThan(40);
    await page.getByTestId("panel-close").click();
    await eventually(() => dialog.count()).toBe(0);
    await eventually(() => page.evaluate(() => document.activeElement?.closest("[data-testid=feed-item]")?.textContent ?? "")).toContain("Hộp bị móp");
    await context.close();
  });
});

describe("filters", () => {
  it("the alerts follow them, and say so; comment search finds Vietnamese typed without tone marks", async () => {
    await answer(await surveyFor(server, "app-1", "minh@example.com", "app"), { score: 1, comment: "Ứng dụng báo lỗi thanh toán" });
    const { page, context } = await livePage({ path: "/live?channel=app" });
    await eventually(() => page.getByTestId("alert-item").allTextContents()).toEqual([expect.stringContaining("Ứng dụng báo lỗi")]);
    await page.getByTestId("alerts-filtered").waitFor();

    await page.goto(`${server.url}/live`);
    await eventually(async () => (await page.getByTestId("alert-item").allTextContents()).length).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId("alerts-filtered").count()).toBe(0);

    await page.getByTestId("feed-search").fill("giao hang");
    await eventually(() => page.getByTestId("feed-item").allTextContents()).toEqual([expect.stringContaining("Giao hàng nhanh")]);
    await page.getByTestId("feed-search").fill("DONG GOI");
    await eventually(() => page.getByTestId("feed-item").allTextContents()).toEqual([expect.stringContaining("đóng gói")]);
    await context.close();
  });

  it("names the built-in alert rule in the reader's language", async () => {
    await answer(await surveyFor(server, "app-vi-1", "lan.vi@example.com", "app"), { score: 2, comment: "Ứng dụng chạy rất chậm" });
    const { page, context } = await livePage({ lang: "vi", path: "/live?channel=app" });
    await eventually(() => page.getByTestId("alert-item").allTextContents()).toContainEqual(expect.stringContaining("Khách hàng không hài lòng (điểm 0–6)"));
    expect((await page.getByTestId("alert-item").allTextContents()).join(" ")).not.toContain("Detractor (score");
    // The choice is saved on the account: back to the browser's language for the tests after this one.
    await page.getByTestId("language").selectOption("");
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
    await context.close();
  });

  it("the top-tier line follows them and says which filter it cannot take", async () => {
    const { page, context } = await livePage({ path: "/live?category=ceramics" });
    // The overview is one of the long reads (every response of the year): slow on a busy machine.
    await eventually(() => page.getByTestId("top-tier-no-category").isVisible(), 45_000).toBe(true);
    await page.goto(`${server.url}/live?channel=none-such`);
    await eventually(() => page.getByTestId("overview-nps").textContent(), 45_000).toBe("—");
    await context.close();
  }, 150_000);
});

describe("new alerts", () => {
  it("count in the tab title until the alerts are seen", async () => {
    const { page, context } = await livePage({ viewport: { width: 1366, height: 500 } });
    await eventually(() => page.title()).toBe("Live · ValuePulse");
    await page.getByTestId("load-more").or(page.getByTestId("feed-item").last()).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await eventually(() => page.getByTestId("alerts-card").evaluate((el) => el.getBoundingClientRect().bottom < 0)).toBe(true);

    await answer(await surveyFor(server, "title-1", "quang@example.com", "web"), { score: 2, comment: "Sai màu" });
    await answer(await surveyFor(server, "title-2", "vy@example.com", "web"), { score: 0, comment: "Không nhận được hàng" });
    await eventually(() => page.title(), 10_000).toBe("(2) Live · ValuePulse");

    await page.evaluate(() => window.scrollTo(0, 0));
    await eventually(() => page.title()).toBe("Live · ValuePulse");
    await context.close();
  });
});

describe("a fresh install", () => {
  it("shows how to get started until the first answer: a test purchase from the page reaches the lead", async () => {
    const fresh = await startNodeServer(ENV);
    try {
      const { page, context } = await livePage({ s: fresh });
      await eventually(() => page.getByTestId("getting-started").isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Create an API key" }).getAttribute("href")).toBe("/keys");
      expect(await page.getByTestId("getting-started").textContent()).toContain(`${fresh.url}/webhooks/shopify`);
      expect(await page.getByTestId("automated-clicks").count()).toBe(0); // no "0 from 0 emails"
      if (SHOTS) await page.getByTestId("getting-started").screenshot({ path: `${SHOTS}/getting-started-1366.png` });

      await page.getByTestId("test-purchase").click();
      await eventually(() => page.getByTestId("test-purchase-result").textContent()).toContain(`Sent: the survey email went to ${ADMIN.email}`);
      await answer(await tokenFor(fresh, ADMIN.email), { score: 9 }, fresh);
      await eventually(() => page.getByTestId("getting-started").count(), 10_000).toBe(0);
      await eventually(() => page.getByTestId("feed-item").count()).toBe(1);
      await context.close();
    } finally {
      await fresh.stop();
    }
  }, 90_000);
});

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** The innermost elements reaching past the right edge: what to fix when the page scrolls sideways. */
const pastTheEdge = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
      .filter((el) => !el.closest(".table-wrap, pre, dialog"))
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}[${Math.round(el.getBoundingClientRect().right)}]`),
  );

describe("Live and Alert rules fit and pass axe", () => {
  for (const [language, lang, title] of [["English", "en", "Live"], ["Vietnamese", "vi", "Trực tiếp"]] as const)
    for (const colorScheme of ["light", "dark"] as const)
      it(`in ${language}, ${colorScheme}: no sideways scroll at 375 and 1366 px, nothing serious for axe, the dialog included`, async () => {
        const { page, context } = await livePage({ lang, colorScheme, viewport: PHONE });
        await eventually(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
        await eventually(() => page.getByTestId("feed-item").count()).toBeGreaterThan(0);
        await eventually(() => page.getByTestId("trend-chart").count()).toBe(1);
        for (const viewport of [PHONE, LAPTOP]) {
          await page.setViewportSize(viewport);
          expect(await sideways(page), `Live at ${viewport.width}: ${await pastTheEdge(page)}`).toBeLessThanOrEqual(0);
          expect(await axeSerious(page), `Live at ${viewport.width}`).toEqual([]);
        }
        await page.getByTestId("feed-item").first().locator("[data-view]").click();
        await eventually(() => page.getByTestId("panel-status").count()).toBe(1);
        expect(await axeSerious(page), "the response dialog").toEqual([]);
        await page.keyboard.press("Escape");

        await page.goto(`${server.url}/alerts`);
        await eventually(() => page.locator("table tbody tr").count()).toBeGreaterThan(0);
        for (const viewport of [PHONE, LAPTOP]) {
          await page.setViewportSize(viewport);
          expect(await sideways(page), `Alert rules at ${viewport.width}: ${await pastTheEdge(page)}`).toBeLessThanOrEqual(0);
          expect(await axeSerious(page), `Alert rules at ${viewport.width}`).toEqual([]);
        }
        await page.setViewportSize(LAPTOP);
        await page.getByTestId("language").selectOption(""); // back to the browser's language for the other tests
        await context.close();
      }, 120_000);
});
