// Issue 22: customer value kept per customer as purchases arrive (12-month revenue per currency, frequency, recency,
// current tier), the tier job (thresholds, expiry, current tiers), revenue at risk from the kept values, the upgrade
// of an existing database, and no read of them scanning purchases or responses. Purchases and answers go through the
// real API and survey path on a seeded history; every figure is recomputed here from the raw purchases and answers.
import type { InStatement } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atRiskList, customerValueOverview, runValueJob, upgradeCustomerValues } from "../../server/services/customer-values";
import { defaultTemplate } from "../../server/domain/default-template";
import { factsOfHistory, tierAtPurchase, type Tier } from "../../server/domain/value-tiers";
import { runJobs } from "../../server/services/jobs";
import { scheduledJobs } from "../../server/services/scheduled-jobs";
import { announcedRandom } from "../seeded-random";
import { DAY, T0, bearer, makeApp, postJson, tokenFromEmail, type TestApp } from "../helpers";

type Purchase = { id: string; email: string; at: number; amount: number; currency: string };
type Answer = { email: string; score: number; updatedAt: number; answeredAt: number; channel: string };

/** Every purchase surveyed at once (no delay, no throttle), so each can be answered. */
async function surveyEveryPurchase(t: TestApp) {
  const [tpl] = (await (await t.app.request("/api/v1/templates", { headers: bearer() })).json()).templates;
  const put = await t.app.request(`/api/v1/templates/${tpl.id}`, {
    method: "PUT",
    headers: { ...bearer(), "Content-Type": "application/json" },
    body: JSON.stringify({ name: tpl.name, content: defaultTemplate.content, rules: { ...defaultTemplate.rules, delayHours: 0, throttleDays: 0 } }),
  });
  expect(put.status).toBe(200);
  expect((await postJson(t.app, `/api/v1/templates/${tpl.id}/publish`, {})).status).toBe(200);
}

/** Records a purchase at its time (the clock moved there) and returns its survey token. */
async function buy(t: TestApp, p: Purchase, channel = "web"): Promise<string> {
  t.clock.set(p.at + 60_000);
  const res = await postJson(t.app, "/api/v1/purchases", { id: p.id, customer: { email: p.email }, amount: p.amount, currency: p.currency, channel, items: [], purchasedAt: new Date(p.at).toISOString() });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  await postJson(t.app, "/api/v1/dispatch", {});
  const { emails } = await (await t.app.request("/api/v1/mailbox?limit=3", { headers: bearer() })).json();
  return tokenFromEmail(emails.find((m: { to: string }) => m.to === p.email).html);
}

async function answer(t: TestApp, token: string, score: number) {
  const res = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score }) });
  expect(res.status).toBeLessThan(300);
}

/** Per currency, the revenue of the customer ranked ceil(n / 5) among those with revenue in the 12 months before `now`. */
function thresholdsAt(purchases: Purchase[], now: number): Record<string, number> {
  const revenue = new Map<string, Map<string, number>>();
  for (const p of purchases.filter((q) => q.at >= now - 365 * DAY && q.at <= now)) {
    const m = revenue.get(p.currency) ?? revenue.set(p.currency, new Map()).get(p.currency)!;
    m.set(p.email, (m.get(p.email) ?? 0) + p.amount);
  }
  const out: Record<string, number> = {};
  for (const [currency, m] of revenue) {
    const sorted = [...m.values()].filter((v) => v > 0).sort((a, b) => b - a);
    if (sorted.length) out[currency] = sorted[Math.ceil(sorted.length / 5) - 1];
  }
  return out;
}

/** What the kept values should hold at `now`, from the raw purchases. */
function expectedValues(purchases: Purchase[], now: number) {
  const top = thresholdsAt(purchases, now);
  const byEmail = new Map<string, Purchase[]>();
  for (const p of purchases) byEmail.set(p.email, [...(byEmail.get(p.email) ?? []), p]);
  const out = new Map<string, { purchases: number; revenue: Record<string, number>; lastAt: number | null; tier: Tier | null }>();
  for (const [email, all] of byEmail) {
    const recent = all.filter((p) => p.at >= now - 365 * DAY && p.at <= now);
    const revenue: Record<string, number> = {};
    for (const p of recent) revenue[p.currency] = (revenue[p.currency] ?? 0) + p.amount;
    const latest = [...recent].sort((a, b) => b.at - a.at)[0];
    const facts = factsOfHistory(all.map((p) => ({ id: p.id, purchasedAt: p.at, amount: p.amount, currency: p.currency })));
    out.set(email, { purchases: recent.length, revenue, lastAt: latest?.at ?? null, tier: latest ? tierAtPurchase(facts.get(latest.id)!, { topRevenue: top }) : null });
  }
  return out;
}

/** Revenue at risk as the scan computed it: each customer's latest answer (the filter's), their 12 months' revenue per currency. */
function expectedRisk(purchases: Purchase[], answers: Answer[], now: number, keep: (a: Answer) => boolean = () => true) {
  const revenue = new Map<string, Record<string, number>>();
  for (const p of purchases.filter((q) => q.at >= now - 365 * DAY && q.at <= now)) {
    const r = revenue.get(p.email) ?? {};
    r[p.currency] = (r[p.currency] ?? 0) + p.amount;
    revenue.set(p.email, r);
  }
  const latest = new Map<string, Answer>();
  for (const a of answers) if (!latest.has(a.email) || latest.get(a.email)!.updatedAt <= a.updatedAt) latest.set(a.email, a);
  const chosen = [...latest.values()].filter(keep);
  const perCurrency: Record<string, { total: number; customers: number; revenueWeightedNps: number | null }> = {};
  for (const currency of new Set(purchases.map((p) => p.currency))) {
    let total = 0;
    let customers = 0;
    let signed = 0;
    let all = 0;
    for (const a of chosen) {
      const rev = revenue.get(a.email)?.[currency] ?? 0;
      if (rev <= 0) continue;
      const cls = a.score >= 9 ? 1 : a.score >= 7 ? 0 : -1;
      if (cls === -1) (total += rev), customers++;
      (signed += rev * cls), (all += rev);
    }
    perCurrency[currency] = { total, customers, revenueWeightedNps: all ? Math.round((signed / all) * 1000) / 10 : null };
  }
  const atRisk = chosen.filter((a) => a.score <= 6 && Object.values(revenue.get(a.email) ?? {}).some((v) => v > 0)).map((a) => a.email);
  return { perCurrency, atRisk, revenue };
}

describe("customer values kept as purchases and answers arrive (seeded history)", () => {
  let t: TestApp;
  const purchases: Purchase[] = [];
  const answers: Answer[] = [];
  const CHANNELS = ["web", "app"];

  beforeAll(async () => {
    const rand = announcedRandom("customer-values", 2211);
    t = await makeApp();
    await surveyEveryPurchase(t);
    // 30 customers over the last 500 days: 1–6 purchases 15–150 days apart, one in six in USD, a few free orders.
    for (let i = 0; i < 30; i++) {
      let at = T0 - Math.floor(500 - rand() * 300) * DAY;
      for (let k = 0, n = 1 + Math.floor(rand() * 6); k < n && at < T0 - DAY; k++) {
        const currency = rand() < 1 / 6 ? "USD" : "VND";
        const amount = rand() < 0.05 ? 0 : currency === "USD" ? 500 + Math.floor(rand() * 40) * 250 : (1 + Math.floor(rand() * 40)) * 50_000;
        purchases.push({ id: `cv-${i}-${k}`, email: `cv${i}@example.com`, at, amount, currency });
        at += (15 + Math.floor(rand() * 135)) * DAY;
      }
    }
    // One who bought only 14 months ago: no current tier, in no tier's count.
    purchases.push({ id: "cv-lapsed", email: "lapsed@example.com", at: T0 - 420 * DAY, amount: 300_000, currency: "VND" });
    purchases.sort((a, b) => a.at - b.at);
    for (const p of purchases) {
      const channel = CHANNELS[Math.floor(rand() * 2)];
      const token = await buy(t, p, channel);
      // Two in three purchases are answered, some twice (the later answer is the latest).
      if (rand() < 2 / 3) {
        t.clock.advance(3_600_000);
        if (rand() < 0.2) await runValueJob(t.deps, { force: true });
        const score = Math.floor(rand() * 11);
        await answer(t, token, score);
        answers.push({ email: p.email, score, updatedAt: t.clock.now(), answeredAt: t.clock.now(), channel });
        if (rand() < 0.2) {
          t.clock.advance(600_000);
          const again = Math.floor(rand() * 11);
          await answer(t, token, again);
          const a = answers[answers.length - 1];
          answers[answers.length - 1] = { ...a, score: again, updatedAt: t.clock.now() };
        }
      }
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

  it("holds each customer's 12-month revenue per currency, frequency, latest purchase and current tier, as the raw purchases give them", async () => {
    const expected = expectedValues(purchases, T0);
    const ids = new Map((await t.client.execute("select id, email from customers")).rows.map((r) => [String(r.id), String(r.email)]));
    const kept = (await t.client.execute("select customer_id, purchases_12m, last_at, tier from customer_values")).rows;
    const revenue = (await t.client.execute("select customer_id, currency, revenue_12m from customer_revenue")).rows;
    expect(kept).toHaveLength(expected.size);
    for (const r of kept) {
      const e = expected.get(ids.get(String(r.customer_id))!)!;
      expect({ purchases: r.purchases_12m, tier: r.tier }).toEqual({ purchases: e.purchases, tier: e.tier });
      if (e.purchases) expect(r.last_at).toBe(e.lastAt);
      const mine = Object.fromEntries(revenue.filter((x) => x.customer_id === r.customer_id).map((x) => [String(x.currency), Number(x.revenue_12m)]));
      expect(mine).toEqual(e.revenue);
    }
    // Customers per current tier and revenue per tier, as the overview shows them; lapsed customers in none.
    const o = await get("/api/v1/analytics/overview");
    for (const tier of ["top", "loyal", "new", "at_risk", "occasional"] as Tier[]) {
      const inTier = [...expected.values()].filter((e) => e.tier === tier);
      const byCurrency: Record<string, number> = {};
      for (const e of inTier) for (const [c, v] of Object.entries(e.revenue)) byCurrency[c] = (byCurrency[c] ?? 0) + v;
      expect(o.tiers.find((x: { tier: string }) => x.tier === tier)).toMatchObject({ customers: inTier.length, revenueByCurrency: byCurrency });
    }
    // The history reaches several tiers and some customers lapsed, so this means something.
    expect(new Set([...expected.values()].map((e) => e.tier)).size).toBeGreaterThanOrEqual(4);
    expect([...expected.values()].some((e) => e.tier === null)).toBe(true);
  });

  it("gives revenue at risk, its customers and revenue-weighted NPS per currency equal to the scan's, and pages the whole list", async () => {
    const risk = expectedRisk(purchases, answers, T0);
    const o = await get("/api/v1/analytics/overview");
    for (const c of o.currencies) expect(c, c.currency).toMatchObject(risk.perCurrency[c.currency]);
    expect(o.currencies.map((c: { currency: string }) => c.currency).sort()).toEqual(["USD", "VND"]);
    expect(o.revenueAtRisk.total).toBe(risk.perCurrency[o.currency].total);
    expect(o.revenueAtRisk.count).toBe(risk.atRisk.length);
    expect(risk.atRisk.length).toBeGreaterThan(3);
    const listed: { email: string; revenue12m: number; revenueByCurrency: Record<string, number> }[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page = await get(`/api/v1/analytics/at-risk?limit=3&offset=${offset}`);
      expect(page.count).toBe(risk.atRisk.length);
      listed.push(...page.customers);
      offset = page.next;
    }
    expect(listed.map((c) => c.email).sort()).toEqual([...risk.atRisk].sort());
    // Largest main-currency revenue first; customers with none in it after them.
    expect(listed.map((c) => c.revenue12m)).toEqual([...listed.map((c) => c.revenue12m)].sort((a, b) => b - a));
    for (const c of listed) expect(c.revenueByCurrency).toEqual(risk.revenue.get(c.email));
  });

  it("selects customers by their latest answer when filtered (channel, period)", async () => {
    const from = T0 - 120 * DAY;
    for (const [query, keep] of [
      ["channel=app", (a: Answer) => a.channel === "app"],
      [`from=${from}`, (a: Answer) => a.answeredAt >= from],
    ] as const) {
      const risk = expectedRisk(purchases, answers, T0, keep);
      const o = await get(`/api/v1/analytics/overview?${query}`);
      for (const c of o.currencies) expect(c, `${query} ${c.currency}`).toMatchObject(risk.perCurrency[c.currency]);
      const page = await get(`/api/v1/analytics/at-risk?${query}&limit=500`);
      expect(page.customers.map((c: { email: string }) => c.email).sort()).toEqual([...risk.atRisk].sort());
    }
  });

  it("reads them without scanning purchases or responses (EXPLAIN QUERY PLAN of every statement)", async () => {
    const statements: string[] = [];
    const client = t.db.$client;
    const execute = client.execute.bind(client);
    client.execute = ((stmt: InStatement) => (statements.push(typeof stmt === "string" ? stmt : stmt.sql), execute(stmt))) as typeof client.execute;
    try {
      await customerValueOverview({ db: t.db });
      await customerValueOverview({ db: t.db }, { channel: "app" });
      // Both parts of the list: customers with revenue in the main currency, then those with none in it.
      for (const offset of [0, 2, 1000]) await atRiskList({ db: t.db }, { offset, limit: 3 });
      await atRiskList({ db: t.db }, { offset: 0, limit: 3, filter: { from: T0 - 100 * DAY, tier: "new" } });
    } finally {
      client.execute = execute;
    }
    expect(statements.length).toBeGreaterThan(5);
    for (const sql of statements) {
      // Table names behind each alias of the statement.
      const tables = new Map<string, string>();
      for (const m of sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?(?!where|on|join|group|order|left|limit)(\w+))?/gi)) tables.set((m[2] ?? m[1]).toLowerCase(), m[1].toLowerCase()), tables.set(m[1].toLowerCase(), m[1].toLowerCase());
      const plan = (await t.client.execute({ sql: `explain query plan ${sql}`, args: [...(sql.match(/\?/g) ?? [])].map(() => "") })).rows.map((r) => String(r.detail));
      for (const step of plan) {
        const scanned = /^SCAN (\w+)/.exec(step)?.[1]?.toLowerCase();
        if (scanned) expect(["purchases", "responses"], `${step} in ${sql}`).not.toContain(tables.get(scanned) ?? scanned);
      }
    }
  });

  it("is back-filled by the upgrade of a database from before it, in batches with progress, to the same values and figures", async () => {
    const snapshot = async () => ({
      values: (await t.client.execute("select customer_id, purchases_12m, has_revenue, first_at, last_at, expires_at, last_currency, last_purchases, last_revenue, last_gap_ms, tier, latest_score, latest_class, latest_updated_at, latest_template_id, latest_channel, latest_locale from customer_values order by 1")).rows,
      revenue: (await t.client.execute("select * from customer_revenue order by 1, 2")).rows,
      totals: (await t.client.execute("select * from value_totals where customers != 0 or revenue != 0 or detractor_customers != 0 order by 1, 2")).rows,
      thresholds: (await t.client.execute("select currency, top_revenue, customers from tier_thresholds order by 1")).rows,
    });
    const figures = async () => {
      const o = await get("/api/v1/analytics/overview");
      return { currencies: o.currencies, tiers: o.tiers.map((x: { tier: string; customers: number; revenueByCurrency: unknown }) => [x.tier, x.customers, x.revenueByCurrency]), risk: o.revenueAtRisk, page: await get("/api/v1/analytics/at-risk?offset=2&limit=5") };
    };
    const before = await snapshot();
    const shown = await figures();
    // What migration 0017 leaves on a database that has purchases: empty kept values, the back-fill to do.
    await t.db.commit([`delete from customer_revenue`, `delete from customer_values`, `delete from value_totals`, `delete from tier_thresholds`, `update value_job set backfill = 'customers', cursor = ''`]);
    expect((await get("/api/v1/analytics/overview")).revenueAtRisk.count).toBe(0);
    const lines: { msg: string; data?: Record<string, unknown> }[] = [];
    const log = { info: (msg: string, data?: Record<string, unknown>) => lines.push({ msg, data }), error: (msg: string, data?: Record<string, unknown>) => lines.push({ msg, data }) };
    expect(await upgradeCustomerValues({ db: t.db, clock: t.clock, log }, { customerBatch: 7 })).toBeNull();
    expect(await snapshot()).toEqual(before);
    expect(await figures()).toEqual(shown);
    // Progress per batch: 31 customers in batches of 7, then the answers and the answers' tiers.
    const customerSteps = lines.filter((l) => l.data?.step === "customers").map((l) => [l.data!.done, l.data!.of]);
    expect(customerSteps).toEqual([7, 14, 21, 28, 31].map((done) => [done, 31]));
    expect(lines.filter((l) => l.data?.step === "answers").length).toBeGreaterThan(0);
    expect(lines.at(-1)?.data?.step).toBe("done");
    // Done: a second start does nothing.
    expect(await upgradeCustomerValues({ db: t.db, clock: t.clock, log })).toBeNull();
  });
});

describe("the tier job", () => {
  it("moves the thresholds and the current tiers; an answer keeps the tier it was given", async () => {
    const t = await makeApp();
    try {
      await surveyEveryPurchase(t);
      const at = T0 - 60 * DAY;
      // Six customers, each with two purchases ten days apart: 1.0M … 0.5M VND in total.
      const ps: Purchase[] = [];
      for (let i = 0; i < 6; i++) for (const k of [0, 1]) ps.push({ id: `tj-${i}-${k}`, email: `tj${i}@example.com`, at: at + (k * 10 + i) * DAY / 10, amount: (10 - i) * 50_000, currency: "VND" });
      ps.sort((a, b) => a.at - b.at);
      const tokens = new Map<string, string>();
      for (const p of ps) tokens.set(p.id, await buy(t, p));
      // No threshold before the first run: nobody is a top spender.
      const tiers = async () => Object.fromEntries((await t.client.execute("select c.email, v.tier from customer_values v join customers c on c.id = v.customer_id")).rows.map((r) => [String(r.email), r.tier]));
      expect(Object.values(await tiers())).toEqual(Array(6).fill("occasional"));
      t.clock.set(at + 20 * DAY);
      // The first run as both runtimes make it: the scheduled jobs (Node's timer, the Worker's Cron Trigger), logged.
      const logged: { msg: string; data?: Record<string, unknown> }[] = [];
      const jobs = scheduledJobs({ ...t.deps, log: { info: (msg, data) => logged.push({ msg, data }), error: (msg, data) => logged.push({ msg, data }) } }).filter((j) => j.name === "value tiers");
      expect(await runJobs({ log: { info: (msg, data) => logged.push({ msg, data }), error: (msg, data) => logged.push({ msg, data }) } }, jobs)).toEqual([]);
      expect(logged.find((l) => l.msg === "value tiers")?.data).toMatchObject({ thresholds: [{ currency: "VND", topRevenue: 900_000, customers: 6 }] });
      // ceil(6 / 5) = 2: the two largest (1.0M, 0.9M) are top spenders.
      expect(await tiers()).toMatchObject({ "tj0@example.com": "top", "tj1@example.com": "top", "tj2@example.com": "occasional" });
      await answer(t, tokens.get("tj-1-1")!, 3);
      // Within the hour the job does nothing; then two bigger spenders arrive and it moves the threshold to 1.0M.
      t.clock.set(at + 20 * DAY + 30 * 60_000);
      expect(await runValueJob(t.deps)).toBeNull();
      for (const i of [6, 7]) for (const k of [0, 1]) await buy(t, { id: `tj-${i}-${k}`, email: `tj${i}@example.com`, at: at + (21 + k) * DAY, amount: 1_000_000, currency: "VND" });
      t.clock.set(at + 23 * DAY);
      expect(await runValueJob(t.deps)).toMatchObject({ thresholds: [{ currency: "VND", topRevenue: 2_000_000, customers: 8 }] });
      expect(await tiers()).toMatchObject({ "tj0@example.com": "occasional", "tj1@example.com": "occasional", "tj6@example.com": "top", "tj7@example.com": "top" });
      const o = await (await t.app.request("/api/v1/analytics/overview", { headers: bearer() })).json();
      expect(o.tiers.find((x: { tier: string }) => x.tier === "top")).toMatchObject({ customers: 2, revenueByCurrency: { VND: 4_000_000 } });
      // The answer given while tj1 was a top spender stays in "top".
      expect((await t.client.execute("select tier from responses")).rows.map((r) => r.tier)).toEqual(["top"]);
      // A year after their last purchase, customers have no current tier and count in none.
      t.clock.set(at + 23 * DAY + 366 * DAY);
      expect(await runValueJob(t.deps)).toMatchObject({ expired: 8 });
      const later = await (await t.app.request("/api/v1/analytics/overview", { headers: bearer() })).json();
      expect(later.tiers.reduce((s: number, x: { customers: number }) => s + x.customers, 0)).toBe(0);
      expect(later.currencies).toEqual([]);
      expect((await t.client.execute("select count(*) n from customer_revenue")).rows[0].n).toBe(0);
    } finally {
      t.close();
    }
  });
});
