import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signIn } from "./browser";
import { DAY_MS } from "../../server/domain/time";

const ADMIN = { email: "lead@example.com", password: "e2e-password-123" };
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

describe("the whole loop in a browser", () => {
  it("a customer opens the email from the mailbox, clicks 9, answers, and the open Live page shows the new NPS without reload, as too few answers to go by", async () => {
    const lead = await browser.newContext();
    const live = await lead.newPage();
    await live.goto(`${server.url}/live`);
    // Not signed in: the dashboard sends us to the sign-in page.
    await live.waitForURL(/\/login/);
    await signIn(live, ADMIN);
    await live.waitForURL(/\/live|\/$/);
    await expect.poll(() => live.getByTestId("nps-score").textContent()).toBe("—");
    await expect.poll(() => live.getByTestId("live-status").textContent()).toMatch(/live/);
    // A marker that a reload would erase.
    await live.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

    const res = await fetch(`${server.url}/api/v1/purchases`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        id: "e2e-1",
        customer: { email: "khach@example.com", name: "Khách", locale: "en" },
        amount: 250000,
        currency: "VND",
        items: [{ name: "Ceramic teapot", category: "kitchen" }],
        fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString(),
      }),
    });
    expect(res.status).toBe(202);

    // The dispatcher runs by itself; the email appears in the dev mailbox.
    const mailboxPage = await lead.newPage();
    await mailboxPage.goto(`${server.url}/mailbox`);
    await expect
      .poll(async () => {
        await mailboxPage.reload();
        return mailboxPage.getByTestId("mail-item").count();
      }, { timeout: 15_000 })
      .toBeGreaterThan(0);
    await mailboxPage.getByTestId("mail-item").first().click();
    const email = mailboxPage.frameLocator("iframe").first();
    const [survey] = await Promise.all([lead.waitForEvent("page"), email.getByRole("link", { name: /^9\b/ }).click()]);
    await survey.waitForLoadState();
    expect(survey.url()).toMatch(/\/s\/[A-Za-z0-9_-]{43}\?score=9$/);
    await expect.poll(() => survey.locator('input[name="score"][value="9"]').isChecked()).toBe(true);

    await survey.locator('input[name="csat"][value="5"]').check();
    await survey.locator('input[name="benefit_functional"][value="5"]').check();
    await survey.locator('input[name="cost_money"][value="2"]').check();
    await survey.locator('textarea[name="comment"]').fill("Lovely teapot, fast delivery");
    await survey.locator('form#survey button[type="submit"]').click();
    await survey.waitForURL(/saved=1/);
    await expect.poll(() => survey.getByRole("status").first().isVisible()).toBe(true);

    await expect.poll(() => live.getByTestId("nps-score").textContent(), { timeout: 5000 }).toBe("100");
    expect(await live.getByTestId("nps-responses").textContent()).toContain("1");
    // One answer is no finding (MIN_SAMPLE_SIZE 30): the headline says so, the 100 stays small beside its range.
    expect(await live.getByTestId("nps-too-few").textContent()).toBe("Too few answers (n = 1)");
    expect(await live.locator(".card-nps .big").count()).toBe(0);
    await live.getByTestId("figures-too-few").waitFor();
    // So does each segment's row, with its 95 % range instead of a ± that reads ±0 at n = 1.
    await expect.poll(() => live.getByTestId("segment-too-few").count()).toBeGreaterThan(0);
    await expect.poll(() => live.getByTestId("feed-item").first().textContent()).toContain("Lovely teapot");
    expect(await live.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    await lead.close();
  });
});
