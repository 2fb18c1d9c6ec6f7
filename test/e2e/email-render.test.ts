// The invitation rendered by Chromium at phone (375 px) and desktop (600 px) widths: buttons stay thumb-sized, nothing overflows.
// Screenshots go to test-results/email/ (git-ignored) for a person to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderInvitation } from "../../emails/invitation";
import { defaultTemplate } from "../../server/domain/default-template";
import { launchChromium } from "./browser";

const OUT = join("test-results", "email");
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// No logo here: the page must not reach the network; the logo's alt text is checked in the unit test.
const email = renderInvitation({
  locale: "vi",
  content: { ...defaultTemplate.content, brand: { name: "Trà Sen", color: "#0f766e", logoUrl: null } },
  customerName: "Nguyễn Thị Lan",
  productName: "Ấm siêu tốc",
  surveyUrl: "https://pulse.example.com/s/tok",
  unsubscribeUrl: "https://pulse.example.com/u/tok",
});

describe.each([375, 600])("the invitation at %i px", (width) => {
  it("shows eleven score buttons of at least 44 × 44 px, all inside the screen, and no horizontal scroll", async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await page.setContent(email.html);
    const boxes = await page.locator('a[href*="?score="]').evaluateAll((links) =>
      links.map((a) => {
        const r = a.getBoundingClientRect();
        return { width: r.width, height: r.height, right: r.right, visible: r.width > 0 && getComputedStyle(a).display !== "none" };
      }),
    );
    expect(boxes).toHaveLength(11);
    for (const b of boxes) {
      expect(b.visible).toBe(true);
      expect(b.width).toBeGreaterThanOrEqual(44);
      expect(b.height).toBeGreaterThanOrEqual(44);
      expect(b.right).toBeLessThanOrEqual(width);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // The honeypot link takes no space and is not visible.
    expect(await page.locator('a[href$="/h"]').isVisible()).toBe(false);
    await page.screenshot({ path: join(OUT, `invitation-vi-${width}.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(OUT, `invitation-vi-${width}-dark.png`), fullPage: true });
    await page.close();
  });
});
