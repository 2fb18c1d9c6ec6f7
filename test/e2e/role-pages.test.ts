// The QA pass on roles and phones, in real Chromium: each role sees only what it may use (Import & export, Alerts,
// Users), a page's 403 never replaces the header and menu, the built-in alert rule reads in Vietnamese, the Keys and
// Users row buttons are in reach on a 375 px phone, and the sign-in page logs no error in the console.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, navigateTo, signIn } from "./browser";

const ADMIN = { email: "roles-admin@example.com", password: "roles-admin-password" };
const KEY = "vp_e2e_role_pages_key_0123456789";

let server: RunningServer;
let browser: Browser;
let viewer: { email: string; password: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGEST_API_KEY: KEY, DISPATCH_INTERVAL_MS: "3600000" }),
    launchChromium(),
  ]);
  viewer = await userWithRole("viewer", "roles-viewer@example.com");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function adminCookie(): Promise<string> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) });
  return login.headers.get("set-cookie")!.split(";")[0]!;
}

async function invite(email: string, role: string): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/users`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: await adminCookie() }, body: JSON.stringify({ email, role }) });
  expect(res.status).toBe(201);
}

/** A user of `role` with a password, through the real invitation: the API invites, the emailed link's token sets it. */
async function userWithRole(role: "viewer" | "admin", email: string): Promise<{ email: string; password: string }> {
  await invite(email, role);
  const { emails } = await (await fetch(`${server.url}/api/v1/mailbox`, { headers: { Authorization: `Bearer ${KEY}` } })).json();
  const text = emails.find((e: { to: string }) => e.to === email).text as string;
  const token = /set-password#token=([A-Za-z0-9_-]+)/.exec(text)![1];
  const password = `${role}-password-123`;
  expect((await fetch(`${server.url}/api/v1/auth/set-password`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token, password }) })).status).toBe(200);
  return { email, password };
}

async function signedIn(creds: { email: string; password: string }, opts: { width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1366, height: 900 } });
  const p = await context.newPage();
  await p.goto(`${server.url}/login`);
  await signIn(p, creds);
  await p.waitForURL(/\/live/);
  await p.locator(".nav-button").first().waitFor({ state: "attached" });
  return p;
}

const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - innerWidth);

describe("Import & export by role", () => {
  it("a viewer reaches it from the menu and sees the exports, a note that imports are admins', and the header stays", async () => {
    const p = await signedIn(viewer);
    await navigateTo(p, "Import & export");
    await p.getByRole("heading", { name: "Export", exact: true }).waitFor();
    expect(await p.getByTestId("imports-admin-only").textContent()).toMatch(/for admins/);
    expect(await p.getByTestId("import").count()).toBe(0);
    expect(await p.getByTestId("delighted-import").count()).toBe(0);
    expect(await p.getByText("Your role does not allow this").count()).toBe(0);
    // The download links are the export routes' paths (from the typed client), the form's choices their query.
    await p.locator("#export-group").selectOption("detractors");
    await p.locator("#export-locale").selectOption("vi");
    const csv = p.getByTestId("export-responses-csv");
    await expect.poll(() => csv.getAttribute("href")).toBe("/api/v1/exports/responses.csv?maxScore=6&locale=vi");
    const answer = await p.evaluate(async (href) => {
      const res = await fetch(href);
      return { status: res.status, type: res.headers.get("content-type") };
    }, (await csv.getAttribute("href"))!);
    expect(answer).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/csv/) });
    await p.getByRole("navigation", { name: /main/i }).waitFor();
    await p.context().close();
  });

  it("an admin sees both imports; a page-level 403 shows in the page with the header and menu still there, and leaving the page clears it", async () => {
    const p = await signedIn(ADMIN);
    await navigateTo(p, "Import & export");
    await p.getByTestId("import").waitFor();
    await p.getByTestId("delighted-import").waitFor();
    // The server refusing the imports list (a role changed meanwhile, say): it used to replace the whole app.
    await p.route((url) => url.pathname === "/api/v1/imports", (route) =>
      route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ error: { code: "forbidden", message: "Forbidden", details: [] } }) }),
    );
    await p.goto(`${server.url}/data`);
    await p.getByText("Your role does not allow this").waitFor();
    expect(await p.locator("main").getByText("Your role does not allow this").count()).toBe(1);
    await p.getByRole("navigation", { name: /main/i }).waitFor();
    await p.getByRole("button", { name: "Sign out" }).waitFor();
    await navigateTo(p, "API keys");
    await p.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
    expect(await p.getByTestId("page-error").count()).toBe(0);
    await p.context().close();
  });
});

describe("Alerts by role and language", () => {
  it("a viewer sees the rules read-only: no New rule form, no Edit leads or Delete, the Active box disabled, and why", async () => {
    const p = await signedIn(viewer);
    await navigateTo(p, "Alerts");
    await p.getByRole("row", { name: /Detractor \(score 0–6\)/ }).waitFor();
    await p.getByTestId("rules-admin-only").waitFor();
    expect(await p.getByRole("heading", { name: "New rule" }).count()).toBe(0);
    expect(await p.getByRole("button", { name: "Edit leads" }).count()).toBe(0);
    expect(await p.getByRole("button", { name: "Delete" }).count()).toBe(0);
    expect(await p.getByRole("checkbox").first().isDisabled()).toBe(true);
    await p.context().close();
  });

  it("in Vietnamese, the built-in rule's name is Vietnamese and a new rule's email language defaults to Vietnamese", async () => {
    const viAdmin = await userWithRole("admin", "roles-vi-admin@example.com");
    const p = await signedIn(viAdmin);
    // Their dashboard language saved on the account, as the language menu does.
    expect(await p.evaluate(async () => (await fetch("/api/v1/auth/me", { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ locale: "vi" }) })).status)).toBe(200);
    await p.goto(`${server.url}/alerts`);
    await p.getByRole("row", { name: /Khách hàng không hài lòng \(điểm 0–6\)/ }).waitFor();
    expect(await p.getByText("Detractor (score 0–6)").count()).toBe(0);
    expect(await p.locator("#rule-locale").inputValue()).toBe("vi");
    // The admin's own rule keeps the name they wrote.
    await p.locator("#rule-name").fill("Refund words");
    await p.locator("#rule-keyword").fill("refund");
    await p.locator("form.rules-form button[type=submit]").click();
    await p.getByRole("row", { name: /Refund words/ }).waitFor();
    await p.context().close();
  });
});

describe("Users", () => {
  it("opened by URL as a viewer: only the note that admins manage users, no invite form", async () => {
    const p = await signedIn(viewer);
    await p.goto(`${server.url}/users`);
    await p.getByTestId("users-admin-only").waitFor();
    expect(await p.getByTestId("users-admin-only").textContent()).toMatch(/Only admins manage users/);
    expect(await p.getByTestId("invite-form").count()).toBe(0);
    await p.getByRole("navigation", { name: /main/i }).waitFor();
    await p.context().close();
  });

  it("as the admin: no Sign out everywhere for someone still invited, and Deactivate on my own row is disabled with the reason", async () => {
    await invite("roles-pending@example.com", "support");
    const p = await signedIn(ADMIN);
    await p.goto(`${server.url}/users`);
    const pending = p.locator('[data-testid=user-row][data-email="roles-pending@example.com"]');
    await pending.waitFor();
    expect(await pending.getByRole("button", { name: /Sign out everywhere/ }).count()).toBe(0);
    expect(await pending.getByRole("button", { name: /Resend invitation/ }).count()).toBe(1);
    const viewerRow = p.locator(`[data-testid=user-row][data-email="${viewer.email}"]`);
    expect(await viewerRow.getByRole("button", { name: /Sign out everywhere/ }).count()).toBe(1);
    const mine = p.locator(`[data-testid=user-row][data-email="${ADMIN.email}"]`);
    expect(await mine.getByRole("button", { name: "Deactivate" }).isDisabled()).toBe(true);
    expect(await mine.textContent()).toMatch(/cannot deactivate your own account/);
    await p.context().close();
  });
});

describe("at 375 px", () => {
  it("each key's Revoke and each user's Deactivate are on screen without scrolling sideways, and the page does not scroll sideways", async () => {
    const cookie = await adminCookie();
    const created = await fetch(`${server.url}/api/v1/api-keys`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, Origin: server.url }, body: JSON.stringify({ name: "phone key with a long name", scope: "read" }) });
    expect(created.status).toBe(201);
    const p = await signedIn(ADMIN, { width: 375 });
    await p.goto(`${server.url}/keys`);
    const revoke = p.getByRole("button", { name: /Revoke phone key with a long name/ });
    await revoke.waitFor();
    const box = (await revoke.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await overflow(p)).toBeLessThanOrEqual(0);

    await p.goto(`${server.url}/users`);
    const deactivate = p.getByRole("button", { name: `Deactivate ${viewer.email}` });
    await deactivate.waitFor();
    const d = (await deactivate.boundingBox())!;
    expect(d.x).toBeGreaterThanOrEqual(0);
    expect(d.x + d.width).toBeLessThanOrEqual(375);
    expect(await overflow(p)).toBeLessThanOrEqual(0);
    // The cells say what they are, since the header row is not shown.
    expect(await p.locator(`[data-testid=user-row][data-email="${viewer.email}"] td[data-label=Role]`).count()).toBe(1);
    await p.context().close();
  });
});

describe("the sign-in page", () => {
  it("logs no error in the console and no failed request when nobody is signed in", async () => {
    const p = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    p.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    const checked = p.waitForResponse((r) => r.url().endsWith("/api/v1/auth/session"));
    await p.goto(`${server.url}/login`);
    expect((await checked).status()).toBe(200);
    await p.getByRole("button", { name: /sign in/i }).waitFor();
    expect(errors).toEqual([]);
    await p.context().close();
  });
});
