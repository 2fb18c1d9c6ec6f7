// The suppression list API: who may read and change it, bad input, and that it stops sending.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, asBrowser, bearer, makeApp, postJson, purchase, signInCookie, type TestApp } from "../helpers";

let t: TestApp;
let cookie: string;
let readKey: string;
let ingestKey: string;

beforeAll(async () => {
  t = await makeApp();
  cookie = await signInCookie(t.app, ADMIN);
  readKey = (await (await postJson(t.app, "/api/v1/api-keys", { name: "reader", scope: "read" }, asBrowser(cookie))).json()).secret;
  ingestKey = (await (await postJson(t.app, "/api/v1/api-keys", { name: "shop", scope: "ingest" }, asBrowser(cookie))).json()).secret;
});
afterAll(() => t.close());

/** A fresh admin session: a test that moves the clock by months (below) ends older ones, and tests run in any order. */
const asAdmin = async () => asBrowser(await signInCookie(t.app, ADMIN));
const list = async (headers = bearer()) => t.app.request("/api/v1/suppressions", { headers });
const mailboxTo = async (email: string) =>
  ((await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails as { to: string }[]).filter((m) => m.to === email);

describe("manual suppression by an admin", () => {
  it("adds an address (lower-cased) with a note and who added it; adding again changes nothing", async () => {
    const admin = await asAdmin();
    const res = await postJson(t.app, "/api/v1/suppressions", { email: "Opted.Out@Example.com", note: "asked by phone" }, admin);
    expect(res.status).toBe(201);
    const s = await res.json();
    expect(s).toMatchObject({ email: "opted.out@example.com", reason: "manual", detail: "asked by phone" });
    expect(s.createdBy).toMatch(/^user:/);
    const again = await postJson(t.app, "/api/v1/suppressions", { email: "opted.out@example.com" }, admin);
    expect(again.status).toBe(200);
    expect((await again.json()).detail).toBe("asked by phone");
    const listed = (await (await list()).json()).suppressions;
    expect(listed.filter((x: { email: string }) => x.email === "opted.out@example.com")).toHaveLength(1);
  });

  it("stops an already scheduled invitation at send time, and lets the next one through once removed", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "sup-1", customer: { email: "later@example.com" } }));
    await postJson(t.app, "/api/v1/suppressions", { email: "later@example.com" });
    expect(await (await postJson(t.app, "/api/v1/dispatch", {})).json()).toEqual({ sent: 0, failed: 0, skipped: 1 });
    expect(await mailboxTo("later@example.com")).toHaveLength(0);

    expect((await t.app.request("/api/v1/suppressions/later@example.com", { method: "DELETE", headers: await asAdmin() })).status).toBe(204);
    t.clock.advance(100 * 24 * 3_600_000);
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "sup-2", customer: { email: "later@example.com" } }));
    expect((await (await postJson(t.app, "/api/v1/dispatch", {})).json()).sent).toBe(1);
    expect(await mailboxTo("later@example.com")).toHaveLength(1);
  });

  it("answers 404 when removing an address that is not listed", async () => {
    const res = await t.app.request("/api/v1/suppressions/nobody@example.com", { method: "DELETE", headers: bearer() });
    expect(res.status).toBe(404);
  });

  it("refuses a bad address with 400 naming the field, and stores nothing", async () => {
    const res = await postJson(t.app, "/api/v1/suppressions", { email: "not-an-address" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.details[0].field).toBe("email");
    expect((await (await list()).json()).suppressions.some((s: { email: string }) => s.email === "not-an-address")).toBe(false);
  });
});

describe("who may", () => {
  it("refuses anonymous callers (401) and ingest keys (403)", async () => {
    expect((await t.app.request("/api/v1/suppressions")).status).toBe(401);
    expect((await list(bearer(ingestKey))).status).toBe(403);
  });

  it("lets a read key list but not change the list", async () => {
    expect((await list(bearer(readKey))).status).toBe(200);
    expect((await postJson(t.app, "/api/v1/suppressions", { email: "x@example.com" }, bearer(readKey))).status).toBe(403);
    expect((await t.app.request("/api/v1/suppressions/opted.out@example.com", { method: "DELETE", headers: bearer(readKey) })).status).toBe(403);
  });

  it("keeps the delivery views from ingest keys", async () => {
    expect((await t.app.request("/api/v1/delivery/invitations", { headers: bearer(ingestKey) })).status).toBe(403);
    expect((await t.app.request("/api/v1/delivery/templates", { headers: bearer(ingestKey) })).status).toBe(403);
    expect((await t.app.request("/api/v1/delivery/invitations?status=nope", { headers: bearer() })).status).toBe(400);
  });
});

describe("rates without provider events", () => {
  it("are unknown (null), not 0 %, while nothing was reported — the dev mailbox never reports", async () => {
    // Something sent of its own, whatever ran before.
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "rates-1", customer: { email: "rates@example.com" } }));
    await postJson(t.app, "/api/v1/dispatch", {});
    const { templates } = await (await t.app.request("/api/v1/delivery/templates", { headers: bearer() })).json();
    expect(templates[0].sent).toBeGreaterThan(0);
    expect(templates[0]).toMatchObject({ deliveryRate: null, bounceRate: null, complaintRate: null });
  });
});
