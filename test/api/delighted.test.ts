// The Delighted-compatible /v1 API, driven by Delighted's own Node client (npm `delighted`) over real HTTP.
import { serve, type ServerType } from "@hono/node-server";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invitations, suppressions } from "../../db/schema";
import { addSuppression } from "../../server/services/suppressions";
import { answer } from "../answered";
import { asBrowser, bearer, DAY, INGEST_KEY, makeApp, postJson, signInCookie, tokenFromEmail, type TestApp } from "../helpers";

const require = createRequire(import.meta.url);
type Thenable<T> = Promise<T>;
type DelightedClient = {
  person: { create(d: object): Thenable<Record<string, unknown>>; list(p?: object): { autoPagingEach(f: (p: Record<string, unknown>) => void): Thenable<void> } };
  unsubscribe: { create(d: object): Thenable<unknown>; all(p?: object): Thenable<Record<string, unknown>[]> };
  bounce: { all(p?: object): Thenable<unknown[]> };
  surveyResponse: { all(p?: object): Thenable<Record<string, unknown>[]> };
  metrics: { retrieve(p?: object): Thenable<Record<string, unknown>> };
};
const Delighted = require("delighted") as (key: string, opts: object) => DelightedClient;

// One integrator's session told in steps, as the official client would make the calls: people created early are listed,
// unsubscribed and erased later. The steps keep their order even when a run shuffles tests (--sequence.shuffle).
describe("Delighted-compatible API (/v1)", { shuffle: false }, () => {
  let t: TestApp;
  let server: ServerType;
  let port: number;
  let delighted: DelightedClient;
  const basic = (key: string) => ({ Authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` });

  beforeAll(async () => {
    t = await makeApp();
    server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((ok) => server.once("listening", ok));
    port = (server.address() as AddressInfo).port;
    // The Link header's next page uses PUBLIC_URL, which real deployments set to their own address.
    t.deps.config.publicUrl = `http://127.0.0.1:${port}`;
    delighted = Delighted(INGEST_KEY, { host: "127.0.0.1", port, scheme: "http" });
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    t.close();
  });

  it("person.create schedules a survey after `delay` seconds, in the locale from properties", async () => {
    const person = await delighted.person.create({ email: "Jony@Appleseed.com", name: "Jony Appleseed", delay: 3600, properties: { locale: "vi", question_product_name: "Trà sen", customer_id: "cust_12345" } });
    expect(person).toMatchObject({ email: "jony@appleseed.com", name: "Jony Appleseed", survey_scheduled_at: Math.floor(t.clock.now() / 1000) + 3600, properties: { locale: "vi", question_product_name: "Trà sen", customer_id: "cust_12345" } });
    const [inv] = await t.db.select().from(invitations).where(eq(invitations.customerId, String(person.id)));
    expect(inv).toMatchObject({ dueAt: t.clock.now() + 3_600_000, locale: "vi", status: "scheduled" });
    t.clock.advance(1000);
  });

  it("person.create with send=false only records the person", async () => {
    const person = await delighted.person.create({ email: "quiet@example.com", send: false });
    expect(person).toMatchObject({ email: "quiet@example.com", survey_scheduled_at: null });
    expect(await t.db.select().from(invitations).where(eq(invitations.customerId, String(person.id)))).toEqual([]);
    t.clock.advance(1000);
  });

  it("accepts the form-encoded body of Delighted's curl examples, with properties[key]=value", async () => {
    const res = await t.app.request("/v1/people.json", { method: "POST", headers: { ...basic(INGEST_KEY), "Content-Type": "application/x-www-form-urlencoded" }, body: "email=form%40example.com&properties%5Blocale%5D=vi&properties%5BState%5D=CA" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: "form@example.com", properties: { locale: "vi", State: "CA" } });
    const [c] = await t.db.select().from(customers).where(eq(customers.email, "form@example.com"));
    expect(c.locale).toBe("vi");
    t.clock.advance(1000);
  });

  it("person.list pages through everyone in creation order by following the Link header", async () => {
    for (let i = 0; i < 3; i++) await delighted.person.create({ email: `page${i}@example.com`, send: false });
    // Three created in the same millisecond still page without loss or repeats (across a page boundary).
    const seen: string[] = [];
    await delighted.person.list({ per_page: 2 }).autoPagingEach((p) => void seen.push(String(p.email)));
    expect(seen.slice(0, 3)).toEqual(["jony@appleseed.com", "quiet@example.com", "form@example.com"]);
    expect(seen.slice(3).sort()).toEqual(["page0@example.com", "page1@example.com", "page2@example.com"]);
    const res = await t.app.request("/v1/people?per_page=2", { headers: basic(INGEST_KEY) });
    expect(res.headers.get("link")).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/v1\/people\?per_page=2&page_info=[^>]+>; rel="next"$/);
    const [first] = await res.json();
    expect(Object.keys(first).sort()).toEqual(["created_at", "email", "id", "last_responded_at", "last_sent_at", "name", "next_survey_scheduled_at", "phone_number"]);
  });

  it("unsubscribe.create and unsubscribe.all; bounce.all lists hard bounces from the suppression list", async () => {
    type Json = { toJSON(): unknown };
    expect(((await delighted.unsubscribe.create({ person_email: "quiet@example.com" })) as Json).toJSON()).toEqual({ ok: true });
    t.clock.advance(1000);
    expect(((await delighted.unsubscribe.create({ person_email: "never-seen@example.com" })) as Json).toJSON()).toEqual({ ok: true });
    const list = await delighted.unsubscribe.all();
    expect(list.map((u) => u.email)).toEqual(["quiet@example.com", "never-seen@example.com"]);
    expect(list[1]).toMatchObject({ unsubscribed_at: Math.floor(t.clock.now() / 1000), name: null });
    expect(await delighted.bounce.all()).toEqual([]);
    // A hard bounce (as Resend's webhook records it) appears; a manual suppression is not a bounce.
    await t.db.insert(suppressions).values({ email: "gone@example.com", reason: "hard_bounce", detail: "Permanent/General: mailbox does not exist", eventId: "msg_1", createdAt: t.clock.now() });
    await addSuppression(t.deps, { email: "asked@example.com" }, "test");
    const bounces = (await delighted.bounce.all()) as Json[];
    expect(bounces.map((b) => b.toJSON())).toEqual([{ person_id: null, email: "gone@example.com", name: null, bounced_at: Math.floor(t.clock.now() / 1000) }]);
    // An unsubscribed person is not surveyed.
    expect(await delighted.person.create({ email: "never-seen@example.com" })).toMatchObject({ survey_scheduled_at: null });
  });

  it("a person erased after unsubscribing is still unsubscribed when person.create records them again", async () => {
    expect((await postJson(t.app, "/api/v1/privacy/erase", { customer: "never-seen@example.com", confirm: true })).status).toBe(200);
    expect((await delighted.unsubscribe.all()).map((u) => u.email)).not.toContain("never-seen@example.com");
    await delighted.person.create({ email: "Never-Seen@example.com", send: false });
    expect((await delighted.unsubscribe.all()).map((u) => u.email)).toContain("never-seen@example.com");
    expect(await delighted.person.create({ email: "never-seen@example.com" })).toMatchObject({ survey_scheduled_at: null });
  });

  it("surveyResponse.all and metrics.retrieve report answers in Delighted's shapes", async () => {
    t.clock.advance(DAY);
    await postJson(t.app, "/api/v1/dispatch", {});
    const mails: { to: string; html: string }[] = (await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails;
    const token = tokenFromEmail(mails.find((m) => m.to === "jony@appleseed.com")!.html);
    await answer(t, token, { score: 10, comment: "Tuyệt vời" });
    const [r] = await delighted.surveyResponse.all({ "expand[]": ["person"] });
    expect(r).toMatchObject({ survey_type: "nps", score: 10, comment: "Tuyệt vời", created_at: Math.floor(t.clock.now() / 1000), person: { email: "jony@appleseed.com" }, person_properties: { customer_id: "cust_12345" }, notes: [], tags: [] });
    const plain = await delighted.surveyResponse.all({ since: Math.floor(t.clock.now() / 1000) + 1 });
    expect(plain).toEqual([]);
    expect(((await delighted.metrics.retrieve()) as unknown as { toJSON(): unknown }).toJSON()).toEqual({ nps: 100, promoter_count: 1, promoter_percent: 100, passive_count: 0, passive_percent: 0, detractor_count: 0, detractor_percent: 0, response_count: 1 });
  });

  it("answers with and without .json", async () => {
    for (const path of ["/v1/metrics", "/v1/metrics.json", "/v1/bounces", "/v1/survey_responses.json", "/v1/unsubscribes"]) expect((await t.app.request(path, { headers: basic(INGEST_KEY) })).status).toBe(200);
  });

  it("refuses missing or wrong keys (401 with a Basic challenge), read keys for writes (403), unsupported parameters (422)", async () => {
    const none = await t.app.request("/v1/people.json");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Basic realm="ValuePulse"');
    expect((await t.app.request("/v1/people.json", { headers: basic("vp_wrong") })).status).toBe(401);
    const { secret, key } = await (await postJson(t.app, "/api/v1/api-keys", { name: "reader", scope: "read" }, asBrowser(await signInCookie(t.app)))).json();
    const post = await t.app.request("/v1/people.json", { method: "POST", headers: { ...basic(secret), "Content-Type": "application/json" }, body: JSON.stringify({ email: "a@example.com" }) });
    expect(post.status).toBe(403);
    expect((await t.app.request("/v1/metrics.json", { headers: basic(secret) })).status).toBe(200);
    await t.app.request(`/api/v1/api-keys/${key.id}`, { method: "DELETE", headers: asBrowser(await signInCookie(t.app)) });
    expect((await t.app.request("/v1/metrics.json", { headers: basic(secret) })).status).toBe(401);
    const sms = await t.app.request("/v1/people.json", { method: "POST", headers: { ...basic(INGEST_KEY), "Content-Type": "application/json" }, body: JSON.stringify({ phone_number: "+17132746524" }) });
    expect(sms.status).toBe(422);
    expect((await sms.json()).error.details).toEqual([{ field: "phone_number", message: "is not supported" }]);
    const bad = await t.app.request("/v1/people.json", { method: "POST", headers: { ...basic(INGEST_KEY), "Content-Type": "application/json" }, body: JSON.stringify({ email: "nope", delay: -1 }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { field: string }) => d.field).sort()).toEqual(["delay", "email"]);
    expect((await t.app.request("/v1/survey_responses.json?trend=12", { headers: basic(INGEST_KEY) })).status).toBe(422);
  });
});
