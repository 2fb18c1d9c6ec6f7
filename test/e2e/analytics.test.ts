import { createClient } from "@libsql/client";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signIn } from "./browser";
import { createDb } from "../../db/client";
import { systemClock } from "../../server/deps";
import { DAY_MS as DAY } from "../../server/domain/time";
import { runValueJob } from "../../server/services/customer-values";

const ADMIN = { email: "analyst@example.com", password: "e2e-password-123" };
const KEY = "vp_e2e_ingest_key_0123456789";

let server: RunningServer;
let browser: Browser;

const api = (path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "3600000" });
  browser = await launchChromium();
  // Ten customers: one big repeat buyer who is unhappy, the rest one-off buyers, some happy.
  const orders: { id: string; email: string; amount: number; daysAgo: number }[] = [];
  for (let k = 0; k < 5; k++) orders.push({ id: `big-${k}`, email: "big@example.com", amount: 5_000_000, daysAgo: 4 + k * 30 });
  for (let i = 0; i < 9; i++) orders.push({ id: `one-${i}`, email: `one${i}@example.com`, amount: 200_000, daysAgo: 40 + i * 20 });
  for (const o of orders) await api("/api/v1/purchases", { id: o.id, customer: { email: o.email, name: o.email.split("@")[0] }, amount: o.amount, currency: "VND", purchasedAt: new Date(Date.now() - o.daysAgo * DAY).toISOString() });
  // The tier job (hourly on the server) has run since: it set the currency's top-spender threshold over these customers.
  const client = createClient({ url: `file:${join(server.dataDir, "valuepulse.db")}` });
  await runValueJob({ db: createDb(client), clock: systemClock, log: { info() {}, error() {} } }, { force: true });
  client.close();
  await api("/api/v1/dispatch", {});
  const { emails } = (await (await api("/api/v1/mailbox?limit=50")).json()) as { emails: { to: string; html: string }[] };
  let k = 0;
  for (const mail of emails) {
    k++;
    const token = mail.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)![1];
    const unhappy = mail.to === "big@example.com" || mail.to === "one0@example.com";
    await fetch(`${server.url}/s/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      // One driver question answered by all ten: enough for one driver (10 answers per question).
      body: JSON.stringify(unhappy ? { score: 2, comment: "Giao hàng chậm quá", benefit_functional: 1 } : { score: 10, comment: "chat luong tot", benefit_functional: 4 + (k % 2) }),
    });
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("value analytics in a browser", () => {
  it("shows revenue at risk with the customer behind it, tiers, themes, and a tier filter kept in the URL", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/analytics`);
    await page.waitForURL(/\/login/);
    await signIn(page, ADMIN);
    await page.waitForURL(/\/analytics/);

    // The big buyer scored 2: their five purchases of the last 12 months (25,000,000) are at risk, plus one0s 200,000.
    await expect.poll(() => page.getByTestId("revenue-at-risk").textContent()).toMatch(/^25[,.]?200[,.]?000 VND$/);
    await expect.poll(() => page.getByTestId("risk-customer").first().textContent()).toContain("big@example.com");
    // The list says how many there are (issue 21.7: a cut list says so).
    await expect.poll(() => page.getByTestId("risk-shown").textContent()).toMatch(/Showing 2 of 2 customers/);
    await expect.poll(() => page.getByTestId("all-nps").textContent()).toBe(String(Math.round(((8 - 2) / 10) * 100)));
    // A theme raised by detractors, shown with its tone marks.
    await expect.poll(() => page.getByTestId("theme").filter({ hasText: "hàng chậm" }).count()).toBeGreaterThan(0);

    // Ten answers carry one driver question: its share of R², R² itself, and the questions left out and why.
    await expect.poll(() => page.getByTestId("drivers").locator("li").count()).toBe(1);
    await expect.poll(() => page.getByTestId("drivers").textContent()).toContain("100 %");
    await expect.poll(() => page.getByTestId("drivers-r2").textContent()).toMatch(/^Together they explain \d+\.\d % of the variation/);
    await expect.poll(() => page.getByTestId("drivers-dropped").textContent()).toContain("too few answers (0)");
    // One answer is too few for a significance test: the page says so rather than showing noise.
    await expect.poll(() => page.getByTestId("segment").count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId("segment").filter({ hasText: "Top" }).textContent()).toMatch(/-100 \(n = 1\) too few answers to go by78 \(n = 9\) too few answers to go by—/);

    // Recent, frequent and the highest revenue: the big buyer is the top tier, and unhappy.
    await expect.poll(() => page.getByTestId("top-tier-nps").textContent()).toBe("-100");
    await page.getByTestId("tier-filter").selectOption("top");
    await page.waitForURL(/tier=top/);
    await expect.poll(() => page.getByTestId("all-nps").textContent()).toBe("-100");
    // One answer in the top tier: no drivers, and the page says what is missing (not "1 complete, 30 needed").
    await expect.poll(() => page.getByTestId("drivers-empty").textContent()).toMatch(/needs at least 10 answers together with the 0–10 question, 10 more for each question added\. The most answered has 1\./);
    await page.reload();
    await expect.poll(() => page.getByTestId("tier-filter").inputValue()).toBe("top");
    await expect.poll(() => page.getByTestId("all-nps").textContent()).toBe("-100");

    // The live overview shows the top tier's NPS next to everyone's.
    await page.goto(`${server.url}/live`);
    await expect.poll(() => page.getByTestId("overview-top-tier-nps").textContent()).toBe("-100");
  });
});
