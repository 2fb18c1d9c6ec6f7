// The dashboard in the business's time zone (TIMEZONE), whatever the browser's (UTC here). A zone whose date
// differs from UTC's right now: Kiritimati (UTC+14 all year) from 10:00 UTC, Etc/GMT+12 (UTC−12) before noon.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signedInPage } from "./browser";

const ADMIN = { email: "tz@example.com", password: "e2e-password-123" };
const ZONE = new Date().getUTCHours() >= 12 ? "Pacific/Kiritimati" : "Etc/GMT+12";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DISPATCH_INTERVAL_MS: "3600000", TIMEZONE: ZONE });
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
    expect(new URL(page.url()).searchParams.get("from")).toBe(date(Date.now() - 6 * 86_400_000));
  });
});
