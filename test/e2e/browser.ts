// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/** A new browser context's page, signed in to the dashboard at `baseUrl` and on its first page (Live). */
export async function signedInPage(browser: Browser, baseUrl: string, creds: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/login`);
  await signIn(page, creds);
  await page.waitForURL(/\/live/);
  return page;
}

/** Fills in and sends the dashboard's sign-in form, which `page` shows. */
export async function signIn(page: Page, creds: { email: string; password: string }): Promise<void> {
  await page.getByLabel(/email/i).fill(creds.email);
  await page.getByLabel(/password/i).fill(creds.password);
  await page.getByRole("button", { name: /sign in/i }).click();
}

/**
 * Goes to a page through the header's navigation as a person would: opens the group (or, on a phone, the Menu and
 * then the group) that holds the link named `name`, and clicks it.
 */
export async function navigateTo(page: Page, name: string | RegExp): Promise<void> {
  const toggle = page.locator(".menu-toggle");
  if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const nav = page.getByRole("navigation", { name: /main|chính/i });
  const group = nav.locator(".nav-group").filter({ has: page.getByRole("link", { name, includeHidden: true }) });
  const button = group.locator(".nav-button");
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  await group.getByRole("link", { name }).click();
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's serious and critical findings (WCAG 2.1 A and AA) on what `page` shows now, one line each. Injected
 * through DevTools, not as a page script, so the dashboard's CSP does not block it.
 */
export async function axeSerious(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.targets.length}): ${v.targets.slice(0, 3).join(", ")}`);
}
