// The API keys page's "last used" and scopes, as an integrator relies on them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asBrowser, bearer, makeApp, postJson, signInCookie, type TestApp } from "../helpers";

describe("API keys: last used and scopes", () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await makeApp();
    cookie = await signInCookie(t.app);
  });
  afterAll(() => t.close());

  const listed = async (id: string) => ((await (await t.app.request("/api/v1/api-keys", { headers: asBrowser(cookie) })).json()).keys as { id: string; lastUsedAt: number | null }[]).find((k) => k.id === id)!;

  it("shows when a key was last used", async () => {
    const { key, secret } = await (await postJson(t.app, "/api/v1/api-keys", { name: "reporting", scope: "read" }, asBrowser(cookie))).json();
    expect((await listed(key.id)).lastUsedAt).toBeNull();
    t.clock.advance(60_000);
    expect((await t.app.request("/api/v1/scores", { headers: bearer(secret) })).status).toBe(200);
    expect((await listed(key.id)).lastUsedAt).toBe(t.clock.now());
  });

  it("keeps each scope to its job: ingest cannot read, read cannot ingest", async () => {
    const ingest = (await (await postJson(t.app, "/api/v1/api-keys", { name: "shop", scope: "ingest" }, asBrowser(cookie))).json()).secret;
    const read = (await (await postJson(t.app, "/api/v1/api-keys", { name: "bi", scope: "read" }, asBrowser(cookie))).json()).secret;
    expect((await t.app.request("/api/v1/exports/responses.csv", { headers: bearer(ingest) })).status).toBe(403);
    expect((await t.app.request("/api/v1/exports/responses.csv", { headers: bearer(read) })).status).toBe(200);
    const csv = { method: "POST", headers: { "Content-Type": "text/csv" }, body: "order_id,email,amount,currency\n" };
    expect((await t.app.request("/api/v1/imports/purchases", { ...csv, headers: { ...csv.headers, ...bearer(read) } })).status).toBe(403);
    expect((await t.app.request("/api/v1/imports/purchases", { ...csv, headers: { ...csv.headers, ...bearer(ingest) } })).status).toBe(200);
  });
});
