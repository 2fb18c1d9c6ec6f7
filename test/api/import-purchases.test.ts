// CSV import of purchases: a generated 10k-row file with bad rows at known lines, imported twice.
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, purchases } from "../../db/schema";
import { asBrowser, bearer, makeApp, postJson, signInCookie, type TestApp } from "../helpers";

type Expected = { line: number; field: string; reason: string };

/** 10,000 data rows; every kind of bad row at known lines, and the errors they must produce. */
function generateCsv() {
  const lines = ["order_id,email,name,locale,amount,currency,purchased_at,fulfilled_at,channel,item_name,item_sku,item_category"];
  const expected: Expected[] = [];
  let good = 0;
  let physicalLine = 2;
  for (let i = 1; i <= 10_000; i++) {
    const line = physicalLine;
    const email = `customer${i % 7000}@example.com`; // some customers buy twice
    const row = [`ord-${i}`, email, `Customer ${i}`, i % 2 ? "vi" : "en", i % 2 ? "1250000" : "19.99", i % 2 ? "VND" : "USD", "2026-10-01T10:00:00Z", "2026-10-03T10:00:00Z", "web", "Trà sen", `SKU-${i}`, "tea"];
    if (i % 1000 === 17) {
      row[1] = "not-an-email";
      expected.push({ line, field: "email", reason: "is not an email address" });
    } else if (i % 1000 === 123) {
      row[4] = "";
      row[5] = "usdollars";
      expected.push({ line, field: "currency", reason: "must be an ISO 4217 code such as VND or USD" }, { line, field: "amount", reason: "is required" });
    } else if (i % 1000 === 321) {
      row[4] = "19.999";
      row[5] = "USD";
      expected.push({ line, field: "amount", reason: "has more decimals than USD allows" });
    } else if (i % 1000 === 500) {
      row[7] = "yesterday";
      expected.push({ line, field: "fulfilled_at", reason: "must be an ISO 8601 date or date-time, e.g. 2026-11-20T10:00:00Z" });
    } else if (i % 1000 === 777) {
      row.pop();
      expected.push({ line, field: "(row)", reason: "has 11 columns, the header has 12" });
    } else if (i % 1000 === 901) {
      row[0] = "";
      expected.push({ line, field: "order_id", reason: "is required" });
    } else if (i === 5000) {
      // The same order id as row 1 with other content.
      row[0] = "ord-1";
      expected.push({ line, field: "order_id", reason: "was already imported with different content" });
    } else good++;
    if (i === 42) {
      // A quoted field spanning two lines: the next row starts one line later.
      row[2] = '"Nguyễn, Văn\nA"';
    }
    lines.push(row.join(","));
    physicalLine += 1 + (row.join(",").match(/\n/g)?.length ?? 0);
  }
  return { csv: lines.join("\n") + "\n", expected, good };
}

describe("CSV import of purchases", () => {
  let t: TestApp;
  const { csv, expected, good } = generateCsv();
  beforeAll(async () => (t = await makeApp()));
  afterAll(() => t.close());

  const upload = (body: string, headers: Record<string, string> = bearer()) =>
    t.app.request("/api/v1/imports/purchases?errorsLimit=1000&fileName=orders.csv", { method: "POST", headers: { "Content-Type": "text/csv", "Content-Length": String(new TextEncoder().encode(body).length), ...headers }, body });

  // The same file imported, then imported again: two steps in this order (even when a run shuffles tests).
  describe("the 10k-row file, twice", { shuffle: false }, () => {
    it("imports the good rows of a 10k-row file and reports every bad row with its line, field and reason", async () => {
      // Counted from what other tests of this file imported (they run in any order).
      const [{ n: before }] = await t.db.select({ n: count() }).from(purchases);
      const res = await upload(csv);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ status: "done", fileName: "orders.csv", rowsProcessed: 10_000, imported: good, unchanged: 0, failed: 10_000 - good, error: null });
      expect(body.bytesRead).toBe(new TextEncoder().encode(csv).length);
      expect(body.errors).toEqual(expected);
      const [{ n }] = await t.db.select({ n: count() }).from(purchases);
      expect(n).toBe(before + good);
    }, 180_000);

    it("changes nothing when the same file is uploaded again", async () => {
      const before = await t.db.select({ n: count() }).from(invitations);
      const purchasesBefore = await t.db.select({ n: count() }).from(purchases);
      const body = await (await upload(csv)).json();
      expect(body).toMatchObject({ status: "done", imported: 0, unchanged: good, failed: 10_000 - good });
      expect(body.errors).toEqual(expected);
      expect(await t.db.select({ n: count() }).from(purchases)).toEqual(purchasesBefore);
      expect(await t.db.select({ n: count() }).from(invitations)).toEqual(before);
    }, 180_000);
  });

  it("runs in two steps for the dashboard: create, upload, then read progress and errors", async () => {
    const cookie = await signInCookie(t.app);
    const created = await postJson(t.app, "/api/v1/imports", { fileName: "two.csv" }, asBrowser(cookie));
    expect(created.status).toBe(201);
    const { id, status } = await created.json();
    expect(status).toBe("waiting");
    const file = "order_id,email,amount,currency\nstep-1,a@example.com,5,USD\nstep-2,b@example,5,USD\n";
    const put = await t.app.request(`/api/v1/imports/${id}/csv`, { method: "PUT", headers: { "Content-Type": "text/csv", "Content-Length": String(file.length), ...asBrowser(cookie) }, body: file });
    expect((await put.json()).status).toBe("done");
    const got = await (await t.app.request(`/api/v1/imports/${id}`, { headers: asBrowser(cookie) })).json();
    expect(got).toMatchObject({ status: "done", imported: 1, failed: 1, bytesTotal: file.length, bytesRead: file.length, errors: [{ line: 3, field: "email", reason: "is not an email address" }] });
    // An import runs once.
    const again = await t.app.request(`/api/v1/imports/${id}/csv`, { method: "PUT", headers: { "Content-Type": "text/csv", ...asBrowser(cookie) }, body: file });
    expect(again.status).toBe(409);
    const list = await (await t.app.request("/api/v1/imports", { headers: asBrowser(cookie) })).json();
    expect(list.imports[0].id).toBe(id);
  });

  it("fails a file whose header lacks required columns, naming them", async () => {
    const body = await (await upload("order_id,mail,amount\nx,a@example.com,1\n")).json();
    expect(body).toMatchObject({ status: "failed", error: "The header lacks email, currency", rowsProcessed: 0 });
    expect(body.errors).toEqual([
      { line: 1, field: "email", reason: "column is missing from the header" },
      { line: 1, field: "currency", reason: "column is missing from the header" },
    ]);
  });

  it("keeps the rows before an unclosed quote and reports where the file broke", async () => {
    const body = await (await upload('order_id,email,amount,currency\nq-1,q@example.com,1,USD\nq-2,"q2@example.com,1,USD\nq-3,x@example.com,1,USD\n')).json();
    expect(body).toMatchObject({ status: "failed", imported: 1 });
    expect(body.errors).toEqual([{ line: 3, field: "(file)", reason: "opens a quote that is never closed, so the rest of the file cannot be read" }]);
  });

  it("refuses read-only keys and viewers; needs a sign-in or an ingest key", async () => {
    expect((await upload("order_id,email,amount,currency\n", {})).status).toBe(401);
    const readKey = await postJson(t.app, "/api/v1/api-keys", { name: "r", scope: "read" }, asBrowser(await signInCookie(t.app)));
    const { secret } = await readKey.json();
    expect((await upload("order_id,email,amount,currency\n", bearer(secret))).status).toBe(403);
  });
});

describe("an upload that breaks off", () => {
  it("marks the import failed instead of leaving it running", async () => {
    const t = await makeApp();
    const { id } = await (await postJson(t.app, "/api/v1/imports", {})).json();
    const encoder = new TextEncoder();
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(encoder.encode("order_id,email,amount,currency\nb-1,b1@example.com,1,USD\n"));
        } else controller.error(new Error("connection reset"));
      },
    });
    const res = await t.app.request(`/api/v1/imports/${id}/csv`, { method: "PUT", headers: { "Content-Type": "text/csv", ...bearer() }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(500);
    const got = await (await t.app.request(`/api/v1/imports/${id}`, { headers: bearer() })).json();
    expect(got).toMatchObject({ status: "failed", error: "The import stopped: connection reset" });
    t.close();
  });
});

describe("the size limit", () => {
  it("stops a streamed upload past the limit with 413, counting as it reads", async () => {
    const t = await makeApp();
    const { runPurchaseImport, createImport } = await import("../../server/services/import-purchases");
    const imp = await createImport(t.deps, {});
    const text = "order_id,email,amount,currency\n" + "x-1,x@example.com,1,USD\n".repeat(100);
    const body = new Response(text).body!;
    await expect(runPurchaseImport(t.deps, { id: imp.id, body, bytesTotal: null, limits: { maxBytes: 1000, maxRecordBytes: 1000, maxRows: 10 } })).rejects.toMatchObject({ status: 413 });
    const big = await t.app.request("/api/v1/imports/purchases", { method: "POST", headers: { "Content-Type": "text/csv", "Content-Length": String(65 * 1024 * 1024), ...bearer() }, body: "order_id" });
    expect(big.status).toBe(413);
    t.close();
  });
});

describe("body limits", () => {
  it("keeps the 1 MiB limit on the JSON create call while CSV uploads may be larger", async () => {
    const t = await makeApp();
    const big = await t.app.request("/api/v1/imports", { method: "POST", headers: { "Content-Type": "application/json", "Content-Length": String(2 * 1024 * 1024), ...bearer() }, body: "{}" });
    expect(big.status).toBe(413);
    const good = Array.from({ length: 15 }, (_, i) => `big-${i},big${i}@example.com,1.00,USD,Big`);
    const bad = Array.from({ length: 10_000 }, (_, i) => `bad-${i},not-an-email,1.00,USD,${"y".repeat(90)}`);
    const padded = ["order_id,email,amount,currency,name", ...good, ...bad].join("\n");
    expect(new TextEncoder().encode(padded).length).toBeGreaterThan(1024 * 1024);
    const res = await t.app.request("/api/v1/imports/purchases", { method: "POST", headers: { "Content-Type": "text/csv", "Content-Length": String(new TextEncoder().encode(padded).length), ...bearer() }, body: padded });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 15, failed: 10_000 });
    t.close();
  }, 30_000);
});
