import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTemplate } from "../../server/domain/default-template";
import { createApiKey } from "../../server/services/api-keys";
import { createUser } from "../../server/services/auth";
import { DAY, T0, asBrowser, bearer, makeApp, postJson, purchase, signInCookie, tokenFromEmail, type TestApp } from "../helpers";

let t: TestApp;
const N = 36;
const comments: Record<number, string> = { 0: "Giao hàng chậm quá", 1: "giao hang cham, dat", 2: "Hàng chậm và giá cao", 9: "Chất lượng tốt", 10: "chat luong tot, giao hang nhanh" };
const expectations = ["worse", "worse", "better", "as_expected"];

beforeAll(async () => {
  t = await makeApp();
  // The default template plus an expectation and a touchpoint question, as a marketer would add them.
  const t975 = { en: "Q", vi: "Q" };
  const [tpl] = (await (await t.app.request("/api/v1/templates", { headers: bearer() })).json()).templates;
  const edited = {
    name: tpl.name,
    rules: defaultTemplate.rules,
    content: {
      ...defaultTemplate.content,
      questions: [
        ...defaultTemplate.content.questions,
        { type: "expectation", key: "exp_monetary", valueType: "monetary", required: false, text: t975 },
        { type: "touchpoint", key: "tp_delivery", touchpoint: "delivery_use", required: false, text: t975 },
      ],
    },
  };
  const put = await t.app.request(`/api/v1/templates/${tpl.id}`, { method: "PUT", headers: { ...bearer(), "Content-Type": "application/json" }, body: JSON.stringify(edited) });
  expect(put.status).toBe(200);
  expect((await postJson(t.app, `/api/v1/templates/${tpl.id}/publish`, {})).status).toBe(200);
  // Customer i bought for (i + 1) × 100,000 VND, 4 + 5i days ago: one purchase each.
  for (let i = 0; i < N; i++)
    await postJson(t.app, "/api/v1/purchases", purchase({ id: `a-${i}`, customer: { email: `c${i}@example.com`, name: `C${i}` }, amount: (i + 1) * 100_000, purchasedAt: new Date(T0 - (4 + 5 * i) * DAY).toISOString(), fulfilledAt: undefined, items: [] }));
  await postJson(t.app, "/api/v1/dispatch", {});
  const { emails } = await (await t.app.request(`/api/v1/mailbox?limit=${N}`, { headers: bearer() })).json();
  for (let i = 0; i < N; i++) {
    const mail = emails.find((m: { to: string }) => m.to === `c${i}@example.com`);
    const answer: Record<string, unknown> = { score: i % 11, benefit_functional: 1 + (i % 5), benefit_monetary: 1 + ((i * 3) % 5), cost_money: 1 + ((i * 2) % 5), cost_time: 1 + (Math.floor(i / 5) % 5) };
    if (comments[i]) answer.comment = comments[i];
    if (expectations[i]) answer.exp_monetary = expectations[i];
    if (i < 3) answer.tp_delivery = [2, 4, 5][i];
    const res = await t.app.request(`/s/${tokenFromEmail(mail.html)}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(answer) });
    expect(res.status).toBe(201);
  }
});
afterAll(() => t.close());

const get = async (path: string) => {
  const res = await t.app.request(path, { headers: bearer() });
  expect(res.status).toBe(200);
  return res.json();
};

describe("GET /api/v1/analytics/overview", () => {
  it("puts every customer in one tier, newcomers apart, and computes revenue at risk by hand", async () => {
    const o = await get("/api/v1/analytics/overview");
    expect(o.currency).toBe("VND");
    expect(o.nps.responses).toBe(N);
    expect(o.tiers.reduce((s: number, x: { customers: number }) => s + x.customers, 0)).toBe(N);
    // Each bought once: new when answering (no purchase in the year before) and still, by their latest purchase.
    expect(o.tiers.find((x: { tier: string }) => x.tier === "new")).toMatchObject({ customers: N, nps: { responses: N } });
    let risk = 0;
    for (let i = 0; i < N; i++) if (i % 11 <= 6) risk += (i + 1) * 100_000;
    expect(o.revenueAtRisk.total).toBe(risk);
    expect(o.revenueAtRisk.customers[0]).toMatchObject({ email: "c35@example.com", latestScore: 2, revenue12m: 3_600_000 });
    // Revenue-weighted: Σ revenue × (+1/0/−1) ÷ Σ revenue.
    let signed = 0;
    let total = 0;
    for (let i = 0; i < N; i++) {
      const s = i % 11;
      total += i + 1;
      signed += (i + 1) * (s >= 9 ? 1 : s >= 7 ? 0 : -1);
    }
    expect(o.revenueWeightedNps).toBeCloseTo((signed / total) * 100, 1);
  });

  it("filters by tier, here and on the dashboard's scores (tiers over time: test/api/analytics-seeded.test.ts)", async () => {
    expect((await get("/api/v1/analytics/overview?tier=new")).nps.responses).toBe(N);
    expect((await get("/api/v1/analytics/overview?tier=loyal")).nps.responses).toBe(0);
    expect((await get("/api/v1/scores?tier=new")).nps.responses).toBe(N);
    expect((await get("/api/v1/scores?tier=loyal")).nps.responses).toBe(0);
    // Every dashboard read takes the tier: trend, breakdown, comparison and the feed.
    const trend = await get("/api/v1/scores/trend?tier=new&bucket=month");
    expect(trend.points.reduce((n: number, p: { responses: number }) => n + p.responses, 0)).toBe(N);
    const breakdown = await get("/api/v1/scores/breakdown?tier=new&by=locale");
    expect(breakdown.segments).toMatchObject([{ key: "en", responses: N }]);
    expect((await get("/api/v1/responses?tier=new&limit=50")).responses).toHaveLength(N);
    expect((await get("/api/v1/responses?tier=top&limit=50")).responses).toHaveLength(0);
    const compare = await get(`/api/v1/scores/compare?tier=new&from=${T0 - 30 * DAY}&to=${T0 + DAY}`);
    expect(compare.a.responses).toBe(N);
    expect(compare.a.filter).toMatchObject({ tier: "new" });
  });
});

describe("drivers, expectations, comparison", () => {
  it("estimates drivers once there are enough complete answers, strongest first", async () => {
    const d = await get("/api/v1/analytics/drivers");
    expect(d.n).toBe(N);
    // 36 answers carry 3 questions (10 each), not 4: the last of four equally answered leaves, and says so.
    expect(d.minN).toBe(30);
    expect(d.drivers.map((x: { key: string }) => x.key).sort()).toEqual(["benefit_functional", "benefit_monetary", "cost_money"]);
    expect(d.dropped).toContainEqual({ key: "cost_time", reason: "too_few", n: N });
    const weights = d.drivers.map((x: { weight: number }) => x.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    expect(weights.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(d.r2, 9);
    expect((await get("/api/v1/analytics/drivers?tier=loyal")).drivers).toBeNull();
  });

  it("shares expectation answers and averages touchpoint ratings", async () => {
    const e = await get("/api/v1/analytics/expectations");
    expect(e.expectations.find((x: { valueType: string }) => x.valueType === "monetary")).toMatchObject({ n: 4, worse: 50, as_expected: 25, better: 25 });
    expect(e.touchpoints.find((x: { touchpoint: string }) => x.touchpoint === "delivery_use")).toMatchObject({ n: 3, mean: 3.67 });
  });

  it("compares a period with the one before it, and needs both ends", async () => {
    const c = await get(`/api/v1/analytics/compare?from=${T0 - 7 * DAY}&to=${T0 + 7 * DAY}`);
    expect(c.current.responses).toBe(N);
    expect(c.previous.responses).toBe(0);
    expect(c.difference).toBeNull();
    const bad = await t.app.request(`/api/v1/analytics/compare?to=${T0}`, { headers: bearer() });
    expect(bad.status).toBe(400);
    expect(JSON.stringify((await bad.json()).error.details)).toContain("from");
  });
});

describe("segments", () => {
  it("compares each segment with everyone else", async () => {
    const s = await get("/api/v1/analytics/segments?dimension=locale");
    expect(s.dimension).toBe("locale");
    // Every test customer has the default locale: one segment, no rest to compare with.
    expect(s.segments).toHaveLength(1);
    expect(s.segments[0]).toMatchObject({ segment: "en", difference: null });
    expect(s.segments[0].nps.responses).toBe(N);
    const byTier = await get("/api/v1/analytics/segments");
    expect(byTier.segments.reduce((n: number, x: { nps: { responses: number } }) => n + x.nps.responses, 0)).toBe(N);
    // Every answer here was given by a new customer: one segment, nothing to compare with.
    expect(byTier.segments).toMatchObject([{ segment: "new", difference: null }]);
    expect((await t.app.request("/api/v1/analytics/segments?dimension=colour", { headers: bearer() })).status).toBe(400);
  });
});

describe("comment themes and the lexicon", () => {
  it("finds what detractors say, with and without tone marks, linked to a value type", async () => {
    const th = await get("/api/v1/analytics/themes");
    expect(th.comments).toBe(5);
    // Tone marks kept; "giao hang cham" (typed without them) counts with "hàng chậm".
    const slow = th.themes.find((x: { phrase: string }) => x.phrase === "hàng chậm");
    expect(slow).toMatchObject({ detractors: 3, promoters: 0, target: "cost_time" });
    expect(slow.liftInterval.low).toBeLessThan(slow.lift);
    expect(slow.comments.map((c: { comment: string }) => c.comment).sort()).toEqual(["Giao hàng chậm quá", "Hàng chậm và giá cao", "giao hang cham, dat"]);
    expect(th.themes.find((x: { phrase: string }) => x.phrase === "chất lượng")).toMatchObject({ promoters: 2, target: "benefit_functional" });
  });

  it("lets a marketer edit the lexicon (tone marks kept), and refuses viewers and read keys", async () => {
    await createUser(t.deps, { email: "mk@example.com", password: "marketer password 1", role: "marketer" });
    await createUser(t.deps, { email: "vw@example.com", password: "viewer password 1", role: "viewer" });
    const body = JSON.stringify({ lexicon: { "Hàng chậm": "cost_effort", "giá": "cost_money" } });
    const marketer = await signInCookie(t.app, { email: "mk@example.com", password: "marketer password 1" });
    // Put back at the end: the themes test reads the lexicon as it was (tests run in any order).
    const previous = (await get("/api/v1/analytics/lexicon")).lexicon;
    const res = await t.app.request("/api/v1/analytics/lexicon", { method: "PUT", headers: { ...asBrowser(marketer), "Content-Type": "application/json" }, body });
    expect(res.status).toBe(200);
    expect((await res.json()).lexicon).toEqual({ "hàng chậm": "cost_effort", "giá": "cost_money" });
    const th = await get("/api/v1/analytics/themes");
    expect(th.themes.find((x: { phrase: string }) => x.phrase === "hàng chậm").target).toBe("cost_effort");

    const viewer = await signInCookie(t.app, { email: "vw@example.com", password: "viewer password 1" });
    expect((await t.app.request("/api/v1/analytics/lexicon", { method: "PUT", headers: { ...asBrowser(viewer), "Content-Type": "application/json" }, body })).status).toBe(403);
    const { secret } = await createApiKey(t.deps, { name: "reader", scope: "read" });
    expect((await t.app.request("/api/v1/analytics/lexicon", { method: "PUT", headers: { ...bearer(secret), "Content-Type": "application/json" }, body })).status).toBe(403);
    expect((await t.app.request("/api/v1/analytics/overview", { headers: bearer(secret) })).status).toBe(200);
    expect((await t.app.request("/api/v1/analytics/overview")).status).toBe(401);
    const bad = await t.app.request("/api/v1/analytics/lexicon", { method: "PUT", headers: { ...asBrowser(marketer), "Content-Type": "application/json" }, body: JSON.stringify({ lexicon: { price: "cheapness" } }) });
    expect(bad.status).toBe(400);
    const restored = await t.app.request("/api/v1/analytics/lexicon", { method: "PUT", headers: { ...asBrowser(marketer), "Content-Type": "application/json" }, body: JSON.stringify({ lexicon: previous }) });
    expect(restored.status).toBe(200);
  });
});
