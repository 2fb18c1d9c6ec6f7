import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signedInPage, signIn } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const ADMIN = { email: "lead@example.com", password: "e2e-password-123" };
const KEY = "vp_e2e_dashboard_key_0123456789";

let server: RunningServer;
let browser: Browser;
// Kept across a server restart (the second test): the database, the secret key, the sessions.
const dataDir = mkdtempSync(join(tmpdir(), "valuepulse-dashboard-e2e-"));
const ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "60000" };

beforeAll(async () => {
  server = await startNodeServer(ENV, { dataDir });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedInTab(path = "/live"): Promise<Page> {
  const page = await signedInPage(browser, server.url, ADMIN);
  if (path !== "/live") await page.goto(`${server.url}${path}`);
  await expect.poll(() => page.getByTestId("live-status").textContent(), { timeout: 10_000 }).toMatch(/live/);
  return page;
}

const api = (path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A purchase whose invitation is due now, sent; returns the survey token. */
async function surveyFor(id: string, email: string): Promise<string> {
  const res = await api("/api/v1/purchases", {
    id,
    customer: { email, name: "Lan", locale: "vi" },
    amount: 250000,
    currency: "VND",
    channel: "web",
    items: [{ name: "Ấm trà", category: "ceramics" }],
    fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString(),
  });
  expect(res.status).toBe(202);
  await api("/api/v1/dispatch", {});
  const { emails } = (await (await api("/api/v1/mailbox?limit=50")).json()) as { emails: { to: string; html: string }[] };
  return emails.find((e) => e.to === email)!.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)![1];
}

async function openDashboard(page: Page, path = "/live") {
  await page.goto(`${server.url}${path}`);
  await expect.poll(() => page.getByTestId("live-status").textContent(), { timeout: 10_000 }).toMatch(/live/);
}

describe("the live dashboard in two tabs", () => {
  it("shows a new answer and its alert in both tabs at once; a lead assigns and closes it, and the other tab sees it", async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await first.goto(`${server.url}/live`);
    await first.waitForURL(/\/login/);
    await signIn(first, ADMIN);
    await first.waitForURL(/\/live/);
    await expect.poll(() => first.getByTestId("live-status").textContent(), { timeout: 10_000 }).toMatch(/live/);
    // The second tab shares the session, with filters in its URL: they survive a reload and can be shared.
    const second = await context.newPage();
    await openDashboard(second, "/live?channel=web&group=detractor");
    await expect.poll(() => second.getByTestId("filter-channel").inputValue()).toBe("web");
    for (const tab of [first, second]) await tab.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

    const token = await surveyFor("dash-1", "lan@example.com");
    const answered = await fetch(`${server.url}/s/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ score: 2, csat: 1, comment: "Ấm bị nứt khi nhận hàng" }),
    });
    expect(answered.status).toBe(201);

    // Both tabs update by themselves: the scores, the feed, the alert.
    for (const tab of [first, second]) {
      await expect.poll(() => tab.getByTestId("nps-score").textContent(), { timeout: 5000 }).toBe("-100");
      await expect.poll(() => tab.getByTestId("feed-item").first().textContent(), { timeout: 5000 }).toContain("Ấm bị nứt");
      await expect.poll(() => tab.getByTestId("alert-item").count(), { timeout: 5000 }).toBe(1);
      expect(await tab.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    }

    // The lead opens it from the alert in the first tab, assigns it to themself and closes it.
    await first.getByTestId("alert-item").first().getByRole("button").click();
    await expect.poll(() => first.getByTestId("panel-status").textContent()).toBe("New");
    await first.getByRole("button", { name: "Assign to me" }).click();
    await expect.poll(() => first.getByTestId("panel-status").textContent()).toBe("In progress");
    await first.getByLabel("Internal note").fill("Sending a new teapot");
    await first.getByRole("button", { name: "Add note" }).click();
    await expect.poll(() => first.getByTestId("note").count()).toBe(1);
    await first.getByRole("button", { name: "Resolve case" }).click();
    await expect.poll(() => first.getByTestId("panel-status").textContent()).toBe("Resolved");

    // The other tab sees the change without reloading.
    await expect.poll(() => second.getByTestId("feed-status").first().textContent(), { timeout: 5000 }).toBe("Resolved");
    expect(await second.getByTestId("time-to-close").first().textContent()).toMatch(/resolved in/);
    expect(await second.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    await context.close();
  });

  it("reconnects after the server went away and shows what was answered meanwhile, without a reload", async () => {
    const tab = await signedInTab("/live?channel=web");
    const before = Number(await tab.getByTestId("nps-responses").textContent());
    await tab.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    const token = await surveyFor("dash-2", "minh@example.com");

    await server.stop();
    await expect.poll(() => tab.getByTestId("live-status").textContent(), { timeout: 10_000 }).toMatch(/reconnecting/);
    server = await startNodeServer(ENV, { dataDir, port: server.port });
    // Answered before the page is back on the stream: its event is missed, the reconnect re-reads it.
    const answered = await fetch(`${server.url}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 10 }) });
    expect(answered.status).toBe(201);

    await expect.poll(() => tab.getByTestId("live-status").textContent(), { timeout: 20_000 }).toMatch(/live/);
    await expect.poll(async () => Number(await tab.getByTestId("nps-responses").textContent()), { timeout: 10_000 }).toBe(before + 1);
    await expect.poll(() => tab.getByTestId("feed-item").first().textContent()).toContain("minh@example.com");
    expect(await tab.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  }, 90_000); // stops and restarts the real server: ~10 s on a quiet machine, more on a busy one
});
