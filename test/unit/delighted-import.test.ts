// Delighted export parsing: which export a file is, its times, JSON cut into elements at any chunk boundary, rows mapped.
import { describe, expect, it } from "vitest";
import { delightedTime, detectDelighted, fromCsv, fromJson, JsonArraySplitter, readDelightedHeader } from "../../server/domain/delighted-import";
import { announcedRandom } from "../seeded-random";

describe("detectDelighted", () => {
  it("tells each API export by its first object's keys and each CSV by its header", () => {
    expect(detectDelighted('\uFEFF [ {"id":"1","person":"2","survey_type":"nps","score":9')).toEqual({ format: "json", kind: "responses" });
    expect(detectDelighted('[{"id":"10","email":"a@b.co","name":null,"created_at":1}]')).toEqual({ format: "json", kind: "people" });
    expect(detectDelighted('[{"person_id":"1","email":"a@b.co","unsubscribed_at":1}]')).toEqual({ format: "json", kind: "unsubscribes" });
    expect(detectDelighted('[{"person_id":"1","email":"a@b.co","bounced_at":1}]')).toEqual({ format: "json", kind: "bounces" });
    expect(detectDelighted("Response ID,Score,Comment,Email\n1,9,,a@b.co")).toEqual({ format: "csv", kind: "responses" });
    expect(detectDelighted('"Person ID","Email","Unsubscribed At"\n')).toEqual({ format: "csv", kind: "unsubscribes" });
    expect(detectDelighted("Email,Name,Created At\n")).toEqual({ format: "csv", kind: "people" });
    expect(detectDelighted("Note,Author\n")).toEqual({ format: "csv", kind: null });
  });
});

describe("delightedTime", () => {
  it("reads Unix seconds and the date-times Delighted's CSVs hold, UTC unless a zone is given", () => {
    expect(delightedTime(1713418460)).toBe(1713418460_000);
    expect(delightedTime("1713418460")).toBe(1713418460_000);
    expect(delightedTime("2024-04-18 05:34:20 UTC")).toBe(Date.parse("2024-04-18T05:34:20Z"));
    expect(delightedTime("2024-04-18T05:34:20+07:00")).toBe(Date.parse("2024-04-17T22:34:20Z"));
    expect(delightedTime("2024-04-18 05:34:20 +0700")).toBe(Date.parse("2024-04-17T22:34:20Z"));
    expect(delightedTime("2024-04-18")).toBe(Date.parse("2024-04-18T00:00:00Z"));
    expect(delightedTime("yesterday")).toBeNull();
    expect(delightedTime(1.5)).toBeNull();
  });
});

describe("JsonArraySplitter", () => {
  const items = [{ id: "1", comment: 'a "quoted" ] , } text', nested: { list: [1, [2]], s: "\\" } }, { id: "2", comment: "Trà sen ✓" }, { id: "3" }];
  const text = `\uFEFF[\n  ${items.map((i) => JSON.stringify(i, null, 1)).join(",\n  ")}\n]\n[${JSON.stringify({ id: "4" })}]`;

  it("gives the same elements however the text is cut into chunks", () => {
    const random = announcedRandom("delighted JSON chunks", 20260630);
    for (let round = 0; round < 50; round++) {
      const splitter = new JsonArraySplitter(10_000);
      const out: { index: number; text: string }[] = [];
      for (let at = 0; at < text.length; ) {
        const size = 1 + Math.floor(random() * 12);
        out.push(...splitter.push(text.slice(at, at + size)));
        at += size;
      }
      splitter.finish();
      expect(out.map((e) => [e.index, JSON.parse(e.text)])).toEqual([...items, { id: "4" }].map((v, i) => [i + 1, v]));
    }
  });

  it("stops at an element longer than the limit, after giving the ones before it", () => {
    const splitter = new JsonArraySplitter(20);
    const out = splitter.push(`[{"id":"1"},{"id":"${"x".repeat(50)}"}]`);
    expect(out.map((e) => e.text)).toEqual(['{"id":"1"}']);
    expect(splitter.failure).toMatchObject({ code: "too_long", index: 2 });
  });

  it("names a file that is not an array, or is cut short", () => {
    const notArray = new JsonArraySplitter(100);
    notArray.push('{"id":1}');
    expect(notArray.failure?.message).toBe('expected a JSON array of objects, found "{"');
    const cut = new JsonArraySplitter(100);
    expect(cut.push('[{"id":"1"},{"id":').length).toBe(1);
    expect(() => cut.finish()).toThrow("the JSON ends inside an element (the file is cut short)");
  });
});

describe("rows", () => {
  it("maps an API response, its person expanded, and its person properties to segments", () => {
    const r = fromJson("responses", { id: 7, person: { id: "3", email: " Lan@Example.com ", name: "Lan" }, survey_type: "nps", score: 9, comment: "  Tốt  ", created_at: 1713418460, updated_at: null, person_properties: { Locale: "vi-VN", "Delighted Source": "email", product_category: "tea", Plan: 3 } });
    expect(r).toEqual({
      ok: true,
      value: { id: "7", personId: "3", email: "lan@example.com", name: "Lan", surveyType: "nps", score: 9, comment: "Tốt", createdAt: 1713418460_000, updatedAt: 1713418460_000, properties: { Locale: "vi-VN", "Delighted Source": "email", product_category: "tea", Plan: "3" }, locale: "vi-VN", channel: "email", category: "tea" },
    });
  });

  it("names every wrong field of a row", () => {
    expect(fromJson("responses", { person: "5", survey_type: "csat", score: 0, created_at: "soon", updated_at: "later" })).toEqual({
      ok: false,
      errors: [
        { field: "id", reason: "is required" },
        { field: "score", reason: "must be a whole number from 1 to 5" },
        { field: "created_at", reason: "must be Unix seconds or a date-time such as 2024-04-18T05:34:20Z" },
        { field: "updated_at", reason: "must be Unix seconds or a date-time such as 2024-04-18T05:34:20Z" },
      ],
    });
    expect(fromJson("bounces", [1])).toEqual({ ok: false, errors: [{ field: "(row)", reason: "must be a JSON object" }] });
  });

  it("reads a CSV by its header's names, whatever their case and spacing; other columns are person properties", () => {
    const header = readDelightedHeader("responses", ["Response ID", "score", "COMMENT", "Email", "Created At", "Permalink", "Customer ID"]);
    expect(header.missing).toEqual([]);
    expect(fromCsv("responses", header, ["9", "10", "great", "a@b.co", "2024-04-18 05:34:20 UTC", "https://app.delighted.com/r/x", "C-1"])).toMatchObject({ ok: true, value: { id: "9", score: 10, comment: "great", email: "a@b.co", properties: { "Customer ID": "C-1" } } });
    expect(readDelightedHeader("bounces", ["Person ID", "Bounced At"]).missing).toEqual(["Email"]);
  });
});
