// Switching from Delighted: its exports (API JSON and CSV) imported as history; idempotent; opt-outs kept; nothing emailed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { count, eq } from "drizzle-orm";
import { beforeEach, afterEach, describe, expect, it } from "vitest";
import { alerts, customers, delightedPeople, invitations, responses, suppressions } from "../../db/schema";
import { createApiKey } from "../../server/services/api-keys";
import { asBrowser, bearer, makeApp, postJson, purchase, signInCookie, type TestApp } from "../helpers";

const FIXTURES = join(import.meta.dirname, "../fixtures/delighted");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const at = (iso: string) => Date.parse(iso);

let t: TestApp;
let full: Record<string, string>;
beforeEach(async () => {
  t = await makeApp();
  full = bearer((await createApiKey(t.deps, { name: "switch", scope: "full" })).secret);
});
afterEach(() => t.close());

async function upload(name: string, opts: { kind?: string; type?: string; headers?: Record<string, string>; body?: string } = {}) {
  const q = new URLSearchParams({ fileName: name, errorsLimit: "1000", ...(opts.kind && { kind: opts.kind }) });
  const res = await t.app.request(`/api/v1/imports/delighted?${q}`, {
    method: "POST",
    headers: { "Content-Type": opts.type ?? (name.endsWith(".csv") ? "text/csv" : "application/json"), ...(opts.headers ?? full) },
    body: opts.body ?? fixture(name),
  });
  return { status: res.status, body: await res.json() };
}
const get = async (path: string) => (await t.app.request(path, { headers: path.startsWith("/v1/") ? { Authorization: `Basic ${btoa(`${full.Authorization.slice(7)}:`)}` } : full })).json();
const responseCount = async () => (await t.db.select({ n: count() }).from(responses))[0].n;

const JSON_RESPONSE_ERRORS = [
  { line: 4, field: "score", reason: "must be a whole number from 0 to 10" },
  { line: 6, field: "person", reason: "is Delighted person 99, not imported yet: import people.json first, or export the responses with expand[]=person" },
  { line: 7, field: "survey_type", reason: '"ces" is not imported: only nps (the score) and csat are' },
  { line: 8, field: "person.email", reason: "is not an email address" },
  { line: 11, field: "created_at", reason: "is required" },
];

async function importJsonHistory() {
  const people = await upload("people.json");
  const history = await upload("survey_responses.json");
  return { people, history };
}

describe("Delighted's API JSON", () => {
  it("imports people, then their responses (expanded or by person id), reporting every bad element by its position", async () => {
    const { people, history } = await importJsonHistory();
    expect(people.status).toBe(200);
    expect(people.body).toMatchObject({ kind: "delighted-people", status: "done", rowsProcessed: 4, imported: 3, unchanged: 0, failed: 1 });
    expect(people.body.errors).toEqual([{ line: 3, field: "email", reason: "is not an email address" }]);
    expect(history.body).toMatchObject({ kind: "delighted-responses", status: "done", rowsProcessed: 12, imported: 7, unchanged: 0, failed: 5, error: null });
    expect(history.body.errors).toEqual(JSON_RESPONSE_ERRORS);

    // Answered when Delighted says, with its comment and person properties, by the person people.json named.
    const list = await get("/v1/survey_responses.json?per_page=100&expand[]=person");
    const byComment = (c: string) => list.find((r: { comment: string }) => r.comment === c);
    expect(byComment("Giao hàng nhanh, trà thơm.")).toMatchObject({ score: 10, created_at: at("2026-01-05T10:12:00Z") / 1000, person: { email: "minh.tran@example.com", name: "Trần Minh" }, person_properties: { locale: "vi", channel: "web", category: "tea" } });
    expect(byComment('Arrived broken; "support" never answered.')).toMatchObject({ score: 3, created_at: at("2026-01-28T22:30:00Z") / 1000, updated_at: at("2026-01-29T08:00:00Z") / 1000, person: { email: "jo@example.com" } });
    // A person created by the import keeps Delighted's creation time.
    const [hoa] = await t.db.select().from(customers).where(eq(customers.email, "hoa.nguyen@example.com"));
    expect(hoa.createdAt).toBe(at("2025-12-23T08:00:00Z"));
  });

  it("puts the answers in the dashboard's scores and trend on their original dates and segments", async () => {
    await importJsonHistory();
    // 10, 9, 3 (January), 7 (February), 6, 0 (March); the CSAT answer (4) is not an NPS answer.
    expect((await get("/api/v1/scores?from=2026-01-01&to=2026-04-01")).nps).toMatchObject({ promoters: 2, passives: 1, detractors: 3, score: -16.7 });
    expect((await get("/api/v1/scores?from=2026-01-01&to=2026-04-01")).csat).toMatchObject({ responses: 1 });
    expect((await get("/api/v1/scores?from=2026-01-01&to=2026-02-01")).nps).toMatchObject({ promoters: 2, detractors: 1, responses: 3, score: 33.3 });
    expect((await get("/api/v1/scores?from=2026-01-01&to=2026-04-01&locale=vi")).nps).toMatchObject({ promoters: 2, responses: 2 });
    expect((await get("/api/v1/scores?from=2026-01-01&to=2026-04-01&channel=web")).nps).toMatchObject({ promoters: 1, detractors: 2 });
    expect((await get("/api/v1/scores?from=2026-01-01&to=2026-04-01&category=tea")).nps).toMatchObject({ promoters: 1, detractors: 1 });
    const trend = await get("/api/v1/scores/trend?from=2026-01-01&to=2026-04-01&bucket=month");
    expect(trend.points.map((p: { start: number; responses: number; scores: { nps: { score: number | null } } }) => [new Date(p.start).toISOString().slice(0, 7), p.responses, p.scores.nps.score])).toEqual([
      ["2026-01", 3, 33.3],
      ["2026-02", 1, 0],
      ["2026-03", 3, -100],
    ]);
    // Nothing today: the history is not counted as new answers.
    expect((await get("/api/v1/scores?from=2026-11-01")).nps.responses).toBe(0);
  });

  it("changes nothing when the same files are imported again", async () => {
    await importJsonHistory();
    const before = { scores: await get("/api/v1/scores?from=2026-01-01&to=2026-04-01"), responses: await responseCount(), customers: (await t.db.select({ n: count() }).from(customers))[0].n };
    const { people, history } = await importJsonHistory();
    expect(people.body).toMatchObject({ status: "done", imported: 0, unchanged: 3, failed: 1 });
    expect(history.body).toMatchObject({ status: "done", imported: 0, unchanged: 7, failed: 5 });
    expect(history.body.errors).toEqual(JSON_RESPONSE_ERRORS);
    expect(await get("/api/v1/scores?from=2026-01-01&to=2026-04-01")).toEqual(before.scores);
    expect(await responseCount()).toBe(before.responses);
    expect((await t.db.select({ n: count() }).from(customers))[0].n).toBe(before.customers);
  });

  it("takes a later export of a changed response as an update, moving the scores", async () => {
    await importJsonHistory();
    const changed = JSON.parse(fixture("survey_responses.json")).map((r: { id: string; score: number; updated_at: number | null }) => (r.id === "112" ? { ...r, score: 9, updated_at: at("2026-03-21T10:00:00Z") / 1000 } : r));
    const again = await upload("survey_responses.json", { body: JSON.stringify(changed) });
    expect(again.body).toMatchObject({ imported: 1, unchanged: 6, failed: 5 });
    expect((await get("/api/v1/scores?from=2026-03-01&to=2026-04-01")).nps).toMatchObject({ promoters: 1, detractors: 1, responses: 2 });
    expect(await responseCount()).toBe(7);
  });

  it("emails no one and raises no alert or case for the history", async () => {
    await postJson(t.app, "/api/v1/alert-rules", { name: "detractors", maxScore: 6, recipients: ["lead@example.com"] }, full);
    await importJsonHistory();
    expect(await (await postJson(t.app, "/api/v1/dispatch", {}, full)).json()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect((await get("/api/v1/mailbox")).emails).toEqual([]);
    expect((await t.db.select({ n: count() }).from(alerts))[0].n).toBe(0);
    expect((await t.db.select({ n: count() }).from(responses).where(eq(responses.status, "open")))[0].n).toBe(0);
    expect((await t.db.select({ n: count() }).from(invitations).where(eq(invitations.status, "scheduled")))[0].n).toBe(0);
  });

  it("never emails an unsubscribed or bounced address after a later purchase", async () => {
    await importJsonHistory();
    const unsubs = await upload("unsubscribes.json");
    expect(unsubs.body).toMatchObject({ kind: "delighted-unsubscribes", status: "done", imported: 2, failed: 1 });
    expect(unsubs.body.errors).toEqual([{ line: 3, field: "email", reason: "is not an email address" }]);
    const bounces = await upload("bounces.json");
    expect(bounces.body).toMatchObject({ kind: "delighted-bounces", status: "done", imported: 1, failed: 1 });
    expect(bounces.body.errors).toEqual([{ line: 2, field: "bounced_at", reason: "must be Unix seconds or a date-time such as 2024-04-18T05:34:20Z" }]);
    expect((await upload("unsubscribes.json")).body).toMatchObject({ imported: 0, unchanged: 2 });
    expect((await upload("bounces.json")).body).toMatchObject({ imported: 0, unchanged: 1 });

    const [bounce] = await t.db.select().from(suppressions).where(eq(suppressions.email, "bounced@example.com"));
    expect(bounce).toMatchObject({ reason: "hard_bounce", createdAt: at("2026-05-01T09:00:00Z") });
    expect(bounce.createdBy).toMatch(/^key:/);
    expect(await get("/v1/unsubscribes.json")).toEqual(expect.arrayContaining([expect.objectContaining({ email: "sarah.lee@example.com", unsubscribed_at: at("2026-03-04T09:00:00Z") / 1000 }), expect.objectContaining({ email: "gone@example.com" })]));

    for (const [i, email] of ["sarah.lee@example.com", "gone@example.com", "bounced@example.com", "minh.tran@example.com"].entries())
      expect((await postJson(t.app, "/api/v1/purchases", purchase({ id: `after-${i}`, customer: { email } }), full)).status).toBeLessThan(300);
    // The purchases are due already (bought 5 days ago, the template waits 72 hours after fulfilment).
    await postJson(t.app, "/api/v1/dispatch", {}, full);
    const to = ((await get("/api/v1/mailbox")).emails as { to: string }[]).map((m) => m.to);
    expect(to).toEqual(["minh.tran@example.com"]);
  });

  it("reports a file cut short, and refuses an element longer than IMPORT_MAX_RECORD_BYTES (413) keeping the ones before it", async () => {
    const cut = fixture("people.json").slice(0, 400);
    const r = await upload("people.json", { body: cut });
    expect(r.body).toMatchObject({ status: "failed", imported: 1, error: "The file is not valid JSON past the reported element" });
    expect(r.body.errors).toEqual([{ line: 2, field: "(file)", reason: "the JSON ends inside an element (the file is cut short)" }]);

    t.close();
    t = await makeApp({ env: { IMPORT_MAX_RECORD_BYTES: "1024" } });
    full = bearer((await createApiKey(t.deps, { name: "switch", scope: "full" })).secret);
    const big = JSON.stringify([{ id: "1", email: "a@example.com", name: "A", created_at: 1767225600 }, { id: "2", email: "b@example.com", name: "B".repeat(2000), created_at: 1767225600 }]);
    const tooLong = await upload("people.json", { body: big, kind: "people" });
    expect(tooLong.status).toBe(413);
    expect(tooLong.body.error).toMatchObject({ code: "payload_too_large", details: { line: 2, limit: "IMPORT_MAX_RECORD_BYTES", max: 1024 } });
    expect((await t.db.select().from(customers).where(eq(customers.email, "a@example.com"))).length).toBe(1);
  });
});

describe("erasing an imported customer", () => {
  it("takes their answers out of the scores and forgets their Delighted person id", async () => {
    await importJsonHistory();
    expect((await postJson(t.app, "/api/v1/privacy/erase", { customer: "minh.tran@example.com", confirm: true }, full)).status).toBe(200);
    expect((await get("/api/v1/scores?from=2026-01-01&to=2026-02-01")).nps).toMatchObject({ promoters: 1, detractors: 1, responses: 2 });
    expect(await t.db.select().from(delightedPeople).where(eq(delightedPeople.personId, "10"))).toEqual([]);
    // Their response names person 10 only: it is refused again rather than filed under someone else.
    const again = await upload("survey_responses.json");
    expect(again.body.errors).toContainEqual({ line: 1, field: "person", reason: "is Delighted person 10, not imported yet: import people.json first, or export the responses with expand[]=person" });
  });
});

describe("Delighted's CSV downloads", () => {
  it("imports responses with their person properties as segments and every bad row by line", async () => {
    const r = await upload("survey_responses.csv");
    expect(r.body).toMatchObject({ kind: "delighted-responses", status: "done", rowsProcessed: 7, imported: 3, failed: 4 });
    expect(r.body.errors).toEqual([
      { line: 6, field: "score", reason: "must be a whole number from 0 to 10" },
      { line: 7, field: "created_at", reason: "is required" },
      { line: 8, field: "(row)", reason: "has 4 columns, the header has 12" },
      { line: 9, field: "Email", reason: "is not an email address" },
    ]);
    const list = await get("/v1/survey_responses.json?per_page=100&expand[]=person");
    expect(list.map((x: { score: number; created_at: number; person: { email: string }; comment: string | null; person_properties: Record<string, string> }) => [x.score, x.created_at, x.person.email, x.comment, x.person_properties])).toEqual([
      [10, at("2026-04-02T08:15:00Z") / 1000, "mai@example.com", "Loved it, will buy again", { locale: "vi", "Delighted Source": "email", category: "tea", "Customer ID": "C-1" }],
      [6, at("2026-04-09T17:40:00Z") / 1000, "tom@example.com", "Slow delivery\nand the box was damaged", { locale: "en", "Delighted Source": "email", category: "coffee", "Customer ID": "C-2" }],
      [9, at("2026-05-01T03:00:00Z") / 1000, "mai@example.com", null, { locale: "vi", "Delighted Source": "web", category: "tea", "Customer ID": "C-1" }],
    ]);
    expect((await get("/api/v1/scores?from=2026-04-01&to=2026-06-01&channel=email")).nps).toMatchObject({ promoters: 1, detractors: 1 });
    expect((await get("/api/v1/scores?from=2026-04-01&to=2026-06-01&locale=vi&category=tea")).nps).toMatchObject({ promoters: 2, responses: 2 });
    expect((await upload("survey_responses.csv")).body).toMatchObject({ imported: 0, unchanged: 3, failed: 4 });
    expect(await responseCount()).toBe(3);
  });

  it("imports unsubscribes: the address is never surveyed", async () => {
    const r = await upload("unsubscribes.csv");
    expect(r.body).toMatchObject({ kind: "delighted-unsubscribes", imported: 1, failed: 1 });
    expect(r.body.errors).toEqual([{ line: 3, field: "email", reason: "is required" }]);
    const res = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "q-1", customer: { email: "quiet@example.com" } }), full)).json();
    expect(res.skipped).toEqual([expect.objectContaining({ reason: "unsubscribed" })]);
  });
});

describe("a large export", () => {
  it("shows its progress while the file is still arriving, and counts every answer", async () => {
    const created = await (await postJson(t.app, "/api/v1/imports", { kind: "delighted", fileName: "big.json" }, full)).json();
    const item = (i: number) => JSON.stringify({ id: String(10_000 + i), person: { id: `p${i % 900}`, email: `c${i % 900}@example.com`, name: null }, survey_type: "nps", score: i % 11, comment: i % 3 ? null : `comment ${i} ${"ý kiến ".repeat(60)}`, created_at: 1767225600 + i * 3600, updated_at: null, person_properties: { locale: i % 2 ? "vi" : "en" } });
    const first = `[${Array.from({ length: 1500 }, (_, i) => item(i)).join(",")}`;
    const rest = `,${Array.from({ length: 1500 }, (_, i) => item(1500 + i)).join(",")}]`;
    let send!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (send = c) });
    send.enqueue(new TextEncoder().encode(first));
    const upload = t.app.request(`/api/v1/imports/${created.id}/delighted`, { method: "PUT", headers: { ...full, "Content-Type": "application/json" }, body, duplex: "half" } as RequestInit);
    // Half the file is in: the import row already shows the rows written, still running.
    await expect.poll(async () => (await get(`/api/v1/imports/${created.id}`)).rowsProcessed, { timeout: 20_000 }).toBeGreaterThanOrEqual(1200);
    expect(await get(`/api/v1/imports/${created.id}`)).toMatchObject({ status: "running", kind: "delighted-responses", bytesRead: Buffer.byteLength(first) });
    send.enqueue(new TextEncoder().encode(rest));
    send.close();
    // Past the API's 1 MiB body limit: an import is streamed, never held whole.
    expect(Buffer.byteLength(first + rest)).toBeGreaterThan(1024 * 1024);
    expect(await (await upload).json()).toMatchObject({ status: "done", rowsProcessed: 3000, imported: 3000, failed: 0 });
    // Scores 0–10 in turn: 3000 answers, 545 of each score 0–2 … (3000 = 272 × 11 + 8).
    const nps = (await get("/api/v1/scores?from=2026-01-01&to=2026-12-31")).nps;
    const expected = { promoters: 0, passives: 0, detractors: 0 };
    for (let i = 0; i < 3000; i++) expected[i % 11 >= 9 ? "promoters" : i % 11 >= 7 ? "passives" : "detractors"]++;
    expect(nps).toMatchObject({ ...expected, responses: 3000 });
  });
});

describe("uploads at once", () => {
  it("count against the same IMPORT_CONCURRENT_* limits as purchase imports", async () => {
    t.close();
    t = await makeApp({ env: { IMPORT_CONCURRENT_PER_CREDENTIAL: "1" } });
    full = bearer((await createApiKey(t.deps, { name: "switch", scope: "full" })).secret);
    const { id } = await (await postJson(t.app, "/api/v1/imports", { fileName: "orders.csv" }, full)).json();
    let send!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (send = c) });
    send.enqueue(new TextEncoder().encode("order_id,email,amount,currency\n"));
    const purchases = t.app.request(`/api/v1/imports/${id}/csv`, { method: "PUT", headers: { ...full, "Content-Type": "text/csv" }, body, duplex: "half" } as RequestInit);
    await expect.poll(async () => (await get(`/api/v1/imports/${id}`)).status).toBe("running");
    const refused = await upload("people.json");
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "too_many_imports", details: { limit: "IMPORT_CONCURRENT_PER_CREDENTIAL", max: 1 } });
    send.close();
    expect((await purchases).status).toBe(200);
    expect((await upload("people.json")).body).toMatchObject({ status: "done", imported: 3 });
  });
});

describe("over the network client (Turso's write path)", () => {
  it("writes the history and its rollups the same way", async () => {
    t.close();
    t = await makeApp({ client: "@libsql/client" });
    full = bearer((await createApiKey(t.deps, { name: "switch", scope: "full" })).secret);
    const { history } = await importJsonHistory();
    expect(history.body).toMatchObject({ status: "done", imported: 7, failed: 5 });
    expect((await get("/api/v1/scores?from=2026-01-01&to=2026-04-01")).nps).toMatchObject({ promoters: 2, passives: 1, detractors: 3, score: -16.7 });
    expect((await importJsonHistory()).history.body).toMatchObject({ imported: 0, unchanged: 7 });
  });
});

describe("the import's API", () => {
  it("runs in steps like the dashboard: create, upload, watch", async () => {
    const created = await (await postJson(t.app, "/api/v1/imports", { kind: "delighted", fileName: "people.json" }, full)).json();
    expect(created).toMatchObject({ kind: "delighted", status: "waiting" });
    const purchaseUpload = await t.app.request(`/api/v1/imports/${created.id}/csv`, { method: "PUT", headers: { ...full, "Content-Type": "text/csv" }, body: "order_id,email,amount,currency\n" });
    expect(purchaseUpload.status).toBe(409);
    const res = await t.app.request(`/api/v1/imports/${created.id}/delighted`, { method: "PUT", headers: { ...full, "Content-Type": "application/json" }, body: fixture("people.json") });
    expect(await res.json()).toMatchObject({ kind: "delighted-people", status: "done", imported: 3 });
    expect(await get(`/api/v1/imports/${created.id}`)).toMatchObject({ kind: "delighted-people", status: "done", bytesRead: Buffer.byteLength(fixture("people.json")), errors: [{ line: 3, field: "email" }] });
  });

  it("refuses ingest keys, other content types and files it cannot place", async () => {
    const ingest = await upload("people.json", { headers: bearer((await createApiKey(t.deps, { name: "shop", scope: "ingest" })).secret) });
    expect(ingest.status).toBe(403);
    const xml = await upload("people.json", { type: "application/xml" });
    expect(xml.status).toBe(400);
    expect(xml.body.error.details).toMatchObject({ field: "Content-Type" });
    const unknown = await upload("notes.csv", { body: "Note,Author\nhello,me\n" });
    expect(unknown.body).toMatchObject({ status: "failed", kind: "delighted", imported: 0, error: "Could not tell which Delighted export this file is" });
    // Told what it is, a CSV without the needed columns fails at its header.
    const header = await upload("notes.csv", { body: "Note,Author\nhello,me\n", kind: "responses" });
    expect(header.body).toMatchObject({ status: "failed", error: "The header lacks Response ID, Score, Created At" });
    const cookie = await signInCookie(t.app);
    const byAdmin = await t.app.request("/api/v1/imports/delighted", { method: "POST", headers: { ...asBrowser(cookie), "Content-Type": "application/json" }, body: fixture("bounces.json") });
    expect(await byAdmin.json()).toMatchObject({ kind: "delighted-bounces", imported: 1 });
  });
});
