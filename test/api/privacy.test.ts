import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runRetentionIfDue } from "../../server/services/privacy";
import { asBrowser, bearer, DAY, makeApp, postJson, purchase, signInCookie, tokenFromEmail, type TestApp } from "../helpers";

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await makeApp();
});
// Signed in afresh for each test: tests move the clock by weeks and months (ending older sessions) and run in any order.
beforeEach(async () => {
  admin = await signInCookie(t.app);
});
afterAll(() => t.close());

const asAdmin = (path: string, body: unknown, method = "POST") =>
  t.app.request(path, { method, headers: { ...asBrowser(admin), "Content-Type": "application/json" }, body: JSON.stringify(body) });

/** A customer who bought, was surveyed and answered with a comment. Returns their customer id. */
async function customerWhoAnswered(orderId: string, email: string, answer: Record<string, unknown>): Promise<string> {
  await postJson(t.app, "/api/v1/purchases", purchase({ id: orderId, customer: { email, name: `Name of ${email}`, locale: "en" } }));
  await postJson(t.app, "/api/v1/dispatch", {});
  const { emails } = await (await t.app.request("/api/v1/mailbox?limit=500", { headers: bearer() })).json();
  const mail = emails.find((m: { to: string }) => m.to === email);
  const res = await postJson(t.app, `/s/${tokenFromEmail(mail.html)}`, answer, {});
  expect(res.status).toBe(201);
  const row = await t.client.execute({ sql: "select id from customers where email = ?", args: [email] });
  return row.rows[0]!.id as string;
}

/** Every row of every table, as text: where a trace of the customer would show. */
async function everyTableContaining(needle: string): Promise<string[]> {
  const tables = (await t.client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")).rows.map((r) => r.name as string);
  const found: string[] = [];
  for (const table of tables) {
    const rows = await t.client.execute(`select * from "${table}"`);
    if (JSON.stringify(rows.rows).toLowerCase().includes(needle.toLowerCase())) found.push(table);
  }
  return found;
}

const scores = async () => (await t.app.request("/api/v1/scores", { headers: bearer() })).json();

describe("customer export and erasure", () => {
  it("exports everything about one customer as JSON, then erases it leaving no trace in any table, and scores without their answer", async () => {
    // A detractor alert rule, so the answer raises an alert that erasure must take with it.
    expect((await asAdmin("/api/v1/alert-rules", { name: "Detractors", maxScore: 6, recipients: ["lead@example.com"] })).status).toBe(201);
    // What other tests of this file left (they run in any order): counted relative to it.
    const base = (await scores()).nps;
    const rollupTotals = async () => (await t.client.execute("select coalesce(sum(responses), 0) as n, coalesce(sum(detractors), 0) as d from score_rollups where combo = 1 and grain = 'd'")).rows[0]!;
    const baseRollups = await rollupTotals();
    const alertCount = async () => Number((await t.client.execute("select count(*) as n from alerts")).rows[0]!.n);
    const baseAlerts = await alertCount();
    const goneId = await customerWhoAnswered("erase-1", "gone@example.com", { score: 2, csat: 1, comment: "Parcel arrived broken" });
    await customerWhoAnswered("keep-1", "stays@example.com", { score: 10, csat: 5, comment: "Lovely" });
    expect((await scores()).nps).toMatchObject({ responses: base.responses + 2, promoters: base.promoters + 1, detractors: base.detractors + 1 });
    // The closed loop and delivery leave traces too: a note on the answer, a click on a score link, a suppression.
    const goneResponse = (await t.client.execute({ sql: "select id from responses where customer_id = ?", args: [goneId] })).rows[0]!.id as string;
    expect((await asAdmin(`/api/v1/responses/${goneResponse}/notes`, { body: "Called gone@example.com back" })).status).toBe(201);
    expect((await asAdmin("/api/v1/suppressions", { email: "gone@example.com", note: "asked by phone" })).status).toBeLessThan(300);
    const { emails: sent } = await (await t.app.request("/api/v1/mailbox?limit=500", { headers: bearer() })).json();
    await t.app.request(`/s/${tokenFromEmail(sent.find((m: { to: string }) => m.to === "gone@example.com").html)}?score=2`);
    expect(Number((await t.client.execute("select count(*) as n from alerts")).rows[0]!.n)).toBeGreaterThan(0);

    const exported = await asAdmin("/api/v1/privacy/export", { customer: "Gone@Example.com" });
    expect(exported.status).toBe(200);
    const data = await exported.json();
    expect(data.customer).toMatchObject({ id: goneId, email: "gone@example.com", name: "Name of gone@example.com" });
    expect(data.purchases).toHaveLength(1);
    expect(data.purchases[0]).toMatchObject({ orderId: "erase-1", items: [{ name: "Trà sen", category: "tea", sku: "TEA-1" }] });
    expect(data.invitations).toHaveLength(1);
    expect(data.responses[0]).toMatchObject({ score: 2, comment: "Parcel arrived broken" });
    expect(data.emails[0].to).toBe("gone@example.com");
    expect(data.notes[0]).toMatchObject({ kind: "note", body: "Called gone@example.com back" });
    expect(data.suppression).toMatchObject({ reason: "manual" });
    expect(JSON.stringify(data)).not.toContain("stays@example.com");
    expect(JSON.stringify(data)).not.toMatch(/token_?hash/i);

    expect((await everyTableContaining("gone@example.com")).length).toBeGreaterThan(0);
    // Erasing cannot be undone: it must be confirmed.
    expect((await asAdmin("/api/v1/privacy/erase", { customer: goneId })).status).toBe(400);
    const erased = await asAdmin("/api/v1/privacy/erase", { customer: goneId, confirm: true });
    expect(erased.status).toBe(200);
    // Two emails: their invitation, and the detractor alert to the lead that quoted them.
    expect(await erased.json()).toEqual({ purchases: 1, responses: 1, emails: 2 });

    expect(await everyTableContaining("gone@example.com")).toEqual([]);
    expect(await everyTableContaining(goneId)).toEqual([]);
    expect(await everyTableContaining("Parcel arrived broken")).toEqual([]);
    expect(await everyTableContaining("erase-1")).toEqual([]);
    // The other customer is untouched, and the scores are what the remaining answers say.
    expect(await everyTableContaining("stays@example.com")).not.toEqual([]);
    // Scores come from rollups kept in the answer's transaction: the erase took its share out of them too.
    expect((await scores()).nps).toMatchObject({ responses: base.responses + 1, promoters: base.promoters + 1, detractors: base.detractors });
    expect(await rollupTotals()).toMatchObject({ n: Number(baseRollups.n) + 1, d: Number(baseRollups.d) });
    expect(await alertCount()).toBe(baseAlerts);

    // The audit log keeps that an erase happened, by whom, with counts only.
    const { entries } = await (await t.app.request("/api/v1/audit", { headers: { Cookie: admin } })).json();
    expect(entries[0]).toMatchObject({ action: "customer.erase", targetId: null, after: { purchases: 1, responses: 1, emails: 2 } });
    expect(entries.find((e: { action: string }) => e.action === "customer.export")).toMatchObject({ targetId: null });

    expect((await asAdmin("/api/v1/privacy/export", { customer: "gone@example.com" })).status).toBe(404);
  });

  it("lets a full-scope API key export and erase, but not an ingest key", async () => {
    await customerWhoAnswered("erase-2", "by-key@example.com", { score: 8 });
    const full = await postJson(t.app, "/api/v1/privacy/export", { customer: "by-key@example.com" });
    expect(full.status).toBe(200);
    const ingest = (await (await asAdmin("/api/v1/api-keys", { name: "ingest only", scope: "ingest" })).json()).secret;
    expect((await postJson(t.app, "/api/v1/privacy/erase", { customer: "by-key@example.com", confirm: true }, bearer(ingest))).status).toBe(403);
    expect((await postJson(t.app, "/api/v1/privacy/erase", { customer: "by-key@example.com", confirm: true })).status).toBe(200);
    expect(await everyTableContaining("by-key@example.com")).toEqual([]);
  });
});

/** Records a purchase for `email` fulfilled 4 days before the clock, runs dispatch, and counts the emails that address holds. */
async function buysAndIsEmailed(orderId: string, email: string) {
  const at = (days: number) => new Date(t.clock.now() - days * DAY).toISOString();
  const res = await postJson(t.app, "/api/v1/purchases", purchase({ id: orderId, customer: { email, locale: "en" }, purchasedAt: at(5), fulfilledAt: at(4) }));
  expect(res.status).toBe(202);
  const body = await res.json();
  await postJson(t.app, "/api/v1/dispatch", {});
  const { emails } = await (await t.app.request("/api/v1/mailbox?limit=500", { headers: bearer() })).json();
  const mine = emails.filter((m: { to: string }) => m.to === email.toLowerCase());
  return { body, emailed: mine.length, token: mine.length ? tokenFromEmail(mine[0].html) : null };
}

/** The customer clicks their email's one-click unsubscribe. */
async function unsubscribes(token: string) {
  const res = await t.app.request(`/u/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
  expect(res.status).toBeLessThan(300);
}

describe("opt-outs outlive an erasure", () => {
  const erase = async (customer: string) => expect((await asAdmin("/api/v1/privacy/erase", { customer, confirm: true })).status).toBe(200);

  it("an erased customer who had unsubscribed is not surveyed when the shop sends their address again", async () => {
    const first = await buysAndIsEmailed("optout-1", "left@example.com");
    expect(first.emailed).toBe(1);
    await unsubscribes(first.token!);
    await erase("left@example.com");
    // Forgotten all the same: the address is nowhere, only a keyed digest of it.
    expect(await everyTableContaining("left@example.com")).toEqual([]);

    const again = await buysAndIsEmailed("optout-2", "Left@Example.com");
    expect(again.body.scheduled).toEqual([]);
    expect(again.body.skipped).toEqual([expect.objectContaining({ reason: "unsubscribed" })]);
    // The first survey's mailbox copy went with the erase; no new one came.
    expect(again.emailed).toBe(0);
  });

  it("an erased customer who never opted out is a new customer again, and is surveyed", async () => {
    expect((await buysAndIsEmailed("fresh-1", "back@example.com")).emailed).toBe(1);
    await erase("back@example.com");
    const again = await buysAndIsEmailed("fresh-2", "back@example.com");
    expect(again.body.scheduled).toHaveLength(1);
    expect(again.emailed).toBe(1);
  });

  it("a suppressed address that comes back after an erasure is suppressed again and not emailed", async () => {
    await buysAndIsEmailed("bounced-1", "bounced@example.com");
    expect((await asAdmin("/api/v1/suppressions", { email: "bounced@example.com", note: "mailbox full" })).status).toBeLessThan(300);
    await erase("bounced@example.com");
    const listed = async () => (await (await t.app.request("/api/v1/suppressions", { headers: { Cookie: admin } })).json()).suppressions.map((s: { email: string }) => s.email);
    expect(await listed()).not.toContain("bounced@example.com");

    const again = await buysAndIsEmailed("bounced-2", "bounced@example.com");
    expect(again.emailed).toBe(0);
    expect(await listed()).toContain("bounced@example.com");
  });
});

describe("housekeeping", () => {
  it("prunes expired sessions and used password links every hour, with or without a retention setting", async () => {
    const count = async (table: string) => (await t.client.execute(`select count(*) as n from ${table}`)).rows[0]!.n as number;
    await postJson(t.app, "/api/v1/auth/password-reset", { email: "admin@example.com" }, {});
    expect(await count("sessions")).toBeGreaterThan(0);
    expect(await count("password_tokens")).toBeGreaterThan(0);
    t.clock.advance(15 * DAY);
    const result = await runRetentionIfDue(t.deps);
    expect(result).toMatchObject({ sessionsPruned: expect.any(Number), passwordLinksPruned: 1 });
    expect(await count("sessions")).toBe(0);
    expect(await count("password_tokens")).toBe(0);
    admin = await signInCookie(t.app);
  });
});

describe("retention", () => {
  it("after N months blanks comments and pseudonymizes customers with no recent purchase, keeping their scores", async () => {
    const saved = await asAdmin("/api/v1/privacy/retention", { months: 6 }, "PUT");
    expect(await saved.json()).toMatchObject({ months: 6 });
    expect((await asAdmin("/api/v1/privacy/retention", { months: 0 }, "PUT")).status).toBe(400);
    // A first run takes whatever other tests of this file left old enough (they run in any order); counted from here.
    await runRetentionIfDue(t.deps);
    t.clock.advance(3_600_000);
    const oldId = await customerWhoAnswered("old-1", "old@example.com", { score: 9, comment: "Old comment" });
    const oldResponse = (await t.client.execute({ sql: "select id from responses where customer_id = ?", args: [oldId] })).rows[0]!.id as string;
    expect((await asAdmin(`/api/v1/responses/${oldResponse}/notes`, { body: "Old note about them" })).status).toBe(201);
    const before = (await scores()).nps.responses;

    // Nothing is old enough yet.
    t.clock.advance(30 * DAY);
    expect(await runRetentionIfDue(t.deps)).toMatchObject({ commentsRemoved: 0, customersPseudonymized: 0 });

    t.clock.advance(7 * 30 * DAY);
    const result = await runRetentionIfDue(t.deps);
    expect(result!.commentsRemoved).toBeGreaterThan(0);
    expect(result!.customersPseudonymized).toBeGreaterThan(0);
    expect(await everyTableContaining("old@example.com")).toEqual([]);
    expect(await everyTableContaining("Old comment")).toEqual([]);
    expect(await everyTableContaining("Old note about them")).toEqual([]);
    expect((await scores()).nps.responses).toBe(before);
    // At most once an hour.
    expect(await runRetentionIfDue(t.deps)).toBeNull();
    const { lastRunAt } = await (await t.app.request("/api/v1/privacy/retention", { headers: { Cookie: await signInCookie(t.app) } })).json();
    expect(lastRunAt).toBe(t.clock.now());
  });

  it("a customer who had unsubscribed stays unsubscribed after retention removes their address", async () => {
    expect((await asAdmin("/api/v1/privacy/retention", { months: 6 }, "PUT")).status).toBe(200);
    const first = await buysAndIsEmailed("quiet-1", "quiet@example.com");
    await unsubscribes(first.token!);
    t.clock.advance(7 * 30 * DAY);
    expect((await runRetentionIfDue(t.deps))!.customersPseudonymized).toBeGreaterThan(0);
    expect(await everyTableContaining("quiet@example.com")).toEqual([]);

    const again = await buysAndIsEmailed("quiet-2", "quiet@example.com");
    expect(again.body.skipped).toEqual([expect.objectContaining({ reason: "unsubscribed" })]);
    expect(again.emailed).toBe(0);
  });
});
