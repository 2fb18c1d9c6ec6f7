// In a browser against the real Node server: import a CSV with progress and errors, register a webhook
// that the server's own interval then delivers, and read the API reference.
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver } from "../answered";
import { tokenFromEmail } from "../helpers";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, navigateTo, signedInPage } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const ADMIN = { email: "lead@example.com", password: "e2e-password-123" };
const KEY = "vp_e2e_ingest_key_0123456789";

let server: RunningServer;
let browser: Browser;
let page: Page;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "300", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
  browser = await launchChromium();
  receiver = await startReceiver();
  page = await signedInPage(browser, server.url, ADMIN);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await receiver?.close();
});

describe("integrations in the dashboard", () => {
  it("imports a CSV, shows the counts and every refused row with its line", async () => {
    await navigateTo(page, "Import & export");
    const lines = ["order_id,email,amount,currency,purchased_at"];
    for (let i = 1; i <= 300; i++) lines.push(i === 7 ? `ui-${i},broken-email,5,USD,2026-01-01` : i === 150 ? `ui-${i},x${i}@example.com,5,DOLLARS,2026-01-01` : `ui-${i},x${i}@example.com,5,USD,2026-01-01`);
    await page.getByLabel("CSV file").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.getByTestId("import-progress").getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
    expect(await page.getByTestId("import-counts").textContent()).toBe("Done: 300 rows read — 298 imported, 0 unchanged, 2 refused.");
    const errors = await page.getByTestId("import-errors").locator("tbody tr").allTextContents();
    expect(errors).toEqual(["8emailis not an email address", "151currencymust be an ISO 4217 code such as VND or USD"]);
    await expect.poll(() => page.getByRole("cell", { name: "orders.csv" }).count()).toBe(1);
  }, 90_000);

  it("registers a webhook endpoint whose events the server then delivers, signed", async () => {
    await navigateTo(page, "Webhooks");
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);

    const headers = { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" };
    await fetch(`${server.url}/api/v1/purchases`, { method: "POST", headers, body: JSON.stringify({ id: "e2e-wh", customer: { email: "wh@example.com" }, amount: 5, currency: "USD", fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString() }) });
    await fetch(`${server.url}/api/v1/dispatch`, { method: "POST", headers });
    const { emails } = await (await fetch(`${server.url}/api/v1/mailbox`, { headers })).json();
    const token = tokenFromEmail(emails.find((m: { to: string }) => m.to === "wh@example.com").html);
    await fetch(`${server.url}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 2 }) });

    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(2);
    const types = receiver.received.map((r) => (new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string }).type).sort();
    expect(types).toEqual(["detractor.alert", "response.created"]);
    await page.getByRole("button", { name: "Deliveries" }).click();
    await expect.poll(() => page.getByText("succeeded").count()).toBe(2);
  }, 60_000);

  it("shows the API reference from /openapi.json", async () => {
    await navigateTo(page, "API reference");
    await page.getByLabel("Filter").fill("imports");
    // Purchases: create, upload, one-shot, get, list; Delighted: one-shot, upload.
    await expect.poll(() => page.getByTestId("api-operation").count()).toBe(7);
    await page.getByText("/api/v1/imports/{id}/csv", { exact: true }).click();
    const op = page.getByTestId("api-operation").filter({ hasText: "/api/v1/imports/{id}/csv" });
    await expect.poll(() => op.getByRole("cell", { name: "errorsLimit" }).isVisible()).toBe(true);
    await op.getByText("text/csv: string").waitFor();
  });

  it("shows a failed /openapi.json in place, with the page around it, and recovers on Try again", async () => {
    await page.route("**/openapi.json", (route) => route.fulfill({ status: 503, contentType: "application/json", body: '{"error":{"code":"unavailable","message":"Down for a moment"}}' }));
    await page.reload();
    await expect.poll(() => page.getByRole("button", { name: "Try again" }).isVisible()).toBe(true);
    await page.getByRole("heading", { name: "API reference" }).waitFor();
    await page.unroute("**/openapi.json");
    await page.getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => page.getByTestId("api-operation").count()).toBeGreaterThan(20);
  });
});
