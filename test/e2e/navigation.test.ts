// Issue 18.4: the header's navigation in five groups (disclosure menus, keyboard-operable), a Menu button on a
// phone, each role seeing only its pages, and no page wider than the screen at 1366 px or 375 px.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { axeSerious, launchChromium, signIn } from "./browser";

const ADMIN = { email: "nav-admin@example.com", password: "nav-admin-password" };
const KEY = "vp_e2e_navigation_key_0123456789";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "3600000" }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function page(viewport: { width: number; height: number }, creds = ADMIN, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const p = await (await browser.newContext({ viewport, colorScheme })).newPage();
  await p.goto(`${server.url}/login`);
  await signIn(p, creds);
  await p.waitForURL(/\/live/);
  await p.locator(".nav-button").first().waitFor({ state: "attached" });
  return p;
}

const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - innerWidth);
const groupNames = (p: Page) => p.locator(".nav-button").allTextContents().then((a) => a.map((s) => s.trim()));
const expanded = (p: Page, name: string) => p.getByRole("button", { name }).getAttribute("aria-expanded");

/** A user of `role` with a password, through the real invitation: the API invites, the emailed link's token sets it. */
async function userWithRole(role: "viewer" | "support" | "marketer"): Promise<{ email: string; password: string }> {
  const email = `nav-${role}@example.com`;
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const invited = await fetch(`${server.url}/api/v1/users`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie }, body: JSON.stringify({ email, role }) });
  expect(invited.status).toBe(201);
  const { emails } = await (await fetch(`${server.url}/api/v1/mailbox`, { headers: { Authorization: `Bearer ${KEY}` } })).json();
  const text = emails.find((e: { to: string }) => e.to === email).text as string;
  const token = /set-password#token=([A-Za-z0-9_-]+)/.exec(text)![1];
  const password = `${role}-password-123`;
  expect((await fetch(`${server.url}/api/v1/auth/set-password`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token, password }) })).status).toBe(200);
  return { email, password };
}

describe("the navigation", () => {
  it("at 1366 px: five closed groups, all on one line; a group opens and closes by mouse and keyboard", async () => {
    const p = await page({ width: 1366, height: 900 });
    expect(await groupNames(p)).toEqual(["Feedback", "Surveys", "Delivery", "Integrations", "Settings"]);
    expect(await overflow(p)).toBeLessThanOrEqual(0);
    // Sign out is on screen (it was pushed off to the right by 17 links).
    const signOut = await p.getByRole("button", { name: "Sign out" }).boundingBox();
    expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(1366);
    expect(await p.getByRole("link", { name: "Users" }).isVisible()).toBe(false);

    // Mouse: open Settings, then a click elsewhere closes it.
    await p.getByRole("button", { name: "Settings" }).click();
    expect(await expanded(p, "Settings")).toBe("true");
    await p.getByRole("link", { name: "Users" }).waitFor();
    await p.locator("h1").first().click();
    expect(await expanded(p, "Settings")).toBe("false");

    // Keyboard: Enter opens, Tab reaches the links, Escape closes and gives focus back to the button.
    await p.getByRole("button", { name: "Integrations" }).focus();
    await p.keyboard.press("Enter");
    expect(await expanded(p, "Integrations")).toBe("true");
    await p.keyboard.press("Tab");
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe("Import & export");
    await p.keyboard.press("Escape");
    expect(await expanded(p, "Integrations")).toBe("false");
    expect(await p.evaluate(() => document.activeElement?.id)).toBe("nav-button-integrations");

    // A link to the page already shown closes its group too.
    await p.getByRole("button", { name: "Feedback" }).click();
    await p.getByRole("link", { name: "Live" }).click();
    expect(await expanded(p, "Feedback")).toBe("false");

    // Opening one group closes another; following a link closes its group and marks the group current.
    await p.getByRole("button", { name: "Surveys" }).click();
    await p.getByRole("button", { name: "Delivery" }).click();
    expect(await expanded(p, "Surveys")).toBe("false");
    await p.getByRole("link", { name: "Suppressions" }).click();
    await p.waitForURL(/\/suppressions/);
    expect(await expanded(p, "Delivery")).toBe("false");
    expect(await p.locator(".nav-button.current").textContent()).toContain("Delivery");
    await p.context().close();
  });

  it("at 375 px: one Menu button opens the groups and the account; Escape closes it; no page is wider than the phone", async () => {
    const p = await page({ width: 375, height: 800 });
    const menu = p.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await p.getByRole("button", { name: "Feedback" }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    // It opens on the group of the page shown.
    expect(await expanded(p, "Feedback")).toBe("true");
    await p.getByRole("button", { name: "Sign out" }).waitFor();
    await p.keyboard.press("Escape");
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await p.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Menu");

    await menu.click();
    await p.getByRole("button", { name: "Settings" }).click();
    await p.getByRole("link", { name: "Sessions" }).click();
    await p.waitForURL(/\/sessions/);
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    // The sessions table is wider than a phone: it scrolls inside its box, the page does not.
    await p.getByTestId("session-row").first().waitFor();
    expect(await overflow(p)).toBeLessThanOrEqual(0);
    expect(await p.locator(".table-wrap").evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await p.context().close();
  });

  it("while the user loads, the header and its groups stand and the page shows its shape, not a lone Loading…", async () => {
    const p = await page({ width: 1366, height: 900 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let asked!: () => void;
    const meAsked = new Promise<void>((r) => (asked = r));
    await p.route("**/api/v1/auth/me", async (route) => {
      asked();
      await held;
      await route.continue();
    });
    await p.goto(`${server.url}/sessions`);
    await meAsked;
    await p.getByTestId("page-skeleton").waitFor();
    await p.getByRole("link", { name: "ValuePulse home" }).waitFor();
    expect(await groupNames(p)).toEqual(["Feedback", "Surveys", "Delivery", "Integrations", "Settings"]);
    await p.getByRole("button", { name: "Sign out" }).waitFor();
    expect(await p.getByTestId("page-skeleton").getAttribute("aria-busy")).toBe("true");
    // "Loading…" is said to screen readers only; nobody sees a blank page with one word on it.
    const loading = await p.getByText("Loading…").boundingBox();
    expect(loading!.width * loading!.height).toBeLessThanOrEqual(1);
    release();
    await p.getByRole("heading", { name: "Sessions", level: 1 }).waitFor();
    expect(await p.getByTestId("page-skeleton").count()).toBe(0);
    await p.context().close();
  });

  it("an open menu and the phone's panel pass axe in the light and the dark theme", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const wide = await page({ width: 1366, height: 900 }, ADMIN, scheme);
      await wide.getByRole("button", { name: "Integrations" }).click();
      expect(await axeSerious(wide), `1366 ${scheme}`).toEqual([]);
      await wide.context().close();
      const phone = await page({ width: 375, height: 800 }, ADMIN, scheme);
      await phone.getByRole("button", { name: "Menu" }).click();
      expect(await axeSerious(phone), `375 ${scheme}`).toEqual([]);
      await phone.context().close();
    }
  });

  it("a viewer sees only the pages a viewer may use", async () => {
    const viewer = await userWithRole("viewer");
    const p = await page({ width: 1366, height: 900 }, viewer);
    expect(await groupNames(p)).toEqual(["Feedback", "Surveys", "Integrations", "Settings"]);
    const hrefs = await p.locator("nav .nav-list a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(["/live", "/analytics", "/templates", "/alerts", "/data", "/api-reference", "/sessions"]);
    await p.context().close();
  });
});
