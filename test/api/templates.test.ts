import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESETS } from "../../server/domain/template-presets";
import { createApiKey } from "../../server/services/api-keys";
import { createUser } from "../../server/services/auth";
import { DAY, asBrowser, bearer, makeApp, postJson, purchase, signInCookie, tokenFromEmail, type TestApp } from "../helpers";

let t: TestApp;
const keys = { read: "", full: "", ingest: "" };
const cookies = { admin: "", marketer: "", support: "", viewer: "" };
const MARKETER = { email: "mai@example.com", password: "marketer password 1" };

beforeAll(async () => {
  // One test moves the clock 10 days while the staff stay signed in, and tests run in any order: no idle timeout here
  // (test/api/sessions-hardening.test.ts tests it).
  t = await makeApp({ env: { SESSION_IDLE_TIMEOUT_MS: String(14 * DAY) } });
  const now = t.clock.now();
  keys.read = (await createApiKey(t.deps, { name: "read", scope: "read" })).secret;
  keys.full = (await createApiKey(t.deps, { name: "full", scope: "full" })).secret;
  keys.ingest = (await createApiKey(t.deps, { name: "ingest", scope: "ingest" })).secret;
  for (const role of ["marketer", "support", "viewer"] as const)
    await createUser(t.deps, { email: role === "marketer" ? MARKETER.email : `${role}@example.com`, password: `${role} password 1`, role });
  cookies.admin = await signInCookie(t.app);
  cookies.marketer = await signInCookie(t.app, MARKETER);
  cookies.support = await signInCookie(t.app, { email: "support@example.com", password: "support password 1" });
  cookies.viewer = await signInCookie(t.app, { email: "viewer@example.com", password: "viewer password 1" });
});
afterAll(() => t.close());

const nps = PRESETS.find((p) => p.id === "post_purchase_nps")!;
const full = PRESETS.find((p) => p.id === "customer_value")!;
const clone = <T>(v: T): T => structuredClone(v);

function send(method: string, path: string, body: unknown, headers: Record<string, string>) {
  return t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const asFull = () => bearer(keys.full);
const create = async (body: unknown = { name: "NPS", content: nps.content, rules: nps.rules }) => (await send("POST", "/api/v1/templates", body, asFull())).json();
const publish = (id: string) => send("POST", `/api/v1/templates/${id}/publish`, undefined, asFull());
const mailbox = async (): Promise<{ to: string; subject: string; html: string; text: string }[]> =>
  (await (await t.app.request("/api/v1/mailbox?limit=5000", { headers: bearer() })).json()).emails;

describe("the seeded default template", () => {
  it("is published as version 1 and still invites every purchase", async () => {
    // A database of its own: the other tests publish templates that would take this purchase.
    const fresh = await makeApp();
    try {
      const list = (await (await fresh.app.request("/api/v1/templates", { headers: bearer() })).json()).templates;
      expect(list).toEqual([expect.objectContaining({ name: "Post-purchase NPS & value", status: "published", version: 1, hasDraft: false })]);
      const res = await (await postJson(fresh.app, "/api/v1/purchases", purchase({ id: "default-1", customer: { email: "d1@example.com" } }))).json();
      expect(res.scheduled).toEqual([expect.objectContaining({ templateId: list[0].id })]);
    } finally {
      fresh.close();
    }
  });
});

describe("who may use /api/v1/templates", () => {
  it("lets support, viewers and read-scope keys look, but not edit", async () => {
    for (const headers of [asBrowser(cookies.support), asBrowser(cookies.viewer), bearer(keys.read)]) {
      expect((await send("GET", "/api/v1/templates", undefined, headers)).status).toBe(200);
      expect((await send("GET", "/api/v1/templates/presets", undefined, headers)).status).toBe(200);
      const res = await send("POST", "/api/v1/templates", { name: "x", content: nps.content, rules: nps.rules }, headers);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
  });

  it("lets admins, marketers and full-scope keys edit", async () => {
    for (const headers of [asBrowser(cookies.admin), asBrowser(cookies.marketer), asFull()])
      expect((await send("POST", "/api/v1/templates", { name: "ok", content: nps.content, rules: nps.rules }, headers)).status).toBe(201);
  });

  it("refuses anonymous callers (401) and ingest-only keys (403)", async () => {
    expect((await send("GET", "/api/v1/templates", undefined, {})).status).toBe(401);
    expect((await send("GET", "/api/v1/templates", undefined, bearer(keys.ingest))).status).toBe(403);
  });

  it("is listed in /openapi.json", async () => {
    const doc = await (await t.app.request("/openapi.json")).json();
    for (const path of ["/api/v1/templates", "/api/v1/templates/{id}", "/api/v1/templates/{id}/publish", "/api/v1/templates/{id}/archive", "/api/v1/templates/{id}/duplicate", "/api/v1/templates/{id}/test-send", "/api/v1/templates/preview", "/api/v1/templates/presets", "/api/v1/templates/{id}/preview/{locale}"])
      expect(doc.paths[path], path).toBeDefined();
    expect(doc.components.schemas.TemplateContent).toBeDefined();
  });
});

describe("validation", () => {
  it("answers 400 naming every failing path, and stores nothing", async () => {
    const content = clone(full.content) as Record<string, any>;
    delete content.email.subject.vi;
    content.questions[3].text.en = "   ";
    content.questions.push(clone(content.questions[0]));
    const before = (await (await send("GET", "/api/v1/templates", undefined, asFull())).json()).templates.length;
    const res = await send("POST", "/api/v1/templates", { name: "", content, rules: { ...full.rules, sampleRate: 0, closeAfterDays: 0 } }, asFull());
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_input");
    const fields = body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(["name", "content.email.subject.vi", "content.questions.3.text.en", "rules.sampleRate", "rules.closeAfterDays"]),
    );
    expect(body.error.details.find((d: { field: string }) => d.field === "content.email.subject.vi").message).toBe("missing Vietnamese text");
    expect((await (await send("GET", "/api/v1/templates", undefined, asFull())).json()).templates.length).toBe(before);
  });

  it("checks question rules the editor shows: NPS first, unique keys", async () => {
    const content = clone(full.content);
    content.questions.reverse();
    const res = await send("POST", "/api/v1/templates", { name: "x", content, rules: full.rules }, asFull());
    const details = (await res.json()).error.details;
    expect(details).toContainEqual(expect.objectContaining({ field: `content.questions.${content.questions.length - 1}.type`, message: "the NPS question must be the first question" }));
  });
});

describe("the version life cycle", () => {
  it("publishes immutable versions: a response keeps the version it answered after a re-publish", async () => {
    // A template that wins over the default for tea purchases.
    const rules = { ...nps.rules, priority: 500, filters: { ...nps.rules.filters, categories: ["tea"] }, throttleDays: 0 };
    const created = await create({ name: "Tea NPS", content: nps.content, rules });
    expect(created).toMatchObject({ status: "draft", version: 0, hasDraft: true });
    // A draft invites no one.
    const p0 = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "tea-0", customer: { email: "tea0@example.com" } }))).json();
    expect(p0.scheduled[0].templateId).not.toBe(created.id);

    const v1 = await (await publish(created.id)).json();
    expect(v1).toMatchObject({ status: "published", version: 1, hasDraft: false });
    expect((await publish(created.id)).status).toBe(409);

    const p1 = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "tea-1", customer: { email: "tea1@example.com", locale: "en" } }))).json();
    expect(p1.scheduled).toEqual([expect.objectContaining({ templateId: created.id })]);
    await postJson(t.app, "/api/v1/dispatch", {});
    const mail1 = (await mailbox()).find((m) => m.to === "tea1@example.com")!;
    expect(mail1.subject).toBe("How likely are you to recommend ValuePulse?");
    const token = tokenFromEmail(mail1.html);
    expect((await postJson(t.app, `/s/${token}`, { score: 10, comment: "v1 answer" }, {})).status).toBeLessThan(400);

    // Editing a published template edits a draft; customers still get version 1 until it is published.
    const content = clone(nps.content);
    content.email.subject.en = "Version two: would you recommend {brand}?";
    content.questions[1].text.en = "Tell us why (v2)";
    const edited = await (await send("PUT", `/api/v1/templates/${created.id}`, { name: "Tea NPS", content, rules }, asFull())).json();
    expect(edited).toMatchObject({ status: "published", version: 1, hasDraft: true });
    const v2 = await (await publish(created.id)).json();
    expect(v2).toMatchObject({ version: 2, hasDraft: false });
    expect(v2.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    // The earlier invitation, its page and its response keep version 1.
    const page = await (await t.app.request(`/s/${token}`)).text();
    expect(page).toContain("What is the main reason for your score?");
    expect(page).not.toContain("(v2)");
    const row = (await t.client.execute("select template_version from responses where comment = 'v1 answer'")).rows[0];
    expect(Number(row.template_version)).toBe(1);
    const version1 = await (await send("GET", `/api/v1/templates/${created.id}/versions/1`, undefined, bearer(keys.read))).json();
    expect(version1.content.email.subject.en).toBe("How likely are you to recommend {brand}?");

    // The next purchase gets version 2.
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "tea-2", customer: { email: "tea2@example.com", locale: "en" } }));
    await postJson(t.app, "/api/v1/dispatch", {});
    expect((await mailbox()).find((m) => m.to === "tea2@example.com")!.subject).toBe("Version two: would you recommend ValuePulse?");
    const inv = (await t.client.execute("select i.template_version from invitations i join purchases p on p.id = i.purchase_id where p.order_id = 'tea-2'")).rows[0];
    expect(Number(inv.template_version)).toBe(2);

    // Archived: no new invitations from it; no edits; the survey already sent still works.
    const archived = await (await send("POST", `/api/v1/templates/${created.id}/archive`, undefined, asFull())).json();
    expect(archived.status).toBe("archived");
    const p3 = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "tea-3", customer: { email: "tea3@example.com" } }))).json();
    expect(p3.scheduled[0].templateId).not.toBe(created.id);
    expect((await send("PUT", `/api/v1/templates/${created.id}`, { name: "x", content, rules }, asFull())).status).toBe(409);
    expect((await publish(created.id)).status).toBe(409);
    expect((await t.app.request(`/s/${token}`)).status).toBe(200);

    // Duplicate: a new draft with the same working copy.
    const dup = await send("POST", `/api/v1/templates/${created.id}/duplicate`, undefined, asFull());
    expect(dup.status).toBe(201);
    expect(await dup.json()).toMatchObject({ name: "Copy of Tea NPS", status: "draft", version: 0, content: { email: { subject: { en: content.email.subject.en } } } });
  });

  it("deletes a draft never published, but not a template that was (archive it instead)", async () => {
    const draft = await create();
    expect((await send("DELETE", `/api/v1/templates/${draft.id}`, undefined, bearer(keys.read))).status).toBe(403);
    expect((await send("DELETE", `/api/v1/templates/${draft.id}`, undefined, asBrowser(cookies.marketer))).status).toBe(204);
    expect((await send("GET", `/api/v1/templates/${draft.id}`, undefined, asFull())).status).toBe(404);
    const published = await create();
    await publish(published.id);
    const res = await send("DELETE", `/api/v1/templates/${published.id}`, undefined, asFull());
    expect(res.status).toBe(409);
    expect((await send("GET", `/api/v1/templates/${published.id}`, undefined, asFull())).status).toBe(200);
    await send("POST", `/api/v1/templates/${published.id}/archive`, undefined, asFull());
  });

  it("answers 404 for an unknown template or version", async () => {
    expect((await send("GET", "/api/v1/templates/nope", undefined, asFull())).status).toBe(404);
    expect((await publish("nope")).status).toBe(404);
    const created = await create();
    expect((await send("GET", `/api/v1/templates/${created.id}/versions/1`, undefined, asFull())).status).toBe(404);
  });
});

describe("preview and test send", () => {
  it("renders the email and the survey page in both locales with the sending code", async () => {
    const content = clone(full.content);
    content.email.subject.vi = "Tiêu đề thử nghiệm cho {brand}";
    const res = await send("POST", "/api/v1/templates/preview", { content }, asBrowser(cookies.viewer));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.email.vi.subject).toBe("Tiêu đề thử nghiệm cho ValuePulse");
    expect(body.email.en.html).toContain("?score=10");
    expect(body.page.vi).toContain('lang="vi"');
    expect(body.page.en).toContain(full.content.questions[2].text.en);
  });

  it("refuses to preview invalid content, naming the missing locale", async () => {
    const content = clone(nps.content) as Record<string, any>;
    content.email.intro.vi = "";
    const res = await send("POST", "/api/v1/templates/preview", { content }, asFull());
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([expect.objectContaining({ field: "content.email.intro.vi", message: "missing Vietnamese text" })]);
  });

  it("emails the working copy to the signed-in marketer, once per locale, marked as a test", async () => {
    const created = await create();
    const res = await send("POST", `/api/v1/templates/${created.id}/test-send`, { locales: ["vi", "en"] }, asBrowser(cookies.marketer));
    expect(res.status).toBe(202);
    const mine = (await mailbox()).filter((m) => m.to === MARKETER.email);
    expect(mine.map((m) => m.subject).sort()).toEqual(["[TEST English] How likely are you to recommend ValuePulse?", "[TEST Vietnamese] Bạn có sẵn lòng giới thiệu ValuePulse không?"]);
    const link = mine[0].html.match(/href="http:\/\/localhost:8787(\/api\/v1\/templates\/[^"?]+\/preview\/(?:en|vi)\?score=9)"/)?.[1];
    expect(link).toBeDefined();
    const page = await t.app.request(link!, { headers: asBrowser(cookies.viewer) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="9" checked');
    // A preview records nothing and runs only its own code: it may not post or fetch.
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'.*form-action 'none'/);
  });

  it("sends a user's test only to their own address; an API key must name one", async () => {
    const created = await create();
    expect((await send("POST", `/api/v1/templates/${created.id}/test-send`, { to: "someone@else.com" }, asBrowser(cookies.marketer))).status).toBe(403);
    const res = await send("POST", `/api/v1/templates/${created.id}/test-send`, {}, asFull());
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].field).toBe("to");
    expect((await send("POST", `/api/v1/templates/${created.id}/test-send`, { to: "qa@example.com", locales: ["en"] }, asFull())).status).toBe(202);
  });
});

describe("sending rules at purchase time", () => {
  it("lets the higher priority win among matching templates, and filters by channel, locale and minimum amount", async () => {
    const rules = { ...nps.rules, priority: 900, throttleDays: 0, filters: { categories: [], channels: ["pos"], locales: ["vi"], minAmount: 500_000 } };
    const created = await create({ name: "VIP shop", content: nps.content, rules });
    await publish(created.id);
    const order = async (id: string, over: Record<string, unknown>) =>
      (await postJson(t.app, "/api/v1/purchases", purchase({ id, channel: "pos", customer: { email: `${id}@example.com`, locale: "vi" }, amount: 600_000, ...over }))).json();
    expect((await order("vip-1", {})).scheduled[0].templateId).toBe(created.id);
    expect((await order("vip-2", { channel: "web" })).scheduled[0].templateId).not.toBe(created.id);
    expect((await order("vip-3", { amount: 499_999 })).scheduled[0].templateId).not.toBe(created.id);
    expect((await order("vip-4", { customer: { email: "vip-4@example.com", locale: "en" } })).scheduled[0].templateId).not.toBe(created.id);
    await send("POST", `/api/v1/templates/${created.id}/archive`, undefined, asFull());
  });

  it("throttles across all templates when the winner's scope is all", async () => {
    const rules = { ...nps.rules, priority: 950, throttleDays: 60, throttleScope: "all" as const, filters: { ...nps.rules.filters, channels: ["kiosk"] } };
    const created = await create({ name: "Kiosk", content: nps.content, rules });
    await publish(created.id);
    // Invited by the default template first (web), then a kiosk purchase 10 days later is throttled.
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "k-1", customer: { email: "kiosk@example.com" } }));
    t.clock.advance(10 * DAY);
    const res = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "k-2", channel: "kiosk", customer: { email: "kiosk@example.com" } }))).json();
    expect(res.scheduled).toEqual([]);
    expect(res.skipped).toEqual([{ templateId: created.id, reason: "throttled" }]);
    await send("POST", `/api/v1/templates/${created.id}/archive`, undefined, asFull());
  });
});

describe("a CSAT-only template (issue 18.2)", () => {
  const csat = PRESETS.find((p) => p.id === "csat_only")!;

  it("emails its CSAT question as five ?csat= links; a click preselects 4 without recording, the page names the product, and the page's post records it", async () => {
    const content = clone(csat.content);
    content.questions[0]!.text.en = "How happy are you with the {product} you bought?";
    const rules = { ...csat.rules, priority: 800, throttleDays: 0, filters: { ...csat.rules.filters, channels: ["csat-shop"] } };
    const created = await create({ name: "CSAT shop", content, rules });
    await publish(created.id);
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "csat-1", channel: "csat-shop", customer: { email: "csat1@example.com", locale: "en" } }));
    await postJson(t.app, "/api/v1/dispatch", {});
    const mail = (await mailbox()).find((m) => m.to === "csat1@example.com")!;
    const links = [...mail.html.matchAll(/href="([^"]*\/s\/[^"?]+\?[^"]*)"/g)].map((m) => m[1]!);
    expect(links.map((l) => l.replace(/^.*\?/, ""))).toEqual(["csat=1", "csat=2", "csat=3", "csat=4", "csat=5"]);
    expect(mail.html).toContain("How happy are you with the Trà sen you bought?");
    const token = /\/s\/([A-Za-z0-9_-]{43})\?csat=/.exec(mail.html)![1]!;

    const before = await (await t.app.request("/api/v1/scores", { headers: bearer(keys.read) })).json();
    const page = await (await t.app.request(`/s/${token}?csat=4`)).text();
    expect(page).toMatch(/name="csat" value="4"[^>]*checked/);
    expect(page).toMatch(/data-pre="4" data-pre-key="csat"/);
    expect(page).toContain("How happy are you with the Trà sen you bought?");
    expect(page).toContain('href="/s/' + token + '?lang=vi&amp;csat=4"');
    const after = await (await t.app.request("/api/v1/scores", { headers: bearer(keys.read) })).json();
    expect(after.csat.responses).toBe(before.csat.responses); // a GET records nothing

    // What the page's script sends when the customer closes it: a form body by sendBeacon, answered 204.
    const beacon = await t.app.request(`/s/${token}?beacon=1`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: new URLSearchParams({ csat: "4", locale: "en" }).toString(),
    });
    expect(beacon.status).toBe(204);
    const recorded = await (await t.app.request("/api/v1/scores", { headers: bearer(keys.read) })).json();
    expect(recorded.csat.responses).toBe(before.csat.responses + 1);
    const row = (await t.client.execute("select r.csat from responses r join invitations i on i.id = r.invitation_id join purchases p on p.id = i.purchase_id where p.order_id = 'csat-1'")).rows[0];
    expect(Number(row!.csat)).toBe(4);
    await send("POST", `/api/v1/templates/${created.id}/archive`, undefined, asFull());
  });
});

describe("publishing over another template's purchases (issue 18.2)", () => {
  const overlaps = async (id: string) => (await (await send("GET", `/api/v1/templates/${id}/overlaps`, undefined, bearer(keys.read))).json()).overlaps as { id: string; name: string }[];
  const rulesFor = (priority: number, channels: string[]) => ({ ...nps.rules, priority, filters: { ...nps.rules.filters, channels } });

  it("names the published templates whose purchases it would take (overlapping filters, priority not higher), and changes nothing", async () => {
    const shop = await create({ name: "Overlap shop", content: nps.content, rules: rulesFor(300, ["ov-shop"]) });
    await publish(shop.id);
    const same = await create({ name: "Same priority", content: nps.content, rules: rulesFor(300, ["OV-SHOP", "ov-other"]) });
    const lower = await create({ name: "Lower priority", content: nps.content, rules: rulesFor(299, ["ov-shop"]) });
    const elsewhere = await create({ name: "Elsewhere", content: nps.content, rules: rulesFor(1000, ["ov-elsewhere"]) });
    expect((await overlaps(same.id)).map((o) => o.name)).toContain("Overlap shop");
    expect((await overlaps(lower.id)).map((o) => o.name)).not.toContain("Overlap shop");
    expect((await overlaps(elsewhere.id)).map((o) => o.name)).not.toContain("Overlap shop");
    expect(await overlaps(same.id)).toContainEqual({ id: shop.id, name: "Overlap shop", version: 1, priority: 300 });
    expect((await (await send("GET", `/api/v1/templates/${same.id}`, undefined, bearer(keys.read))).json()).status).toBe("draft");
    // Re-publishing the shop itself warns about nothing new it already wins against.
    expect((await overlaps(shop.id)).map((o) => o.name)).not.toContain("Overlap shop");
    expect((await send("GET", `/api/v1/templates/nope/overlaps`, undefined, bearer(keys.read))).status).toBe(404);
    for (const id of [shop.id]) await send("POST", `/api/v1/templates/${id}/archive`, undefined, asFull());
    for (const id of [same.id, lower.id, elsewhere.id]) await send("DELETE", `/api/v1/templates/${id}`, undefined, asFull());
  });
});
