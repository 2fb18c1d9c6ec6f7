// Exports: responses as CSV and JSON with filters, purchases as CSV that the import reads back unchanged.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, invite } from "../answered";
import { asBrowser, bearer, makeApp, postJson, signInCookie, type TestApp } from "../helpers";

describe("exports", () => {
  let t: TestApp;
  const get = (path: string, headers: Record<string, string> = bearer()) => t.app.request(path, { headers });
  const csvRows = async (res: Response) => parse(await res.text(), { columns: true }) as Record<string, string>[];

  beforeAll(async () => {
    t = await makeApp();
    const scores = [10, 9, 7, 3, 0];
    for (const [i, score] of scores.entries()) {
      const token = await invite(t, `exp-${i}`, `exp${i}@example.com`, { channel: i % 2 ? "shop" : "web" });
      await answer(t, token, { score, csat: 4, comment: i === 3 ? "=HYPERLINK(\"http://evil.example\",\"click\")" : `Comment, "quoted" ${i}` });
      t.clock.advance(60_000);
    }
  });
  afterAll(() => t.close());

  it("exports every response as CSV, oldest first, with formulas neutralised", async () => {
    const res = await get("/api/v1/exports/responses.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="responses-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = await csvRows(res);
    expect(rows.map((r) => [r.order_id, r.score, r.nps_group, r.channel])).toEqual([
      ["exp-0", "10", "promoter", "web"],
      ["exp-1", "9", "promoter", "shop"],
      ["exp-2", "7", "passive", "web"],
      ["exp-3", "3", "detractor", "shop"],
      ["exp-4", "0", "detractor", "web"],
    ]);
    expect(rows[0].comment).toBe('Comment, "quoted" 0');
    expect(rows[3].comment).toBe("'=HYPERLINK(\"http://evil.example\",\"click\")");
    expect(rows[0]).toMatchObject({ customer_email: "exp0@example.com", csat: "4", flagged: "false" });
  });

  it("filters by score range and channel, and exports JSON", async () => {
    const detractors = await csvRows(await get("/api/v1/exports/responses.csv?maxScore=6"));
    expect(detractors.map((r) => r.order_id)).toEqual(["exp-3", "exp-4"]);
    const json = await (await get("/api/v1/exports/responses.json?minScore=9&channel=shop")).json();
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ order_id: "exp-1", score: 9, csat: 4, customer_email: "exp1@example.com", flagged: false });
    const empty = await (await get(`/api/v1/exports/responses.json?from=${new Date(t.clock.now()).toISOString()}`)).json();
    expect(empty).toEqual([]);
  });

  it("names bad filters with 400 and refuses strangers", async () => {
    const bad = await get("/api/v1/exports/responses.csv?minScore=11&locale=fr");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { field: string }) => d.field).sort()).toEqual(["locale", "minScore"]);
    expect((await get("/api/v1/exports/responses.csv", {})).status).toBe(401);
    expect((await get("/api/v1/exports/purchases.csv", asBrowser(await signInCookie(t.app)))).status).toBe(200);
  });

  it("exports purchases as CSV across pages, in the import's columns, and re-importing it changes nothing", async () => {
    const lines = ["order_id,email,name,locale,amount,currency,purchased_at,fulfilled_at,channel,item_name,item_sku,item_category"];
    for (let i = 0; i < 1001; i++) lines.push(`bulk-${i},bulk${i}@example.com,Bulk ${i},vi,19.99,USD,2026-09-01T00:00:00.000Z,,web,Trà sen,SKU-${i},tea`);
    const imported = await (await t.app.request("/api/v1/imports/purchases", { method: "POST", headers: { "Content-Type": "text/csv", ...bearer() }, body: lines.join("\n") })).json();
    expect(imported).toMatchObject({ status: "done", imported: 1001 });

    const res = await get("/api/v1/exports/purchases.csv?to=2026-09-02T00:00:00Z");
    const text = await res.text();
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1001);
    expect(new Set(rows.map((r) => r.order_id)).size).toBe(1001);
    expect(rows.find((r) => r.order_id === "bulk-7")).toEqual({ order_id: "bulk-7", email: "bulk7@example.com", name: "Bulk 7", locale: "vi", amount: "19.99", currency: "USD", purchased_at: "2026-09-01T00:00:00.000Z", fulfilled_at: "", channel: "web", item_name: "Trà sen", item_sku: "SKU-7", item_category: "tea" });

    const again = await (await t.app.request("/api/v1/imports/purchases", { method: "POST", headers: { "Content-Type": "text/csv", ...bearer() }, body: text })).json();
    expect(again).toMatchObject({ status: "done", imported: 0, unchanged: 1001, failed: 0 });
  }, 30_000);

  it("refuses purchase exports to API keys without read scope", async () => {
    const { secret } = await (await postJson(t.app, "/api/v1/api-keys", { name: "ingest", scope: "ingest" }, asBrowser(await signInCookie(t.app)))).json();
    expect((await get("/api/v1/exports/purchases.csv", bearer(secret))).status).toBe(403);
  });
});

describe("purchases export → import round trip (issue 19.5)", () => {
  // Every formula start (= + - @ tab CR and the fullwidth forms), the escape mark itself, quotes, commas, newlines, spaces, emoji.
  const HOSTILE = ["=1+1", "+1", "-42", "@SUM(A1)", "\t=tab", "\r=cr", "＝1", "＋1", "－1", "＠x", "'quoted", "'=marked", "''", "'", 'say "hi"', "a,b", "line\nbreak", "\n=after newline", "emoji 🎉🙂", " spaced ", "-"];

  it("re-imports an export of hostile values exactly: every row unchanged, nothing new", async () => {
    const t = await makeApp();
    try {
      // Through the JSON API, which keeps channel and item text as sent (tabs, newlines and spaces included)…
      for (const [i, text] of HOSTILE.entries()) {
        const id = text.trim() === "" || text !== text.trim() ? `order ${text.trim()} ${i}` : text;
        const res = await postJson(t.app, "/api/v1/purchases", {
          id,
          customer: { email: `hostile${i}@example.com`, name: text.trim() || `n${i}`, locale: "vi" },
          amount: 1990,
          currency: "USD",
          items: [{ name: text, sku: text, category: text }],
          channel: text.slice(0, 100),
          purchasedAt: "2026-09-01T00:00:00Z",
          fulfilledAt: "2026-09-02T00:00:00Z",
        });
        expect(res.status).toBe(202);
      }
      // …and through a CSV import of the same values.
      const { stringify } = await import("csv-stringify/sync");
      const csv = stringify([["order_id", "email", "name", "amount", "currency", "purchased_at", "channel", "item_name"], ...HOSTILE.map((text, i) => [`csv ${i} ${text}`, `csv${i}@example.com`, text, "5", "USD", "2026-09-03T00:00:00Z", text, text])]);
      const first = await (await t.app.request("/api/v1/imports/purchases", { method: "POST", headers: { "Content-Type": "text/csv", ...bearer() }, body: csv })).json();
      expect(first).toMatchObject({ status: "done", imported: HOSTILE.length, failed: 0 });

      const exported = await (await t.app.request("/api/v1/exports/purchases.csv", { headers: bearer() })).text();
      const rows = parse(exported, { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(2 * HOSTILE.length);
      // Still safe to open in a spreadsheet: formula-like cells carry the ' mark.
      expect(rows.find((r) => r.email === "hostile0@example.com")).toMatchObject({ order_id: "'=1+1", channel: "'=1+1", item_name: "'=1+1" });
      expect(rows.find((r) => r.email === "hostile2@example.com")!.order_id).toBe("'-42");
      expect(rows.find((r) => r.email === "hostile4@example.com")!.channel).toBe("'\t=tab");

      const again = await (await t.app.request("/api/v1/imports/purchases", { method: "POST", headers: { "Content-Type": "text/csv", ...bearer() }, body: exported })).json();
      expect(again.errors).toEqual([]);
      expect(again).toMatchObject({ status: "done", imported: 0, unchanged: 2 * HOSTILE.length, failed: 0 });
      expect(await (await t.app.request("/api/v1/exports/purchases.csv", { headers: bearer() })).text()).toBe(exported);
    } finally {
      t.close();
    }
  });
});
