import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { connectNode } from "../../db/node/connect-node";
import { createUser } from "../../server/services/auth";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signIn } from "./browser";

const MARKETER = { email: "mai@example.com", password: "marketer-password-123" };
const SUPPORT = { email: "hoa@example.com", password: "support-password-123" };
const KEY = "vp_e2e_templates_key_0123456789";
const SUBJECT_VI = "Chào bạn! {brand} mong nghe ý kiến của bạn";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startNodeServer({ INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "300", ADMIN_PASSWORD: "e2e-admin-password-1" });
  // The marketer, added to the same database the server uses (there is no sign-up).
  // Waits for the server's own writes (busy timeout) instead of failing with SQLITE_BUSY.
  const client = await connectNode(`file:${join(server.dataDir, "valuepulse.db")}`);
  await createUser(createDb(client), { ...MARKETER, role: "marketer" }, Date.now());
  await createUser(createDb(client), { ...SUPPORT, role: "support" }, Date.now());
  client.close();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the template designer in a browser", () => {
  it("a marketer starts from a preset, edits the Vietnamese subject, sees it in the preview, publishes, and the next purchase's email carries it", async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/templates`);
    await page.waitForURL(/\/login/);
    await signIn(page, MARKETER);
    await page.waitForURL(/\/templates$/);

    await page.getByTestId("preset-post_purchase_nps").click();
    await page.waitForURL(/\/templates\/[0-9A-Z]+$/);
    await expect.poll(() => page.getByTestId("template-status").first().textContent()).toBe("draft");

    // A blank Vietnamese subject is an error next to the field, and the editor refuses to publish.
    const subjectVi = page.getByLabel("Subject (Vietnamese)", { exact: true });
    await subjectVi.fill("");
    await expect.poll(() => page.locator("#f-content-email-subject-vi-err").textContent()).toBe("missing Vietnamese text");
    expect(await page.getByRole("button", { name: "Publish" }).isDisabled()).toBe(true);

    await subjectVi.fill(SUBJECT_VI);
    await expect.poll(() => page.getByTestId("preview-subject-vi").textContent(), { timeout: 10_000 }).toBe("Chào bạn! ValuePulse mong nghe ý kiến của bạn");
    // The Vietnamese email itself, rendered by the server, is in the phone-width frame.
    const frame = page.frameLocator('[data-testid="preview-email-vi"]');
    await expect.poll(() => frame.locator("body").textContent()).toContain("Bạn có sẵn lòng giới thiệu ValuePulse");
    expect(await page.getByTestId("preview-email-vi").evaluate((el) => el.getBoundingClientRect().width)).toBe(375);

    await page.getByRole("button", { name: "Survey page" }).click();
    await expect.poll(() => page.frameLocator('[data-testid="preview-page-vi"]').locator("html").getAttribute("lang")).toBe("vi");

    await page.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByTestId("editor-message").textContent()).toContain("Published version 1");
    expect(await page.getByTestId("template-status").first().textContent()).toBe("published");

    const res = await fetch(`${server.url}/api/v1/purchases`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        id: "e2e-template-1",
        customer: { email: "lan@example.com", name: "Lan", locale: "vi" },
        amount: 350000,
        currency: "VND",
        fulfilledAt: new Date(Date.now() - 4 * 86_400_000).toISOString(),
      }),
    });
    expect(res.status).toBe(202);
    await expect
      .poll(
        async () => {
          const r = await fetch(`${server.url}/api/v1/mailbox?limit=5`, { headers: { Authorization: `Bearer ${KEY}` } });
          const { emails } = (await r.json()) as { emails: { to: string; subject: string }[] };
          return emails.find((m) => m.to === "lan@example.com")?.subject;
        },
        { timeout: 15_000 },
      )
      .toBe("Chào bạn! ValuePulse mong nghe ý kiến của bạn");
    await context.close();
  });

  it("a support lead can look at a template but not change it", async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login?next=/templates`);
    await signIn(page, SUPPORT);
    await page.waitForURL(/\/templates$/);
    await expect.poll(() => page.getByTestId("template-row").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("preset-post_purchase_nps").count()).toBe(0);
    await page.getByTestId("template-row").first().getByRole("link").click();
    await page.waitForURL(/\/templates\/[0-9A-Z]+$/);
    await expect.poll(() => page.getByLabel("Subject (Vietnamese)", { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Publish" }).count()).toBe(0);
    await expect.poll(() => page.getByTestId("preview-subject-en").textContent(), { timeout: 10_000 }).not.toBe("");
    await context.close();
  });
});
