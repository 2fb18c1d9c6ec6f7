// The admin and data pages (Users, API keys, Webhooks, Import & export, Privacy, Suppressions, Audit log, Delivery,
// API reference, Analytics) in real Chromium, with data on them: at 1366 and 375 px, in English and Vietnamese, in the
// light and dark themes: the page never scrolls sideways (wide tables scroll in their own box), axe (WCAG 2.1 A/AA)
// finds nothing serious or critical, the texts are in the chosen language and nothing is left "Loading".
// And one form's error, in Vietnamese, names the field and the bad value (issue 18.8).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../web/src/i18n/en";
import { vi } from "../../web/src/i18n/vi";
import { startNodeServer, type RunningServer } from "../node-server";
import { axeSerious, launchChromium } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const ADMIN = { email: "admin@example.com", password: "e2e-password-123" };
const KEY = "vp_e2e_admin_pages_key_0123456789";
const DICTIONARIES = { en, vi };
type Lang = keyof typeof DICTIONARIES;

/** Each page and the heading it shows, from the dictionary (so a page left in English fails in Vietnamese). */
const PAGES = [
  ["/users", (d: typeof en) => d.users.title],
  ["/keys", (d: typeof en) => d.keys.title],
  ["/webhooks", (d: typeof en) => d.webhooks.title],
  ["/data", (d: typeof en) => d.data.title],
  ["/privacy", (d: typeof en) => d.privacy.title],
  ["/suppressions", (d: typeof en) => d.suppressions.title],
  ["/audit", (d: typeof en) => d.audit.title],
  ["/delivery", (d: typeof en) => d.delivery.title],
  ["/api-reference", (d: typeof en) => d.apiReference.title],
  ["/analytics", (d: typeof en) => d.analytics.title],
] as const;
const WIDTHS = [
  { width: 1366, height: 900 },
  { width: 375, height: 800 },
];

let server: RunningServer;
let browser: Browser;

const api = (path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A new context in `lang`, signed in (through the page, so the session cookie is the browser's own). */
async function signedIn(lang: Lang, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: lang === "vi" ? "vi-VN" : "en-US" });
  await context.addInitScript((l) => localStorage.setItem("vp.locale", l), lang);
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  const status = await page.evaluate(
    async (creds) => (await fetch("/api/v1/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(creds) })).status,
    ADMIN,
  );
  expect(status).toBe(200);
  // The user's own language setting (it wins over the browser's once signed in).
  await page.evaluate(async (l) => void (await fetch("/api/v1/auth/me", { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ locale: l }) })), lang);
  return { context, page };
}

/** Calls the API from the signed-in page (same origin, the session cookie). */
async function asAdmin(page: Page, method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ([m, p, b]) => (await fetch(p as string, { method: m as string, headers: { "Content-Type": "application/json" }, body: b === undefined ? undefined : JSON.stringify(b) })).status,
    [method, path, body] as const,
  );
}

/** How far the page reaches past the window's right edge (0 when nothing scrolls sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "60000", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
  browser = await launchChromium();

  // Data on every page: purchases sent and answered (with comments), a suppression, an API key, a webhook, an invited user, an import.
  for (let i = 0; i < 6; i++) {
    const email = `khach.hang.${i}@example.com`;
    const res = await api("/api/v1/purchases", {
      id: `admin-pages-${i}`,
      customer: { email, name: `Nguyễn Văn ${i}`, locale: i % 2 ? "vi" : "en" },
      amount: 250_000 * (i + 1),
      currency: "VND",
      channel: i % 2 ? "shopee" : "web",
      items: [{ name: "Ấm trà men rạn cổ điển", category: "ceramics" }],
      fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString(),
    });
    expect(res.status).toBe(202);
  }
  await api("/api/v1/dispatch", {});
  const { emails } = (await (await api("/api/v1/mailbox?limit=50")).json()) as { emails: { to: string; html: string }[] };
  for (const [i, mail] of emails.slice(0, 4).entries()) {
    const token = mail.html.match(/\/s\/([A-Za-z0-9_-]{43})\?/)![1];
    const res = await fetch(`${server.url}/s/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ score: [3, 9, 10, 6][i], comment: ["Giao hàng chậm quá, hộp bị móp", "Trà ngon, đóng gói đẹp", "Rất hài lòng", "Giá hơi cao"][i] }),
    });
    expect(res.status).toBeLessThan(300);
  }
  const { page, context } = await signedIn("en", WIDTHS[0]!);
  expect(await asAdmin(page, "POST", "/api/v1/suppressions", { email: "a.very.long.address.that.does.not.wrap.easily@example-shop-domain.com.vn", note: "asked by phone" })).toBe(201);
  // A purchase by the suppressed address: its invitation is skipped, with the reason.
  const held = await api("/api/v1/purchases", {
    id: "admin-pages-held",
    customer: { email: "a.very.long.address.that.does.not.wrap.easily@example-shop-domain.com.vn" },
    amount: 100_000,
    currency: "VND",
    fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString(),
  });
  expect(held.status).toBe(202);
  await api("/api/v1/dispatch", {});
  expect(await asAdmin(page, "POST", "/api/v1/api-keys", { name: "Shop backend", scope: "ingest" })).toBe(201);
  expect(await asAdmin(page, "POST", "/api/v1/webhook-endpoints", { url: "http://127.0.0.1:9/hooks/valuepulse", events: ["response.created"], format: "standard" })).toBe(201);
  expect(await asAdmin(page, "POST", "/api/v1/users", { email: "tro.ly@example.com", role: "support", locale: "vi" })).toBe(201);
  await context.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("admin and data pages", () => {
  for (const lang of ["en", "vi"] as const) {
    for (const viewport of WIDTHS) {
      it(`fit ${viewport.width} px in ${lang}, light and dark, with no serious axe violation`, async () => {
        const dict = DICTIONARIES[lang];
        const { context, page } = await signedIn(lang, viewport);
        const problems: string[] = [];
        page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
        for (const [path, heading] of PAGES) {
          await page.emulateMedia({ colorScheme: "light" });
          await page.goto(`${server.url}${path}`);
          await expect.poll(() => page.getByRole("heading", { level: 1 }).first().textContent({ timeout: 1000 }).catch(() => null), { timeout: 10_000, message: path }).toBe(heading(dict));
          expect(await page.evaluate(() => document.documentElement.lang), path).toBe(lang);
          // The data came: nothing says "Loading…" any more.
          await expect.poll(() => page.getByText(dict.common.loading).count(), { timeout: 10_000, message: `${path} still loading` }).toBe(0);
          if (path === "/api-reference") await page.locator("details.api-op").first().locator("summary").click();
          if (path === "/webhooks") await page.getByRole("button", { name: dict.webhooks.deliveries }).first().click();
          const over = await overflow(page);
          if (over > 0) problems.push(`${path}: the page scrolls ${over} px sideways`);
          for (const scheme of ["light", "dark"] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            for (const v of await axeSerious(page)) problems.push(`${path} (${scheme}): ${v}`);
          }
        }
        await context.close();
        expect(problems).toEqual([]);
      }, 180_000);
    }
  }

  it("shows each template's response rate with its n, and why an invitation was held back, in the user's language", async () => {
    const { context, page } = await signedIn("en", WIDTHS[0]!);
    await page.goto(`${server.url}/delivery`);
    // 6 invitations sent, none bounced, 4 answered (the skipped one is not in the base).
    await expect.poll(() => page.getByTestId("response-rate").first().textContent(), { timeout: 10_000 }).toBe("66.7% n = 6");
    const held = page.getByTestId("delivery-invitations").getByRole("row", { name: /a\.very\.long\.address/ });
    await expect.poll(() => held.textContent()).toMatch(/skipped.*on the suppression list/);
    await context.close();

    const vietnamese = await signedIn("vi", WIDTHS[1]!);
    await vietnamese.page.goto(`${server.url}/delivery`);
    await expect.poll(() => vietnamese.page.getByTestId("response-rate").first().textContent(), { timeout: 10_000 }).toBe("66,7% n = 6");
    const row = vietnamese.page.getByTestId("delivery-invitations").getByRole("row", { name: /a\.very\.long\.address/ });
    await expect.poll(() => row.textContent()).toMatch(/bỏ qua.*nằm trong danh sách chặn/);
    await vietnamese.context.close();
  });

  it("names the field and the bad value of a refused form, in Vietnamese", async () => {
    const { context, page } = await signedIn("vi", WIDTHS[1]!);
    await page.goto(`${server.url}/alerts`);
    await page.locator("#rule-name").fill("Khách không hài lòng");
    await page.locator("#rule-score").fill("6");
    await page.locator("#rule-recipients").fill("lan@example.com, bob@, hoa@");
    await page.locator("form.rules-form button[type=submit]").click();
    await expect
      .poll(() => page.locator("form.rules-form [role=alert]").textContent(), { timeout: 10_000 })
      .toBe("Người nhận 2 (“bob@”) không phải là địa chỉ email. Người nhận 3 (“hoa@”) không phải là địa chỉ email.");
    await context.close();
  });
});
