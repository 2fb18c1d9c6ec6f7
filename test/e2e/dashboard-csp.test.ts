// Every dashboard page in Chromium under the dashboard's Content-Security-Policy: nothing the pages
// need is refused, including inside the email and survey-page previews (srcdoc frames take the policy).
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signedInPage } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const ADMIN = { email: "csp@example.com", password: "e2e-password-123" };
const KEY = "vp_e2e_csp_key_0123456789";
const PAGES = ["/live", "/mailbox", "/keys", "/users", "/sessions", "/audit", "/privacy", "/analytics", "/templates", "/delivery", "/suppressions", "/alerts", "/data", "/webhooks", "/api-reference"];

let server: RunningServer;
let browser: Browser;
let page: Page;
/** What Chromium refused under the policy, from any frame of the pages watched. */
const refused: string[] = [];
const watch = (msg: ConsoleMessage) => {
  if (/Content Security Policy/i.test(msg.text())) refused.push(msg.text());
};

const api = (path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, { method: body === undefined ? "GET" : "POST", headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "3600000" });
  // An email in the dev mailbox, for its preview.
  await api("/api/v1/purchases", { id: "csp-1", customer: { email: "buyer@example.com" }, amount: 5, currency: "USD", fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString() });
  await api("/api/v1/dispatch", {});
  browser = await launchChromium();
  page = await signedInPage(browser, server.url, ADMIN);
  page.on("console", watch);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the dashboard under its Content-Security-Policy", () => {
  it("is sent with a policy that allows only our own scripts", async () => {
    const res = await fetch(`${server.url}/live`);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self';");
  });

  it("loads every page, the mailbox's email and the template previews with nothing refused", async () => {
    const signedOut = await (await browser.newContext()).newPage();
    signedOut.on("console", watch);
    await signedOut.goto(`${server.url}/login`);
    await signedOut.getByLabel(/email/i).waitFor();
    for (const path of PAGES) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main h1").first().waitFor();
    }
    await page.goto(`${server.url}/mailbox`);
    await page.getByTestId("mail-item").first().getByRole("button").click();
    await expect.poll(() => page.frameLocator('[data-testid="mail-html"]').locator("body").textContent()).toMatch(/\S/);

    const { templates } = (await (await api("/api/v1/templates")).json()) as { templates: { id: string }[] };
    await page.goto(`${server.url}/templates/${templates[0].id}`);
    const email = page.frameLocator('[data-testid="preview-email-en"]');
    await expect.poll(() => email.locator("body").textContent(), { timeout: 10_000 }).toMatch(/\S/);
    // The email carries inline styles, which the policy must let through (Chromium logs any it refuses).
    expect(await email.locator("body").evaluate((b) => b.querySelectorAll("[style]").length)).toBeGreaterThan(0);
    expect(refused).toEqual([]);
  }, 60_000);
});
