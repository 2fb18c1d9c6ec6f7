// Issue 18.1 in the browser: a newcomer starts the product with no ADMIN_*, and the printed admin@localhost and
// password sign in through the form (whose type=email field and the server once refused that address).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { printedAdmin, startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signIn } from "./browser";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startNodeServer({ DISPATCH_INTERVAL_MS: "3600000" }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("signs in with the credentials the first start printed, and Forgot password takes that address", async () => {
  const admin = printedAdmin(server.output());
  expect(admin.email).toBe("admin@localhost");
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/login`);
  await page.getByTestId("forgot-password").waitFor();
  await page.getByLabel(/email/i).fill(admin.email);
  await page.getByTestId("forgot-password").click();
  await expect.poll(() => page.locator(".note-ok").textContent()).toContain("admin@localhost");
  await signIn(page, admin);
  await page.waitForURL(/\/live/);
  await expect.poll(() => page.getByTestId("user-email").textContent()).toBe("admin@localhost");
  await page.context().close();
});
