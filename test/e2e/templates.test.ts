// The template designer in real Chromium: a marketer names a template started from a preset, sees a blank field's error
// at the field and in a linked summary, previews in Vietnamese, confirms a publish that warns about the template it
// takes purchases from, and the next purchase's email carries the edit. The preview sits beside the form from 1200 px
// (and stays in view) and is a tab on a phone; leaving with unsaved edits asks first. Templates, the editor and the
// Mailbox fit 375 and 1366 px in English and Vietnamese, light and dark, with no serious axe violation.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { connectNode } from "../../db/node/connect-node";
import { systemClock } from "../../server/deps";
import { createUser } from "../../server/services/auth";
import { en } from "../../web/src/i18n/en";
import { vi } from "../../web/src/i18n/vi";
import { startNodeServer, type RunningServer } from "../node-server";
import { axeSerious as seriousViolations, launchChromium, signIn } from "./browser";

const MARKETER = { email: "mai@example.com", password: "marketer-password-123" };
const SUPPORT = { email: "hoa@example.com", password: "support-password-123" };
const ADMIN = { email: "boss@example.com", password: "admin-password-12345" };
const KEY = "vp_e2e_templates_key_0123456789";
const SUBJECT_VI = "Chào bạn! {brand} mong nghe ý kiến của bạn";
const DICTIONARIES = { en, vi };
type Lang = keyof typeof DICTIONARIES;

let server: RunningServer;
let browser: Browser;

const api = (path: string, body?: unknown, method = body === undefined ? "GET" : "POST") =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startNodeServer({ INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "300", ADMIN_PASSWORD: "e2e-admin-password-1" });
  // The marketer, added to the same database the server uses (there is no sign-up).
  // Waits for the server's own writes (busy timeout) instead of failing with SQLITE_BUSY.
  const client = await connectNode(`file:${join(server.dataDir, "valuepulse.db")}`);
  await createUser({ db: createDb(client), clock: systemClock }, { ...MARKETER, role: "marketer" });
  await createUser({ db: createDb(client), clock: systemClock }, { ...SUPPORT, role: "support" });
  await createUser({ db: createDb(client), clock: systemClock }, { ...ADMIN, role: "admin" });
  client.close();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A new context signed in (the marketer unless said), in `lang`, at `viewport`, on `path`. */
async function marketerAt(path: string, viewport: { width: number; height: number }, lang: Lang = "en", user = MARKETER): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: lang === "vi" ? "vi-VN" : "en-US" });
  await context.addInitScript((l) => localStorage.setItem("vp.locale", l), lang);
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  const status = await page.evaluate(
    async (creds) => (await fetch("/api/v1/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(creds) })).status,
    user,
  );
  expect(status).toBe(200);
  await page.evaluate(async (l) => void (await fetch("/api/v1/auth/me", { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ locale: l }) })), lang);
  await page.goto(`${server.url}${path}`);
  return { context, page };
}

/** A draft made through the API (each test its own), opened in the editor. */
async function draftFrom(presetId: string, name: string, rules: Record<string, unknown> = {}): Promise<string> {
  const { presets } = (await (await api("/api/v1/templates/presets")).json()) as { presets: { id: string; content: unknown; rules: Record<string, unknown> }[] };
  const p = presets.find((x) => x.id === presetId)!;
  const res = await api("/api/v1/templates", { name, content: p.content, rules: { ...p.rules, ...rules } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("the template designer in a browser", () => {
  it("a marketer names a draft from a preset, fixes a blank field from the summary, previews in Vietnamese, confirms the publish over the default template, and the next purchase's email carries it", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/templates`);
    await page.waitForURL(/\/login/);
    await signIn(page, MARKETER);
    await page.waitForURL(/\/templates$/);
    const before = await (await api("/api/v1/templates")).json();

    // A preset asks for the name first; cancelling creates nothing.
    await page.getByTestId("preset-post_purchase_nps").click();
    const nameDialog = page.getByTestId("name-dialog");
    await expect.poll(() => nameDialog.isVisible()).toBe(true);
    expect(await page.getByLabel("Template name").inputValue()).toBe("Post-purchase NPS");
    await nameDialog.getByRole("button", { name: "Cancel" }).click();
    expect((await (await api("/api/v1/templates")).json()).templates).toHaveLength(before.templates.length);
    await page.getByTestId("preset-post_purchase_nps").click();
    await page.getByLabel("Template name").fill("Tea shop NPS");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/templates\/[0-9A-Z]+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Tea shop NPS");
    await expect.poll(() => page.getByTestId("template-status").first().getAttribute("data-status")).toBe("draft");

    // A blank Vietnamese subject: the error is at the field, and the summary links to it; Publish says to fix it first.
    const subjectVi = page.getByLabel("Subject (Vietnamese)", { exact: true });
    await subjectVi.fill("");
    await expect.poll(() => page.locator("#f-content-email-subject-vi-err").textContent()).toBe("missing Vietnamese text");
    expect(await subjectVi.getAttribute("aria-invalid")).toBe("true");
    await page.getByTestId("publish").click();
    await expect.poll(() => page.getByTestId("error-summary").evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId("editor-message").textContent()).toBe("Fix the problems listed above first.");
    expect(await page.getByTestId("publish-dialog").count()).toBe(0);
    await page.getByTestId("error-summary").getByRole("link", { name: "Email subject (Vietnamese)" }).click();
    await expect.poll(() => subjectVi.evaluate((el) => el === document.activeElement)).toBe(true);

    await subjectVi.fill(SUBJECT_VI);
    await expect.poll(() => page.getByTestId("error-summary").count()).toBe(0);
    await page.getByTestId("preview-locale-vi").click();
    await expect.poll(() => page.getByTestId("preview-subject-vi").textContent(), { timeout: 10_000 }).toBe("Chào bạn! ValuePulse mong nghe ý kiến của bạn");
    // The Vietnamese email itself, rendered by the server, is in the phone-width frame.
    const frame = page.frameLocator('[data-testid="preview-email-vi"]');
    await expect.poll(() => frame.locator("body").textContent()).toContain("Bạn có sẵn lòng giới thiệu ValuePulse");
    expect(await page.getByTestId("preview-email-vi").evaluate((el) => el.getBoundingClientRect().width)).toBe(375);
    await page.getByRole("button", { name: "Survey page" }).click();
    await expect.poll(() => page.frameLocator('[data-testid="preview-page-vi"]').locator("html").getAttribute("lang")).toBe("vi");

    // Publish asks first, naming the published template whose purchases this one takes over (same priority, no filters).
    await page.getByTestId("publish").click();
    const dialog = page.getByTestId("publish-dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole("heading").textContent()).toBe("Publish version 1?");
    expect(await dialog.getByTestId("overlap-warning").textContent()).toContain("Post-purchase NPS & value (v1, priority 100)");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await (await api("/api/v1/templates?status=published")).json()).templates.map((x: { name: string }) => x.name)).not.toContain("Tea shop NPS");
    await page.getByTestId("publish").click();
    await page.getByTestId("publish-dialog").getByRole("button", { name: "Publish anyway" }).click();
    await expect.poll(() => page.getByTestId("editor-message").textContent()).toContain("Published version 1");
    expect(await page.getByTestId("template-status").first().getAttribute("data-status")).toBe("published");

    const res = await api("/api/v1/purchases", {
      id: "e2e-template-1",
      customer: { email: "lan@example.com", name: "Lan", locale: "vi" },
      amount: 350000,
      currency: "VND",
      fulfilledAt: new Date(Date.now() - 4 * 86_400_000).toISOString(),
    });
    expect(res.status).toBe(202);
    await expect
      .poll(
        async () => {
          const { emails } = (await (await api("/api/v1/mailbox?limit=5")).json()) as { emails: { to: string; subject: string }[] };
          return emails.find((m) => m.to === "lan@example.com")?.subject;
        },
        { timeout: 15_000 },
      )
      .toBe("Chào bạn! ValuePulse mong nghe ý kiến của bạn");
    const id = page.url().split("/").pop()!;
    await api(`/api/v1/templates/${id}/archive`, {});
    await context.close();
  }, 120_000);

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

  it("puts the preview beside the form at 1366 px, in view while the form scrolls; on a 375 px phone it is a tab", async () => {
    const id = await draftFrom("customer_value", "Layout check");
    const wide = await marketerAt(`/templates/${id}`, { width: 1366, height: 900 });
    const form = wide.page.locator("#editor-form");
    const preview = wide.page.locator("#editor-preview");
    await expect.poll(() => wide.page.getByTestId("preview-email-en").isVisible(), { timeout: 10_000 }).toBe(true);
    const [f, p] = [await form.boundingBox(), await preview.boundingBox()];
    expect(p!.x).toBeGreaterThanOrEqual(f!.x + f!.width); // beside, not below
    expect(p!.y).toBeLessThan(400);
    expect(await wide.page.getByTestId("pane-preview").isVisible()).toBe(false);
    await wide.page.getByRole("heading", { name: "Sending rules" }).scrollIntoViewIfNeeded();
    expect(await wide.page.evaluate(() => scrollY)).toBeGreaterThan(1500);
    const stuck = (await preview.boundingBox())!;
    expect(stuck.y).toBeGreaterThanOrEqual(0);
    expect(stuck.y).toBeLessThan(100); // still in view
    expect(await sideways(wide.page)).toBeLessThanOrEqual(0);
    await wide.context.close();

    const phone = await marketerAt(`/templates/${id}`, { width: 375, height: 800 });
    await expect.poll(() => phone.page.getByTestId("pane-preview").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await phone.page.locator("#editor-preview").isVisible()).toBe(false);
    await phone.page.getByTestId("pane-preview").click();
    await expect.poll(() => phone.page.getByTestId("preview-email-en").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await phone.page.locator("#editor-form").isVisible()).toBe(false);
    const box = (await phone.page.getByTestId("preview-email-en").boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await sideways(phone.page)).toBeLessThanOrEqual(0);
    await phone.page.getByTestId("pane-form").click();
    await phone.page.locator("#editor-form").waitFor();
    await phone.context.close();
    await api(`/api/v1/templates/${id}`, undefined, "DELETE");
  }, 120_000);

  it("asks before leaving with unsaved edits: a link in the dashboard, and closing the tab", async () => {
    const id = await draftFrom("csat_only", "Leave check");
    const { context, page } = await marketerAt(`/templates/${id}`, { width: 1366, height: 900 });
    const name = page.getByLabel("Template name (dashboard only)");
    await expect.poll(() => name.inputValue(), { timeout: 10_000 }).toBe("Leave check");
    await name.fill("Leave check, edited");
    await page.getByRole("link", { name: "Templates" }).first().click();
    const dialog = page.getByTestId("leave-dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(page.url()).toContain(`/templates/${id}`);
    expect(await name.inputValue()).toBe("Leave check, edited");

    // Closing the tab: the browser's own prompt (beforeunload).
    const prompt = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.type()), void d.dismiss())));
    await page.close({ runBeforeUnload: true });
    expect(await prompt).toBe("beforeunload");
    expect(page.isClosed()).toBe(false);

    await page.getByRole("link", { name: "Templates" }).first().click();
    await page.getByTestId("leave-dialog").getByRole("button", { name: "Leave without saving" }).click();
    await page.waitForURL(/\/templates$/);
    expect((await (await api(`/api/v1/templates/${id}`)).json()).name).toBe("Leave check");
    await context.close();
    await api(`/api/v1/templates/${id}`, undefined, "DELETE");
  }, 120_000);
});

describe("Templates, the editor and the Mailbox for everyone", () => {
  for (const lang of ["en", "vi"] as const) {
    for (const viewport of [
      { width: 1366, height: 900 },
      { width: 375, height: 800 },
    ]) {
      it(`fit ${viewport.width} px in ${lang}, light and dark, with no serious axe violation`, async () => {
        const dict = DICTIONARIES[lang];
        const id = await draftFrom("customer_value", `Axe ${lang} ${viewport.width}`);
        // An email in the Mailbox to open (the server dispatches every 300 ms).
        const to = `axe-${lang}-${viewport.width}@example.com`;
        const order = { id: `axe-${lang}-${viewport.width}`, customer: { email: to, name: "Nguyễn Thị Lan", locale: lang }, amount: 250_000, currency: "VND", items: [{ name: "Ấm trà men rạn cổ điển" }], fulfilledAt: new Date(Date.now() - 4 * 86_400_000).toISOString() };
        expect((await api("/api/v1/purchases", order)).status).toBe(202);
        // An admin: the Mailbox is theirs alone.
        const { context, page } = await marketerAt("/templates", viewport, lang, ADMIN);
        const problems: string[] = [];
        page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
        const pages: [string, string][] = [
          ["/templates", dict.templates.title],
          [`/templates/${id}`, `Axe ${lang} ${viewport.width}`],
          ["/mailbox", dict.mailbox.title],
        ];
        for (const [path, heading] of pages) {
          await page.emulateMedia({ colorScheme: "light" });
          await page.goto(`${server.url}${path}`);
          // Generous waits: two cores are shared with other browser tests.
          await expect.poll(() => page.getByRole("heading", { level: 1 }).first().textContent(), { timeout: 30_000 }).toBe(heading);
          await expect.poll(() => page.getByText(dict.common.loading).count(), { timeout: 30_000 }).toBe(0);
          if (path === "/mailbox") {
            await page.getByTestId("dispatch").click();
            const mail = page.getByTestId("mail-item").filter({ hasText: to });
            await expect.poll(() => mail.count(), { timeout: 30_000 }).toBe(1);
            await mail.getByRole("button").click();
            await expect.poll(() => page.getByTestId("mail-view").isVisible()).toBe(true);
            expect(await page.getByText(dict.mailbox.textPart).count()).toBe(1);
          }
          if (path.startsWith("/templates/")) expect(await page.getByRole("heading", { name: dict.editor.basics }).count()).toBe(1);
          const over = await sideways(page);
          if (over > 0) problems.push(`${path}: the page scrolls ${over} px sideways`);
          // The editor's states: an error shown at its field and in the summary, and the publish dialog.
          if (path.startsWith("/templates/")) {
            await page.getByLabel(`${dict.editor.subject} (${dict.editor.localeName.vi})`, { exact: true }).fill("");
            await expect.poll(() => page.getByTestId("error-summary").count()).toBe(1);
          }
          for (const scheme of ["light", "dark"] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            for (const v of await seriousViolations(page)) problems.push(`${path} (${scheme}): ${v}`);
          }
          if (path === "/templates") {
            await page.getByTestId("preset-csat_only").click();
            await expect.poll(() => page.getByTestId("name-dialog").isVisible()).toBe(true);
            expect(await page.getByLabel(dict.templates.nameLabel).inputValue()).toBe(dict.templates.presetNames.csat_only);
            for (const v of await seriousViolations(page)) problems.push(`${path} name dialog: ${v}`);
            await page.keyboard.press("Escape");
            await expect.poll(() => page.getByTestId("name-dialog").count()).toBe(0);
          }
        }
        await context.close();
        await api(`/api/v1/templates/${id}`, undefined, "DELETE");
        expect(problems).toEqual([]);
      }, 180_000);
    }
  }
});
