// POST /api/v1/analytics/aspects (who may try a comment, bad input) and the `aspects` each response carries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../server/services/api-keys";
import { createUser, openSession, type ApiKeyScope } from "../../server/services/auth";
import { answer, invite } from "../answered";
import { bearer, makeApp, type TestApp } from "../helpers";

let t: TestApp;
const sessions: Record<string, Record<string, string>> = {};
const keys = {} as Record<ApiKeyScope, string>;

beforeAll(async () => {
  t = await makeApp();
  const [admin] = await t.db.query.users.findMany();
  const ids: Record<string, string> = { admin: admin!.id };
  for (const role of ["marketer", "support", "viewer"] as const)
    ids[role] = (await createUser(t.deps, { email: `${role}@example.com`, password: `${role}-password-123`, role })).id;
  for (const [role, id] of Object.entries(ids)) sessions[role] = { Cookie: `vp_session=${await openSession(t.deps, { userId: id })}`, Origin: "http://localhost:8787" };
  for (const scope of ["ingest", "read", "full"] as const) keys[scope] = (await createApiKey(t.deps, { name: scope, scope })).secret;
});
afterAll(() => t.close());

const tryComment = (headers: Record<string, string>, body: unknown) =>
  t.app.request("/api/v1/analytics/aspects", { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("POST /api/v1/analytics/aspects", () => {
  it("reads what a comment says about each value type and cost kind", async () => {
    const res = await tryComment(sessions.marketer, { text: "Đẹp nhưng giao chậm", locale: "vi" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      aspects: [
        { aspect: "benefit_functional", polarity: "positive" },
        { aspect: "cost_time", polarity: "negative" },
      ],
    });
    // Without a locale the words tell; without marks the folded lexicon reads it.
    expect(await (await tryComment(sessions.admin, { text: "hang gia, shop lua dao" })).json()).toEqual({ aspects: [{ aspect: "cost_risk", polarity: "negative" }] });
    expect(await (await tryComment({ Authorization: `Bearer ${keys.read}` }, { text: "Not worth it, and it broke in a week.", locale: "en" })).json()).toEqual({
      aspects: [
        { aspect: "benefit_functional", polarity: "negative" },
        { aspect: "benefit_monetary", polarity: "negative" },
      ],
    });
  });

  it("is for admins, marketers and read or full API keys", async () => {
    const body = { text: "Giao hàng nhanh" };
    const status = async (headers: Record<string, string>) => (await tryComment(headers, body)).status;
    expect(await status({})).toBe(401);
    expect(await status(sessions.admin)).toBe(200);
    expect(await status(sessions.marketer)).toBe(200);
    expect(await status(sessions.support)).toBe(403);
    expect(await status(sessions.viewer)).toBe(403);
    expect(await status({ Authorization: `Bearer ${keys.full}` })).toBe(200);
    expect(await status({ Authorization: `Bearer ${keys.read}` })).toBe(200);
    expect(await status({ Authorization: `Bearer ${keys.ingest}` })).toBe(403);
  });

  it.each([
    ["no text", {}, "text"],
    ["text not a string", { text: 42 }, "text"],
    ["text over 2000 characters", { text: "a".repeat(2001) }, "text"],
    ["an unknown locale", { text: "ok", locale: "fr" }, "locale"],
  ])("refuses %s with 400 naming the field", async (_, body, field) => {
    const res = await tryComment(sessions.admin, body);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_input");
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});

describe("aspects on each response", () => {
  it("are in the feed and on GET /api/v1/responses/{id}, read in the response's language; [] without a comment", async () => {
    const vi = await answer(t, await invite(t, "asp-1", "an@example.com", { customer: { email: "an@example.com", name: "An", locale: "vi" } }), { score: 4, comment: "Hàng đẹp nhưng giao chậm, phí ship đắt" });
    const en = await answer(t, await invite(t, "asp-2", "bo@example.com"), { score: 9, comment: "Works great, easy to set up." });
    const none = await answer(t, await invite(t, "asp-3", "cy@example.com"), { score: 10 });
    const feed = await (await t.app.request("/api/v1/responses?limit=10", { headers: bearer(keys.read) })).json();
    const byId = Object.fromEntries(feed.responses.map((r: { id: string; aspects: unknown }) => [r.id, r.aspects]));
    expect(byId[vi.responseId]).toEqual([
      { aspect: "benefit_functional", polarity: "positive" },
      { aspect: "cost_money", polarity: "negative" },
      { aspect: "cost_time", polarity: "negative" },
    ]);
    expect(byId[en.responseId]).toEqual([
      { aspect: "benefit_functional", polarity: "positive" },
      { aspect: "cost_effort", polarity: "positive" },
    ]);
    expect(byId[none.responseId]).toEqual([]);
    const detail = await (await t.app.request(`/api/v1/responses/${vi.responseId}`, { headers: bearer(keys.read) })).json();
    expect(detail.response.aspects).toEqual(byId[vi.responseId]);
  });
});
