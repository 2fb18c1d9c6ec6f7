// An admin in a real browser: the Delivery page shows a sent invitation; the Suppressions page adds and removes an address.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, navigateTo, signIn } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const ADMIN = { email: "admin@example.com", password: "e2e-password-123" };
const KEY = "vp_e2e_ingest_key_0123456789";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "300" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("delivery pages", () => {
  it("an admin sees the invitation sent, then suppresses an address and allows it again", async () => {
    const res = await fetch(`${server.url}/api/v1/purchases`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ id: "e2e-d-1", customer: { email: "mai@example.com" }, amount: 1000, currency: "USD", fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString() }),
    });
    expect(res.status).toBe(202);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/delivery`);
    await page.waitForURL(/\/login/);
    await signIn(page, ADMIN);
    await page.waitForURL(/\/delivery/);

    const row = page.getByTestId("delivery-invitations").getByRole("row", { name: /mai@example\.com/ });
    await expect
      .poll(async () => {
        await page.getByRole("button", { name: "Refresh" }).click();
        return (await row.count()) ? row.first().textContent() : "";
      }, { timeout: 15_000 })
      .toMatch(/sent/);
    await expect.poll(() => page.getByTestId("delivery-rates").textContent()).toMatch(/Post-purchase NPS/);

    await navigateTo(page, "Suppressions");
    await page.getByLabel("Email address").fill("Mai@Example.com");
    await page.getByLabel("Note (optional)").fill("asked by phone");
    await page.getByRole("button", { name: "Suppress" }).click();
    const listed = page.getByTestId("suppressions").getByRole("row", { name: /mai@example\.com/ });
    await expect.poll(() => listed.textContent()).toMatch(/Added by hand.*asked by phone/);

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Remove mai@example.com" }).click();
    await expect.poll(() => page.getByText("No suppressed addresses.").isVisible()).toBe(true);
    await context.close();
  });
});
