// The Data page's "Switching from Delighted" section in a real browser against the real Node server:
// upload, result and refused rows, English and Vietnamese, axe, a 375 px phone.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { axeSerious, launchChromium, navigateTo, signedInPage } from "./browser";

const ADMIN = { email: "lead@example.com", password: "e2e-password-123" };
const FIXTURES = join(import.meta.dirname, "../fixtures/delighted");
const file = (name: string, mimeType: string) => ({ name, mimeType, buffer: readFileSync(join(FIXTURES, name)) });

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startNodeServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  browser = await launchChromium();
  page = await signedInPage(browser, server.url, ADMIN);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const section = () => page.getByTestId("delighted-import");
const finished = () => expect.poll(() => section().getByTestId("import-progress").getAttribute("data-status"), { timeout: 60_000 }).toMatch(/done|failed/);

describe("Switching from Delighted, on the Import & export page", { timeout: 120_000 }, () => {
  it("imports a CSV of responses, detecting what it is, with every refused row by line; no serious axe finding", async () => {
    await navigateTo(page, "Import & export");
    await expect.poll(() => section().getByRole("heading", { name: "Switching from Delighted" }).isVisible()).toBe(true);
    await section().getByLabel("Delighted export (JSON or CSV)").setInputFiles(file("survey_responses.csv", "text/csv"));
    await section().getByRole("button", { name: "Import from Delighted" }).click();
    await finished();
    expect(await section().getByTestId("import-counts").textContent()).toBe("Done: 7 rows read — 3 imported, 0 unchanged, 4 refused.");
    expect(await section().getByTestId("delighted-kind").textContent()).toBe("Read as: Survey responses");
    const rows = await section().getByTestId("import-errors").locator("tbody tr").allTextContents();
    expect(rows).toEqual(["6scoremust be a whole number from 0 to 10", "7created_atis required", "8(row)has 4 columns, the header has 12", "9Emailis not an email address"]);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("fits a 375 px phone and reads in Vietnamese, importing people as told", async () => {
    await page.getByTestId("language").first().selectOption("vi");
    await page.setViewportSize({ width: 375, height: 800 });
    await expect.poll(() => section().getByRole("heading", { name: "Chuyển từ Delighted sang" }).isVisible()).toBe(true);
    await section().getByLabel("Nội dung tệp").selectOption("people");
    await section().getByLabel("Tệp xuất từ Delighted (JSON hoặc CSV)").setInputFiles(file("people.json", "application/json"));
    await section().getByRole("button", { name: "Nhập từ Delighted" }).click();
    // The section still shows the previous import until this one has finished.
    await expect.poll(() => section().getByTestId("delighted-kind").textContent(), { timeout: 60_000 }).toBe("Đã đọc là: Người nhận");
    expect(await section().getByTestId("import-counts").textContent()).toBe("Xong: đã đọc 4 dòng — nhập 3, không đổi 0, từ chối 1.");
    await expect.poll(() => section().getByText("Với tệp JSON, cột “Dòng” là vị trí của bản ghi trong tệp (1 = bản ghi đầu tiên).").isVisible()).toBe(true);
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await axeSerious(page)).toEqual([]);
  });
});
