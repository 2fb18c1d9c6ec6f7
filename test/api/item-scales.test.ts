// Issue 21.5 through the API: a template asking two value types as scales from the item bank (the functional benefit
// and the time cost: the column's own question plus the bank's items), answered through the survey page the way its
// script saves them (one part, then the rest, some items skipped), a seeded data set. Checked against values computed
// here from the raw answers: each response's stored column (the mean of its answered items), the index intervals,
// net value and the ratio with their intervals (GET /api/v1/scores), and each scale's Cronbach's α
// (GET /api/v1/analytics/reliability).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTemplate } from "../../server/domain/default-template";
import { bankQuestion, ITEM_BANK } from "../../server/domain/item-bank";
import { tQuantile975 } from "../../server/domain/value-model";
import { announcedRandom } from "../seeded-random";
import { bearer, makeApp, postJson, tokenFromEmail, type TestApp } from "../helpers";

const RESPONSES = 48;
const FUNCTIONAL = ["benefit_functional", ...ITEM_BANK.benefit_functional.map((i) => i.key)];
const TIME = ["cost_time", ...ITEM_BANK.cost_time.map((i) => i.key)];
type Answers = Record<string, number>;

let t: TestApp;
const given: Answers[] = [];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
const round1 = (x: number) => Math.round(x * 10) / 10;
const clip = (x: number) => Math.max(1, Math.min(5, Math.round(x)));
/** A response's value on a scale: the mean of the items it answered. */
const scaleMean = (a: Answers, keys: string[]) => mean(keys.filter((k) => a[k] !== undefined).map((k) => a[k]));
/** The four answered columns of a response, as the API should have stored them. */
const columns = (a: Answers) => ({ functional: scaleMean(a, FUNCTIONAL), monetary: a.benefit_monetary, time: scaleMean(a, TIME), money: a.cost_money });

beforeAll(async () => {
  const rand = announcedRandom("item-scales", 215);
  t = await makeApp();
  const [tpl] = (await (await t.app.request("/api/v1/templates", { headers: bearer() })).json()).templates;
  const questions = [...defaultTemplate.content.questions, ...ITEM_BANK.benefit_functional.map(bankQuestion), ...ITEM_BANK.cost_time.map(bankQuestion)];
  const put = await t.app.request(`/api/v1/templates/${tpl.id}`, {
    method: "PUT",
    headers: { ...bearer(), "Content-Type": "application/json" },
    body: JSON.stringify({ name: tpl.name, content: { ...defaultTemplate.content, questions }, rules: { ...defaultTemplate.rules, delayHours: 0, throttleDays: 0 } }),
  });
  expect(put.status, await put.clone().text()).toBe(200);
  expect((await postJson(t.app, `/api/v1/templates/${tpl.id}/publish`, {})).status).toBe(200);

  for (let i = 0; i < RESPONSES; i++) {
    const email = `scale${i}@example.com`;
    const res = await postJson(t.app, "/api/v1/purchases", { id: `sc-${i}`, customer: { email }, amount: 100_000, currency: "VND", items: [], purchasedAt: new Date(t.clock.now()).toISOString(), fulfilledAt: new Date(t.clock.now()).toISOString() });
    expect(res.status).toBeLessThan(300);
    await postJson(t.app, "/api/v1/dispatch", {});
    const { emails } = await (await t.app.request("/api/v1/mailbox?limit=5", { headers: bearer() })).json();
    const token = tokenFromEmail(emails.find((m: { to: string }) => m.to === email).html);

    // One trait behind the functional items (a reliable scale), items of time cost mostly noise (an unreliable one).
    const quality = 1 + rand() * 4;
    const wait = 1 + rand() * 4;
    const a: Answers = { score: Math.max(0, Math.min(10, Math.round(2 * quality + (rand() - 0.5) * 4))), benefit_monetary: clip(quality + (rand() - 0.5) * 3), cost_money: clip(1 + rand() * 4) };
    FUNCTIONAL.forEach((k, j) => {
      // The column's own question is skipped by one customer in five, a bank item by one in ten (never all of them).
      if (rand() < (j === 0 ? 0.1 : 0.04) && j !== 1) return;
      a[k] = clip(quality + (rand() - 0.5) * 1.5);
    });
    TIME.forEach((k, j) => {
      if (j > 0 && rand() < 0.05) return;
      a[k] = clip(j === 0 ? wait : 1 + rand() * 4);
    });
    given.push(a);
    // As the page's script saves them: a first part, then the rest (the stored items and the new ones are averaged together).
    const keys = Object.keys(a);
    const cut = 1 + Math.floor(rand() * (keys.length - 1));
    for (const part of [keys.slice(0, cut), keys.slice(cut)]) {
      const answered = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(Object.fromEntries(part.map((k) => [k, a[k]]))) });
      expect(answered.status).toBeLessThan(300);
    }
    t.clock.advance(60_000);
  }
}, 120_000);
afterAll(() => t.close());

const get = async (path: string) => {
  const res = await t.app.request(path, { headers: bearer() });
  expect(res.status).toBe(200);
  return res.json();
};

describe("value types asked as scales", () => {
  it("stores each scale's column as the mean of the items answered, and each item apart", async () => {
    const { responses } = await get("/api/v1/responses?limit=100");
    expect(responses).toHaveLength(RESPONSES);
    const byScore = [...responses].sort((x: { answeredAt: number }, y: { answeredAt: number }) => x.answeredAt - y.answeredAt);
    byScore.forEach((r: { benefitFunctional: number; costTime: number; benefitMonetary: number }, i: number) => {
      expect(r.benefitFunctional).toBeCloseTo(columns(given[i]).functional, 12);
      expect(r.costTime).toBeCloseTo(columns(given[i]).time, 12);
      expect(r.benefitMonetary).toBe(given[i].benefit_monetary);
    });
    // The items themselves, as the export gives them (other_answers: what is not a column, and every item of a scale).
    const rows = (await get("/api/v1/exports/responses.json")) as { response_id: string; other_answers: string | null }[];
    byScore.forEach((r: { id: string }, i: number) => {
      const items = JSON.parse(rows.find((x) => x.response_id === r.id)!.other_answers ?? "{}") as Record<string, string>;
      const expected = Object.fromEntries([...FUNCTIONAL, ...TIME].filter((k) => given[i][k] !== undefined).map((k) => [k, String(given[i][k])]));
      expect(items).toEqual(expected);
    });
  });

  it("gives each index its t interval, and net value and the ratio with theirs (GET /api/v1/scores)", async () => {
    const scores = await get("/api/v1/scores");
    const cols = given.map(columns);
    const n = cols.length;
    const tq = tQuantile975(n - 1);
    const index = (m: number) => ((m - 1) / 4) * 100;
    for (const [side, key, of] of [["valueIndexes", "functional", "functional"], ["costIndexes", "time", "time"], ["valueIndexes", "monetary", "monetary"], ["costIndexes", "money", "money"]] as const) {
      const xs = cols.map((c) => c[of]);
      const half = tq * Math.sqrt(variance(xs) / n);
      expect(scores[side][key]).toEqual({ index: round1(index(mean(xs))), responses: n, lowSample: false, interval: { low: round1(Math.max(0, index(mean(xs) - half))), high: round1(Math.min(100, index(mean(xs) + half))) } });
    }
    // Every response gave all four columns: net value is the mean of each response's B − C, its interval the paired t interval.
    const b = cols.map((c) => (c.functional + c.monetary) / 2);
    const c = cols.map((c) => (c.time + c.money) / 2);
    const d = b.map((x, i) => x - c[i]);
    const half = tq * Math.sqrt(variance(d) / n);
    expect(scores.netValue.value).toBeCloseTo(mean(d) * 25, 0);
    expect(scores.netValue.responses).toBe(n);
    expect(scores.netValue.lowSample).toBe(false);
    expect(scores.netValue.interval.low).toBeCloseTo(25 * (mean(d) - half), 0);
    expect(scores.netValue.interval.high).toBeCloseTo(25 * (mean(d) + half), 0);
    const r = mean(b) / mean(c);
    const se = Math.sqrt(variance(b.map((x, i) => x - r * c[i])) / n) / mean(c);
    expect(scores.ratio).toBe(Math.round(r * 100) / 100);
    expect(scores.valueRatio.ratio).toBe(scores.ratio);
    expect(scores.valueRatio.interval.low).toBeCloseTo(r - tq * se, 2);
    expect(scores.valueRatio.interval.high).toBeCloseTo(r + tq * se, 2);
  });

  it("gives each scale's Cronbach's α over the answers giving every item, flagged under 0.7", async () => {
    const { scales, minN } = await get("/api/v1/analytics/reliability");
    expect(minN).toBe(30);
    const alpha = (keys: string[]) => {
      const rows = given.filter((a) => keys.every((k) => a[k] !== undefined)).map((a) => keys.map((k) => a[k]));
      const k = keys.length;
      const items = keys.map((_, i) => variance(rows.map((r) => r[i]))).reduce((x, y) => x + y, 0);
      return { n: rows.length, alpha: (k / (k - 1)) * (1 - items / variance(rows.map((r) => r.reduce((x, y) => x + y, 0)))) };
    };
    for (const keys of [FUNCTIONAL, TIME]) {
      const expected = alpha(keys);
      const scale = scales.find((s: { scale: string }) => s.scale === keys[0]);
      expect(new Set(scale.items)).toEqual(new Set(keys));
      expect(scale.responses).toBe(expected.n);
      expect(expected.n).toBeGreaterThanOrEqual(30);
      expect(scale.alpha).toBeCloseTo(expected.alpha, 6);
      expect(scale.flagged).toBe(expected.alpha < 0.7);
    }
    // The seeded functional items share one trait; the time items do not.
    expect(scales.find((s: { scale: string }) => s.scale === "benefit_functional").flagged).toBe(false);
    expect(scales.find((s: { scale: string }) => s.scale === "cost_time").flagged).toBe(true);
  });
});
