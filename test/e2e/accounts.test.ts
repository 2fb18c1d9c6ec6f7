import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, navigateTo } from "./browser";

const ADMIN = { email: "owner@example.com", password: "e2e-owner-password" };
const KEY = "vp_e2e_accounts_key_0123456789";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "3600000" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/^password/i).fill(password);
  await page.getByRole("button", { name: /^sign in/i }).click();
  await page.waitForURL(/\/live/);
}

describe("accounts in the dashboard", () => {
  it("an admin invites a user, who sets a password from the email and signs in; deactivating them ends their session; the audit log shows it", async () => {
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, ADMIN.email, ADMIN.password);
    await navigateTo(admin, "Users");
    await admin.getByLabel("Email", { exact: true }).fill("newbie@example.com");
    await admin.getByLabel("Role", { exact: true }).selectOption("support");
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => admin.getByRole("status").first().textContent()).toContain("Invitation sent to newbie@example.com");
    const row = admin.locator('[data-testid="user-row"][data-email="newbie@example.com"]');
    await expect.poll(() => row.textContent()).toContain("invited");

    const { emails } = await (await fetch(`${server.url}/api/v1/mailbox`, { headers: { Authorization: `Bearer ${KEY}` } })).json();
    const invite = emails.find((e: { to: string }) => e.to === "newbie@example.com");
    const link = invite.text.match(/http\S+\/set-password#token=[A-Za-z0-9_-]+/)![0] as string;

    const newbie = await (await browser.newContext()).newPage();
    await newbie.goto(link);
    await newbie.getByLabel(/new password/i).fill("newbie-password-1");
    await newbie.getByLabel(/repeat/i).fill("newbie-password-1");
    await newbie.getByRole("button", { name: /set password/i }).click();
    await newbie.waitForURL(/\/live/);
    await expect.poll(() => newbie.getByTestId("user-email").textContent()).toBe("newbie@example.com");
    // Support sees no admin pages in the navigation.
    expect(await newbie.locator('nav a[href="/users"]').count()).toBe(0);

    await admin.reload();
    await expect.poll(() => row.textContent()).toContain("active");
    await row.getByRole("button", { name: /deactivate/i }).click();
    await expect.poll(() => row.textContent()).toContain("deactivated");

    await navigateTo(newbie, "Sessions");
    await newbie.waitForURL(/\/login/);

    await navigateTo(admin, "Audit log");
    await expect.poll(() => admin.getByTestId("audit-table").textContent()).toContain("user.deactivate");
    expect(await admin.getByTestId("audit-table").textContent()).toContain("user.invite");
  }, 60_000);

  it("an admin erases a customer and sets retention from the Privacy page", async () => {
    const purchase = await fetch(`${server.url}/api/v1/purchases`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ id: "privacy-e2e-1", customer: { email: "forget-me@example.com" }, amount: 1000, currency: "USD" }),
    });
    expect(purchase.status).toBe(202);

    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, ADMIN.email, ADMIN.password);
    await navigateTo(admin, "Privacy");
    await admin.getByLabel("Customer email or id").fill("forget-me@example.com");
    await admin.getByRole("button", { name: "Erase…" }).click();
    await admin.getByTestId("erase-confirm").click();
    await expect.poll(() => admin.getByRole("status").first().textContent()).toContain("Erased: 1 purchase(s)");

    await admin.getByLabel("Customer email or id").fill("forget-me@example.com");
    await admin.getByRole("button", { name: "Export (JSON)" }).click();
    await expect.poll(() => admin.getByRole("alert").first().textContent()).toContain("Customer not found");

    await admin.getByLabel(/months/i).fill("12");
    await admin.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => admin.getByTestId("retention-current").textContent()).toContain("12 months");
  }, 60_000);
});
