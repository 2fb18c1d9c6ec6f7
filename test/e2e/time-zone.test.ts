// The dashboard in the business's time zone (TIMEZONE), whatever the browser's (UTC here). A zone whose date
// differs from UTC's right now: Kiritimati (UTC+14 all year) from 10:00 UTC, Etc/GMT+12 (UTC−12) before noon.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFromEmail } from "../helpers";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signedInPage } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const ADMIN = { email: "tz@example.com", password: "e2e-password-123" };
const KEY = "vp_e2e_tz_key_0123456789";
const ZONE = new Date().getUTCHours() >= 12 ? "Pacific/Kiritimati" : "Etc/GMT+12";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "3600000", TIMEZONE: ZONE });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe(`the dashboard with TIMEZONE=${ZONE}`, () => {
  it("picks the last 7 days ending today there, not today in UTC or in the browser", async () => {
    const page = await signedInPage(browser, server.url, ADMIN);
    await page.getByRole("button", { name: "7 days", exact: true }).click();
    const date = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(ms);
    await expect.poll(() => new URL(page.url()).searchParams.get("to")).toBe(date(Date.now()));
    expect(new URL(page.url()).searchParams.get("from")).toBe(date(Date.now() - 6 * DAY_MS));
  });

  it("labels a day's bucket with its date in the zone", async () => {
    const api = (path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, { method: body ? "POST" : "GET", headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    await api("/api/v1/purchases", { id: "tz-1", customer: { email: "tz-buyer@example.com" }, amount: 5, currency: "USD", fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString() });
    await api("/api/v1/dispatch", {});
    const { emails } = (await (await api("/api/v1/mailbox")).json()) as { emails: { html: string }[] };
    await fetch(`${server.url}/s/${tokenFromEmail(emails[0].html)}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 9 }) });

    const page = await signedInPage(browser, server.url, ADMIN);
    // The legend shows the hovered bucket's start: midnight of today's date in the zone.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(Date.now());
    await page.locator(".u-over").hover();
    const bucket = page.locator(".u-legend .u-series").first().locator(".u-value");
    await expect.poll(() => bucket.textContent(), { timeout: 10_000 }).toBe(`${today} 12:00am`);
  });
});
