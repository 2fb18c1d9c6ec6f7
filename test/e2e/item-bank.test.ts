// The item bank in the template editor, in real Chromium (issue 21.5): a marketer picks a cost kind, reads its items
// in English and Vietnamese with their sources, adds the scale in one click, saves, and the draft asks those items;
// the bank then says the scale is complete. Live shows net value beside the value ratio, with the ratio's range.
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { connectNode } from "../../db/node/connect-node";
import { systemClock } from "../../server/deps";
import { ITEM_BANK } from "../../server/domain/item-bank";
import { createUser } from "../../server/services/auth";
import { startNodeServer, type RunningServer } from "../node-server";
import { launchChromium, signIn } from "./browser";

const MARKETER = { email: "lan@example.com", password: "marketer-password-456" };
const KEY = "vp_e2e_item_bank_key_0123456789";

let server: RunningServer;
let browser: Browser;

const api = (path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startNodeServer({ INGEST_API_KEY: KEY, ADMIN_PASSWORD: "e2e-admin-password-1" });
  const client = await connectNode(`file:${join(server.dataDir, "valuepulse.db")}`);
  await createUser({ db: createDb(client), clock: systemClock }, { ...MARKETER, role: "marketer" });
  client.close();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the item bank in the template editor", () => {
  it("a marketer adds the time-cost scale from the bank with one click, and the saved draft asks its items", async () => {
    const { presets } = (await (await api("/api/v1/templates/presets")).json()) as { presets: { id: string; content: { questions: { key: string }[] }; rules: unknown }[] };
    const preset = presets.find((p) => p.id === "post_purchase_nps")!;
    const created = await api("/api/v1/templates", { name: "Bank test", content: preset.content, rules: preset.rules });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/templates/${id}`);
    await page.waitForURL(/\/login/);
    await signIn(page, MARKETER);
    await page.waitForURL(new RegExp(`/templates/${id}$`));

    const bank = page.getByTestId("item-bank");
    await bank.waitFor();
    await page.getByTestId("item-bank-scale").selectOption("cost_time");
    const items = ITEM_BANK.cost_time;
    // Each item in both languages, and where it comes from.
    await expect.poll(() => page.getByTestId("item-bank-items").locator("tbody tr").count()).toBe(items.length);
    const table = await page.getByTestId("item-bank-items").textContent();
    for (const item of items) {
      expect(table).toContain(item.text.en);
      expect(table).toContain(item.text.vi);
    }
    expect(table).toContain("Cronin, Brady & Hult (2000)");
    expect(await page.getByTestId("item-bank-references").textContent()).toContain("Journal of Retailing, 76(2), 193–218");

    const before = await page.getByTestId("question").count();
    await page.getByTestId("item-bank-add").click();
    await expect.poll(() => page.getByTestId("question").count()).toBe(before + items.length);
    await expect.poll(() => bank.getByRole("status").textContent()).toContain(`Added ${items.length} items of Time`);
    // Every item of the scale is now asked: nothing left to add.
    await expect.poll(() => page.getByTestId("item-bank-add").count()).toBe(0);
    await bank.getByText("Every item of this scale is in the template.").waitFor();

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => page.getByTestId("editor-message").textContent()).toBe("Draft saved.");
    const saved = (await (await api(`/api/v1/templates/${id}`)).json()) as { content: { questions: { key: string; type: string; costKind?: string; text: { en: string; vi: string } }[] } };
    for (const item of items) {
      const q = saved.content.questions.find((x) => x.key === item.key);
      expect(q).toMatchObject({ type: "cost", costKind: "time", text: item.text });
    }
    await context.close();
  });

  it("Live shows net value beside the value ratio, and says a figure of three answers is too few", async () => {
    const answers = [
      { benefit_functional: 5, cost_money: 2 },
      { benefit_functional: 4, cost_money: 2 },
      { benefit_functional: 4, cost_money: 3 },
    ];
    for (const [i, a] of answers.entries()) {
      const email = `net${i}@example.com`;
      const res = await api("/api/v1/purchases", { id: `net-${i}`, customer: { email }, amount: 100000, currency: "VND", items: [], fulfilledAt: new Date(Date.now() - 4 * 86_400_000).toISOString() });
      expect(res.status).toBe(202);
      await api("/api/v1/dispatch", {});
      const { emails } = (await (await api("/api/v1/mailbox?limit=50")).json()) as { emails: { to: string; html: string }[] };
      const token = emails.find((e) => e.to === email)!.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)![1];
      const answered = await fetch(`${server.url}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify({ score: 9, ...a }) });
      expect(answered.status).toBe(201);
    }
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/live`);
    await page.waitForURL(/\/login/);
    await signIn(page, MARKETER);
    await page.waitForURL(/\/live/);
    // Benefit index (5 + 4 + 4)/3 → 83.3, cost index (2 + 2 + 3)/3 → 33.3: net value +50, from three answers.
    await page.getByTestId("net-value").waitFor();
    await expect.poll(() => page.getByTestId("net-value-figure").textContent()).toBe("+50");
    expect(await page.getByTestId("net-value-range").textContent()).toBe("too few answers (n = 3)");
    await expect.poll(() => page.getByTestId("value-ratio-range").textContent()).toMatch(/^95 % range \d\.\d\d–\d\.\d\d$/);
    expect(await page.getByTestId("ratio-read").textContent()).toContain("no true zero");
    await context.close();
  });
});
