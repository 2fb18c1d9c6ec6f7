// Who may watch imports (issue 19.8): imports are ingestion, so the keys that upload (ingest, full) and admins may list
// them and read one's progress; a read key may not. The OpenAPI document says the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../server/services/api-keys";
import { bearer, makeApp, type TestApp } from "../helpers";

describe("imports: list and progress", () => {
  let t: TestApp;
  let importId: string;
  const keys = {} as Record<"ingest" | "read" | "full", string>;
  beforeAll(async () => {
    t = await makeApp();
    for (const scope of ["ingest", "read", "full"] as const) keys[scope] = (await createApiKey(t.deps, { name: scope, scope })).secret;
    const res = await t.app.request("/api/v1/imports/purchases?fileName=orders.csv", {
      method: "POST",
      headers: { ...bearer(keys.ingest), "Content-Type": "text/csv" },
      body: "order_id,email,amount,currency\nacc-1,acc1@example.com,5,USD\nacc-2,not-an-email,5,USD\n",
    });
    expect(res.status).toBe(200);
    importId = (await res.json()).id;
  });
  afterAll(() => t.close());

  it("refuses a read key, with the JSON error, for the list and for an import that exists", async () => {
    for (const path of ["/api/v1/imports", `/api/v1/imports/${importId}`]) {
      const res = await t.app.request(path, { headers: bearer(keys.read) });
      expect(res.status, path).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: "forbidden", message: "This API key's scope (read) does not allow this" });
    }
  });

  it("shows the uploader's key (ingest) and a full key the import, its counts and bad rows", async () => {
    for (const scope of ["ingest", "full"] as const) {
      const list = await (await t.app.request("/api/v1/imports", { headers: bearer(keys[scope]) })).json();
      expect(list.imports.map((i: { id: string; fileName: string }) => [i.id, i.fileName])).toEqual([[importId, "orders.csv"]]);
      const one = await (await t.app.request(`/api/v1/imports/${importId}`, { headers: bearer(keys[scope]) })).json();
      expect(one).toMatchObject({ status: "done", imported: 1, failed: 1, errors: [{ line: 3, field: "email" }] });
    }
  });

  it("says so in the OpenAPI document", async () => {
    const doc = await (await t.app.request("/openapi.json")).json();
    for (const path of ["/api/v1/imports", "/api/v1/imports/{id}"]) expect(doc.paths[path].get.description).toBe("Admins and `ingest` or `full` API keys; `read` keys get 403.");
    expect(doc.paths["/api/v1/mailbox"].get.description).toMatch(/^Admins \(session\) and `full`-scope API keys only/);
  });
});
