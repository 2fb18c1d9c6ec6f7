import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApp, type TestApp } from "../helpers";

describe("GET /openapi.json", () => {
  let t: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, unknown>> };
  beforeAll(async () => {
    t = await makeApp();
    const res = await t.app.request("/openapi.json");
    expect(res.status).toBe(200);
    doc = await res.json();
  });
  afterAll(() => t.close());

  it("is a valid OpenAPI 3.1 document by the official schema", async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every /api/v1 route the app serves", () => {
    const served = new Set<string>();
    for (const r of t.app.routes) {
      if (!r.path.startsWith("/api/v1/") || r.method === "ALL") continue;
      served.add(`${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    }
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect(served.size).toBeGreaterThan(10);
  });
});
