// Issue 21 "Done means": a seeded data set with a known driver and known tiers over time, answered through the
// real survey path (purchase → dispatch → email → answer, the clock moved to each purchase), and every figure of
// the Analytics API checked against values computed here from the raw answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTemplate } from "../../server/domain/default-template";
import { seededRandom } from "../../server/domain/seeded-random";
import { runValueJob } from "../../server/services/customer-values";
import { BACKFILL_TIERS_SQL } from "../../server/domain/value-tiers";
import { DAY, T0, bearer, makeApp, postJson, tokenFromEmail, type TestApp } from "../helpers";

const SEED = Number(process.env.SEED ?? 2112);
const CUSTOMERS = 40;
type Tier = "top" | "loyal" | "new" | "at_risk" | "occasional";
type Purchase = { id: string; email: string; at: number; amount: number; currency: string };
type Answer = { purchase: Purchase; score: number; f: number; f2: number; m: number; c: number | null; answeredAt: number; top: Thresholds };
/** Per currency, the 12-month revenue of a top spender (the tier job's threshold). */
type Thresholds = Record<string, number>;

let t: TestApp;
const purchases: Purchase[] = [];
const answers: Answer[] = [];

/** The tier at a purchase under the thresholds of a moment, worked out here from the rules in docs/ANALYTICS.md (not the server's code). */
function tierAt(p: Purchase, top: Thresholds): Tier {
  const earlier = purchases.filter((q) => q.email === p.email && q.at < p.at && q.at >= p.at - 365 * DAY);
  if (earlier.length === 0) return "new";
  if (p.at - Math.max(...earlier.map((q) => q.at)) > 90 * DAY) return "at_risk";
  const revenue = p.amount + earlier.filter((q) => q.currency === p.currency).reduce((s, q) => s + q.amount, 0);
  if (top[p.currency] !== undefined && revenue >= top[p.currency]) return "top";
  return earlier.length + 1 >= 3 ? "loyal" : "occasional";
}

/** The thresholds at `now`: per currency, the revenue of the customer ranked ceil(n / 5) among those with revenue in the 12 months. */
function thresholdsAt(now: number): Thresholds {
  const revenue = new Map<string, Map<string, number>>();
  for (const p of purchases.filter((q) => q.at >= now - 365 * DAY && q.at <= now)) {
    const byCustomer = revenue.get(p.currency) ?? revenue.set(p.currency, new Map()).get(p.currency)!;
    byCustomer.set(p.email, (byCustomer.get(p.email) ?? 0) + p.amount);
  }
  const out: Thresholds = {};
  for (const [currency, byCustomer] of revenue) {
    const sorted = [...byCustomer.values()].filter((v) => v > 0).sort((a, b) => b - a);
    if (sorted.length) out[currency] = sorted[Math.ceil(sorted.length / 5) - 1];
  }
  return out;
}

const classOf = (s: number) => (s >= 9 ? 1 : s >= 7 ? 0 : -1);
function counts(scores: number[]) {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return { promoters, passives: scores.length - promoters - detractors, detractors, responses: scores.length, score: scores.length ? Math.round(((promoters - detractors) / scores.length) * 1000) / 10 : null };
}

beforeAll(async () => {
  console.log(`analytics-seeded seed ${SEED} (SEED=… to rerun another)`);
  const rand = seededRandom(SEED);
  t = await makeApp();
  // Every purchase surveyed at once: no delay, no throttle.
  const [tpl] = (await (await t.app.request("/api/v1/templates", { headers: bearer() })).json()).templates;
  const put = await t.app.request(`/api/v1/templates/${tpl.id}`, {
    method: "PUT",
    headers: { ...bearer(), "Content-Type": "application/json" },
    // A second functional item: the functional scale has two items, so its reliability can be told.
    body: JSON.stringify({
      name: tpl.name,
      content: { ...defaultTemplate.content, questions: [...defaultTemplate.content.questions, { type: "benefit", key: "quality_2", valueType: "functional", required: false, text: { en: "Q", vi: "Q" } }] },
      rules: { ...defaultTemplate.rules, delayHours: 0, throttleDays: 0 },
    }),
  });
  expect(put.status).toBe(200);
  expect((await postJson(t.app, `/api/v1/templates/${tpl.id}/publish`, {})).status).toBe(200);
  // Histories over the last 400 days: 1–6 purchases with gaps of 20, 45 or 130 days; one in eight in USD.
  for (let i = 0; i < CUSTOMERS; i++) {
    let at = T0 - Math.floor(400 - rand() * 200) * DAY + Math.floor(rand() * 20) * 3_600_000;
    const n = 1 + Math.floor(rand() * 6);
    for (let k = 0; k < n && at < T0 - DAY; k++) {
      const currency = rand() < 0.125 ? "USD" : "VND";
      purchases.push({ id: `s-${i}-${k}`, email: `s${i}@example.com`, at, amount: currency === "USD" ? 1000 + Math.floor(rand() * 20) * 500 : (1 + Math.floor(rand() * 30)) * 100_000, currency });
      at += [20, 45, 130][Math.floor(rand() * 3)] * DAY;
    }
  }
  purchases.sort((a, b) => a.at - b.at);
  const used = new Set<string>();
  for (const p of purchases) {
    t.clock.set(p.at + 60_000);
    const res = await postJson(t.app, "/api/v1/purchases", { id: p.id, customer: { email: p.email, name: p.email }, amount: p.amount, currency: p.currency, items: [], purchasedAt: new Date(p.at).toISOString(), fulfilledAt: new Date(p.at).toISOString() });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    await postJson(t.app, "/api/v1/dispatch", {});
    const { emails } = await (await t.app.request("/api/v1/mailbox?limit=5", { headers: bearer() })).json();
    const mail = emails.find((m: { to: string; html: string }) => m.to === p.email && !used.has(tokenFromEmail(m.html)));
    expect(mail, `an invitation for ${p.id}`).toBeDefined();
    const token = tokenFromEmail(mail.html);
    used.add(token);
    // The known driver: the score follows benefit_functional; benefit_monetary a little; cost_time not at all,
    // and is left blank by one answer in four (pairwise, not complete cases).
    const f = 1 + Math.floor(rand() * 5);
    const m = 1 + Math.floor(rand() * 5);
    const c = rand() < 0.25 ? null : 1 + Math.floor(rand() * 5);
    const f2 = Math.max(1, Math.min(5, f + Math.floor(rand() * 3) - 1));
    const score = Math.max(0, Math.min(10, Math.round(2 * f + 0.4 * m - 2 + (rand() - 0.5) * 3)));
    t.clock.advance(3_600_000);
    // The tier job has just run: the answer takes its purchase's tier under the thresholds of now.
    await runValueJob(t.deps, { force: true });
    const top = thresholdsAt(t.clock.now());
    const body: Record<string, number> = { score, benefit_functional: f, benefit_monetary: m, quality_2: f2 };
    if (c !== null) body.cost_time = c;
    const answered = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect(answered.status).toBe(201);
    answers.push({ purchase: p, score, f, f2, m, c, answeredAt: t.clock.now(), top });
  }
  t.clock.set(T0);
  await runValueJob(t.deps, { force: true });
}, 120_000);
afterAll(() => t.close());

const get = async (path: string) => {
  const res = await t.app.request(path, { headers: bearer() });
  expect(res.status).toBe(200);
  return res.json();
};

describe(`Analytics from a seeded data set (seed ${SEED})`, () => {
  it("groups each answer by the tier at its purchase, on Analytics, its segments and Live alike", async () => {
    const byTier = new Map<Tier, number[]>();
    for (const a of answers) byTier.set(tierAt(a.purchase, a.top), [...(byTier.get(tierAt(a.purchase, a.top)) ?? []), a.score]);
    // The generator reaches every tier, so this test means something.
    expect([...byTier.keys()].sort()).toEqual(["at_risk", "loyal", "new", "occasional", "top"]);
    const o = await get("/api/v1/analytics/overview");
    expect(o.nps).toMatchObject(counts(answers.map((a) => a.score)));
    const segments = await get("/api/v1/analytics/segments?dimension=tier");
    for (const [tier, scores] of byTier) {
      expect(o.tiers.find((x: { tier: string }) => x.tier === tier).nps).toMatchObject(counts(scores));
      expect(segments.segments.find((x: { segment: string }) => x.segment === tier).nps).toMatchObject(counts(scores));
      expect((await get(`/api/v1/scores?tier=${tier}`)).nps).toMatchObject(counts(scores));
      expect((await get(`/api/v1/analytics/overview?tier=${tier}`)).nps).toMatchObject(counts(scores));
      expect((await get(`/api/v1/responses?tier=${tier}&limit=500`)).responses).toHaveLength(scores.length);
    }
  });

  it("counts customers by their current tier and revenue per currency, none dropped", async () => {
    const o = await get("/api/v1/analytics/overview");
    const recent = purchases.filter((p) => p.at >= T0 - 365 * DAY && p.at <= T0);
    const latest = new Map<string, Purchase>();
    for (const p of recent) if (!latest.has(p.email) || latest.get(p.email)!.at < p.at) latest.set(p.email, p);
    const revenue = new Map<string, Record<string, number>>();
    for (const p of recent) {
      const r = revenue.get(p.email) ?? {};
      r[p.currency] = (r[p.currency] ?? 0) + p.amount;
      revenue.set(p.email, r);
    }
    const used = new Map<string, number>();
    for (const p of recent) used.set(p.currency, (used.get(p.currency) ?? 0) + 1);
    const main = [...used].sort((a, b) => b[1] - a[1])[0][0];
    expect(o.currency).toBe(main);
    expect(o.currencies.map((c: { currency: string }) => c.currency).sort()).toEqual(["USD", "VND"]);
    for (const tier of ["top", "loyal", "new", "at_risk", "occasional"] as Tier[]) {
      const inTier = [...latest.values()].filter((p) => tierAt(p, thresholdsAt(T0)) === tier).map((p) => p.email);
      const byCurrency: Record<string, number> = {};
      for (const e of inTier) for (const [c, v] of Object.entries(revenue.get(e)!)) byCurrency[c] = (byCurrency[c] ?? 0) + v;
      expect(o.tiers.find((x: { tier: string }) => x.tier === tier)).toMatchObject({ customers: inTier.length, revenueByCurrency: byCurrency, revenue12m: byCurrency[main] ?? 0 });
    }
    // Revenue at risk and revenue-weighted NPS per currency, over each customer's latest answer.
    const lastAnswer = new Map<string, Answer>();
    for (const a of answers) if (!lastAnswer.has(a.purchase.email) || lastAnswer.get(a.purchase.email)!.answeredAt < a.answeredAt) lastAnswer.set(a.purchase.email, a);
    for (const currency of ["VND", "USD"]) {
      let atRisk = 0;
      let customers = 0;
      let signed = 0;
      let total = 0;
      for (const [email, a] of lastAnswer) {
        const rev = revenue.get(email)?.[currency] ?? 0;
        if (rev > 0 && a.score <= 6) (atRisk += rev), customers++;
        if (rev > 0) (signed += rev * classOf(a.score)), (total += rev);
      }
      expect(o.currencies.find((c: { currency: string }) => c.currency === currency)).toMatchObject({ total: atRisk, customers, revenueWeightedNps: total ? Math.round((signed / total) * 1000) / 10 : null });
      if (currency === main) expect(o.revenueAtRisk.total).toBe(atRisk);
    }
    const atRiskCustomers = [...lastAnswer].filter(([email, a]) => a.score <= 6 && Object.values(revenue.get(email) ?? {}).some((v) => v > 0)).map(([email]) => email);
    expect(o.revenueAtRisk.count).toBe(atRiskCustomers.length);
    // Paged 7 at a time, the list holds each at-risk customer once, largest main-currency revenue first.
    const listed: { email: string; revenue12m: number; tier: string }[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page: { customers: typeof listed; next: number | null; count: number } = await get(`/api/v1/analytics/at-risk?limit=7&offset=${offset}`);
      expect(page.count).toBe(atRiskCustomers.length);
      listed.push(...page.customers);
      offset = page.next;
    }
    expect(listed.map((c) => c.email).sort()).toEqual(atRiskCustomers.sort());
    expect(listed.map((c) => c.revenue12m)).toEqual([...listed.map((c) => c.revenue12m)].sort((a, b) => b - a));
    for (const c of listed) expect(c.tier).toBe(tierAt(latest.get(c.email)!, thresholdsAt(T0)));
  });

  it("finds the known driver, with weights equal to a Shapley decomposition worked out here from the raw answers", async () => {
    const d = await get("/api/v1/analytics/drivers");
    const cols: Record<string, (a: Answer) => number | null> = { benefit_functional: (a) => a.f, benefit_monetary: (a) => a.m, cost_time: (a) => a.c };
    const names = Object.keys(cols);
    // Pairwise correlations: each pair over the answers that gave both.
    const corr = (x: (a: Answer) => number | null, y: (a: Answer) => number | null) => {
      const both = answers.filter((a) => x(a) !== null && y(a) !== null);
      const xs = both.map((a) => x(a)!);
      const ys = both.map((a) => y(a)!);
      const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
      const my = ys.reduce((s, v) => s + v, 0) / ys.length;
      const sxy = xs.reduce((s, v, i) => s + (v - mx) * (ys[i] - my), 0);
      return sxy / Math.sqrt(xs.reduce((s, v) => s + (v - mx) ** 2, 0) * ys.reduce((s, v) => s + (v - my) ** 2, 0));
    };
    const score = (a: Answer) => a.score;
    // R² of a subset from the correlations (Gaussian elimination), Shapley over all orders.
    const r2 = (set: string[]) => {
      if (!set.length) return 0;
      const A = set.map((i) => [...set.map((j) => (i === j ? 1 : corr(cols[i], cols[j]))), corr(cols[i], score)]);
      const k = set.length;
      for (let c = 0; c < k; c++) for (let r = 0; r < k; r++) if (r !== c) { const f = A[r][c] / A[c][c]; for (let j = c; j <= k; j++) A[r][j] -= f * A[c][j]; }
      return set.reduce((s, i, idx) => s + (A[idx][k] / A[idx][idx]) * corr(cols[i], score), 0);
    };
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]].map((o) => o.map((i) => names[i]));
    const shapley = Object.fromEntries(names.map((n) => [n, orders.reduce((s, o) => s + (r2(o.slice(0, o.indexOf(n) + 1)) - r2(o.slice(0, o.indexOf(n)))) / 6, 0)]));
    expect(d.drivers[0].key).toBe("benefit_functional");
    expect(d.r2).toBeCloseTo(r2(names), 9);
    for (const x of d.drivers) {
      expect(x.weight).toBeCloseTo(shapley[x.key], 9);
      expect(x.r).toBeCloseTo(corr(cols[x.key], score), 9);
      expect(x.low).toBeLessThanOrEqual(x.weight);
      expect(x.high).toBeGreaterThanOrEqual(x.weight);
    }
    const withTime = answers.filter((a) => a.c !== null).length;
    expect(d.drivers.find((x: { key: string }) => x.key === "cost_time").n).toBe(withTime);
    expect(d.n).toBe(withTime);
    // Questions nobody answered are left out and say why; nobody asks expectations: no rows at 0 %.
    expect(d.dropped).toContainEqual({ key: "cost_risk", reason: "too_few", n: 0 });
    const e = await get("/api/v1/analytics/expectations");
    expect(e.expectations).toEqual([]);
  });

  it("gives Cronbach's α of the one scale asked with two items, equal to the textbook form on the raw answers", async () => {
    const r = await get("/api/v1/analytics/reliability");
    const variance = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
    };
    const alpha = 2 * (1 - (variance(answers.map((a) => a.f)) + variance(answers.map((a) => a.f2))) / variance(answers.map((a) => a.f + a.f2)));
    expect(r.scales).toHaveLength(1);
    expect(r.scales[0]).toMatchObject({ scale: "benefit_functional", items: ["benefit_functional", "quality_2"], responses: answers.length, lowSample: false, flagged: alpha < 0.7 });
    expect(r.scales[0].alpha).toBeCloseTo(alpha, 9);
    // A tier with fewer than 30 such answers: no α, said as too few.
    const perTier = new Map<Tier, number>();
    for (const a of answers) perTier.set(tierAt(a.purchase, a.top), (perTier.get(tierAt(a.purchase, a.top)) ?? 0) + 1);
    const [fewest, n] = [...perTier].sort((x, y) => x[1] - y[1])[0];
    expect(n).toBeLessThan(30);
    const small = await get(`/api/v1/analytics/reliability?tier=${fewest}`);
    expect(small.scales[0]).toMatchObject({ lowSample: true, alpha: null });
  });

  it("gives answers stored without a tier (an upgrade's back-fill, a writer that sets none) their purchase's tier under the thresholds of now", async () => {
    const tiers = async () => new Map((await t.client.execute("select id, tier from responses")).rows.map((r) => [String(r.id), String(r.tier)]));
    const orders = new Map((await t.client.execute("select r.id, p.order_id from responses r join invitations i on i.id = r.invitation_id join purchases p on p.id = i.purchase_id")).rows.map((r) => [String(r.id), String(r.order_id)]));
    const byOrder = new Map(purchases.map((p) => [p.id, p]));
    const before = new Map([...orders].map(([id, order]) => [id, tierAt(byOrder.get(order)!, thresholdsAt(T0))]));
    expect(before.size).toBe(answers.length);
    // The upgrade's statement (and a bulk load's) gives every answer its tier again, under today's thresholds.
    await t.client.execute("update responses set tier = null");
    await t.client.execute(BACKFILL_TIERS_SQL);
    expect(await tiers()).toEqual(before);
    // A writer that does not set it (a bulk load, an import): the trigger does.
    const [id] = before.keys();
    await t.client.executeMultiple(`create temp table one as select * from responses where id = '${id}'; update one set tier = null; delete from responses where id = '${id}'; insert into responses select * from one; drop table one;`);
    expect(await tiers()).toEqual(before);
  });
});
