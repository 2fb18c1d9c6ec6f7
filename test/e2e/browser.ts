// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
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
