// Issue 18.9: the dashboard in English and Vietnamese — the browser's language by default, a switcher in the
// header whose choice is saved on the user (so another browser gets it), <html lang> following, and the
// sign-in and set-password pages translated, the password rules stated before any error.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium } from "./browser";

const ADMIN = { email: "lang-admin@example.com", password: "lang-admin-password" };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DISPATCH_INTERVAL_MS: "3600000" }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const newPage = async (locale: string) => (await browser.newContext({ locale, viewport: { width: 1366, height: 900 } })).newPage();
const lang = (p: Page) => p.evaluate(() => document.documentElement.lang);
const groups = (p: Page) => p.locator(".nav-button").allTextContents().then((a) => a.map((s) => s.trim()));

async function signInAs(p: Page, labels: { email: RegExp; password: RegExp; submit: RegExp }) {
  await p.goto(`${server.url}/login`);
  await p.getByLabel(labels.email).fill(ADMIN.email);
  await p.getByLabel(labels.password).fill(ADMIN.password);
  await p.getByRole("button", { name: labels.submit }).click();
  await p.waitForURL(/\/live/);
  await p.locator(".nav-button").first().waitFor();
}

describe("the dashboard's language", () => {
  it("follows a Vietnamese browser from the sign-in page on; the switcher's choice is saved and another browser gets it", async () => {
    const vi = await newPage("vi-VN");
    await vi.goto(`${server.url}/login`);
    expect(await lang(vi)).toBe("vi");
    expect(await vi.locator("h1").textContent()).toBe("Đăng nhập vào ValuePulse");
    expect(await vi.title()).toBe("Đăng nhập · ValuePulse");
    await signInAs(vi, { email: /email/i, password: /mật khẩu/i, submit: /^đăng nhập$/i });
    expect(await groups(vi)).toEqual(["Phản hồi", "Khảo sát", "Gửi thư", "Tích hợp", "Cài đặt"]);
    await vi.getByRole("button", { name: "Đăng xuất" }).waitFor();

    // Sessions, a page of this area: texts and dates in Vietnamese.
    await vi.goto(`${server.url}/sessions`);
    await vi.getByTestId("session-row").first().waitFor();
    expect(await vi.locator("h1").textContent()).toBe("Phiên đăng nhập");
    // The browser by name and system ("Chrome 131 trên Linux"), not its raw User-Agent.
    expect(await vi.getByTestId("session-row").first().textContent()).toMatch(/^Chrome \d+ trên Linux trình duyệt này.*thg \d+/);

    // Choosing English in the header: everything switches in place, and the choice is the user's.
    await vi.getByLabel("Ngôn ngữ").selectOption("en");
    await expect.poll(() => vi.locator("h1").textContent()).toBe("Sessions");
    expect(await lang(vi)).toBe("en");
    expect(await groups(vi)).toEqual(["Feedback", "Surveys", "Delivery", "Integrations", "Settings"]);

    // A fresh Vietnamese browser shows the sign-in page in Vietnamese, then the user's English once signed in.
    const other = await newPage("vi-VN");
    await signInAs(other, { email: /email/i, password: /mật khẩu/i, submit: /^đăng nhập$/i });
    await expect.poll(() => groups(other)).toEqual(["Feedback", "Surveys", "Delivery", "Integrations", "Settings"]);
    expect(await lang(other)).toBe("en");

    // Back to "the browser's language": Vietnamese again here, and the saved setting is cleared.
    await other.getByLabel("Language").selectOption("");
    await expect.poll(() => groups(other)).toEqual(["Phản hồi", "Khảo sát", "Gửi thư", "Tích hợp", "Cài đặt"]);
    const me = await other.evaluate(() => fetch("/api/v1/auth/me").then((r) => r.json()));
    expect(me.locale).toBeNull();
    await other.goto(`${server.url}/no-such-page`);
    await expect.poll(() => other.locator("h1").textContent()).toBe("Không tìm thấy trang");
    expect(await other.title()).toBe("Không tìm thấy trang · ValuePulse");
    await vi.context().close();
    await other.context().close();
  });

  it("states the password rules before any error, in the page's language, and says a short password is too short", async () => {
    const en = await newPage("en-US");
    await en.goto(`${server.url}/set-password#token=not-a-real-token`);
    expect(await en.getByTestId("password-rules").textContent()).toContain("Use 10 to 200 characters");
    expect(await en.getByRole("alert").count()).toBe(0);
    await en.getByLabel(/new password/i).fill("short");
    await en.getByLabel(/repeat/i).fill("short");
    await en.getByRole("button", { name: /set password/i }).click();
    expect(await en.getByRole("alert").textContent()).toBe("The password is too short: use at least 10 characters.");

    const vi = await newPage("vi-VN");
    await vi.goto(`${server.url}/set-password#token=not-a-real-token`);
    expect(await vi.getByTestId("password-rules").textContent()).toContain("Dùng từ 10 đến 200 ký tự");
    expect(await vi.getByLabel("Mật khẩu mới").count()).toBe(1);
    await en.context().close();
    await vi.context().close();
  });
});
