// Issue 22: the Analytics page and Live's tier filter read sums kept as answers arrive, not the responses.
// A seeded data set answered through the real survey path (some answers changed later, values left blank, a
// two-item scale, expectations, touchpoints, comments): every figure the reads give from the rollups is checked
// against the same figure computed here from the raw answers; the statements those reads run are checked with
// EXPLAIN QUERY PLAN (no SCAN of responses or purchases); and a database from before the rollups is upgraded in
// place with the same numbers after as before.
//
// Tolerance: counts, n and every sum of whole answers are compared exactly. Figures computed from sums of
// non-integer values (a scale's column holds the mean of its items, so the drivers' and indexes' sums are sums of
// means, added in another order by the rollups than here) are compared to 1e-9 (toBeCloseTo(x, 9)).
import type { InStatement } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTemplate } from "../../server/domain/default-template";
import { keyDrivers } from "../../server/domain/key-drivers";
import { npsFromCounts, type NpsCounts } from "../../server/domain/nps";
import { cronbachAlpha, itemSums } from "../../server/domain/scale-reliability";
import { COST_KINDS, VALUE_TYPES } from "../../server/domain/template-content";
import { monthStart } from "../../server/domain/time-zone";
import { summarizeScores, type ScoreTotals } from "../../server/domain/value-model";
import { npsDifference } from "../../server/domain/value-analytics";
import { VALUE_ANSWER_KEYS } from "../../server/domain/vocabulary";
import { buildAnswerRollups } from "../../server/services/rollup-writes";
import { bootstrap } from "../../server/services/bootstrap";
import { announcedRandom } from "../seeded-random";
import { DAY, T0, bearer, makeApp, postJson, tokenFromEmail, type TestApp } from "../helpers";

type Raw = {
  id: string;
  answeredAt: number;
  templateId: string;
  channel: string | null;
  locale: string;
  tier: string | null;
  score: number | null;
  csat: number | null;
  values: Record<string, number | null>;
  extra: Record<string, string>;
  comment: string | null;
};

let t: TestApp;
let templateId: string;
const rand = announcedRandom("analytics-sums", 2222);
const CUSTOMERS = 45;
const CHANNELS = ["web", "app", null];

/** Every response as stored: the raw answers every figure is recomputed from. */
async function rawAnswers(): Promise<Raw[]> {
  const rs = await t.client.execute(`select id, answered_at, template_id, channel, locale, tier, score, csat, extra, comment, ${VALUE_ANSWER_KEYS.join(", ")} from responses`);
  return rs.rows.map((r) => ({
    id: String(r.id),
    answeredAt: Number(r.answered_at),
    templateId: String(r.template_id),
    channel: r.channel === null ? null : String(r.channel),
    locale: String(r.locale),
    tier: r.tier === null ? null : String(r.tier),
    score: r.score === null ? null : Number(r.score),
    csat: r.csat === null ? null : Number(r.csat),
    values: Object.fromEntries(VALUE_ANSWER_KEYS.map((k) => [k, r[k] === null ? null : Number(r[k])])),
    extra: JSON.parse(String(r.extra ?? "{}")),
    comment: r.comment === null ? null : String(r.comment),
  }));
}

beforeAll(async () => {
  t = await makeApp();
  const [tpl] = (await (await t.app.request("/api/v1/templates", { headers: bearer() })).json()).templates;
  templateId = tpl.id;
  const q = { en: "Q", vi: "Q" };
  const put = await t.app.request(`/api/v1/templates/${tpl.id}`, {
    method: "PUT",
    headers: { ...bearer(), "Content-Type": "application/json" },
    body: JSON.stringify({
      name: tpl.name,
      content: {
        ...defaultTemplate.content,
        questions: [
          ...defaultTemplate.content.questions,
          { type: "benefit", key: "quality_2", valueType: "functional", required: false, text: q },
          { type: "expectation", key: "exp_monetary", valueType: "monetary", required: false, text: q },
          { type: "touchpoint", key: "tp_delivery", touchpoint: "delivery_use", required: false, text: q },
        ],
      },
      rules: { ...defaultTemplate.rules, delayHours: 0, throttleDays: 0 },
    }),
  });
  expect(put.status).toBe(200);
  expect((await postJson(t.app, `/api/v1/templates/${tpl.id}/publish`, {})).status).toBe(200);
  // Purchases over ~200 days, 1–5 per customer, at any hour (answers fall on every side of midnight and month ends).
  const purchases: { id: string; email: string; at: number; channel: string | null; locale: string }[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    let at = T0 - Math.floor(200 + rand() * 30) * DAY + Math.floor(rand() * 24) * 3_600_000;
    const channel = CHANNELS[Math.floor(rand() * CHANNELS.length)];
    const locale = rand() < 0.5 ? "vi-VN" : "en-US";
    for (let k = 0; k < 1 + Math.floor(rand() * 5) && at < T0 - DAY; k++) {
      purchases.push({ id: `sum-${i}-${k}`, email: `sum${i}@example.com`, at, channel, locale });
      at += [9, 33, 100][Math.floor(rand() * 3)] * DAY + Math.floor(rand() * 20) * 3_600_000;
    }
  }
  purchases.sort((a, b) => a.at - b.at);
  const used = new Set<string>();
  const comments = ["Giao hàng chậm quá", "giao hang cham, dat", "Chất lượng tốt", "Great quality but slow delivery", "Đẹp nhưng giao chậm", "Too expensive"];
  const later: { token: string; at: number }[] = [];
  for (const p of purchases) {
    t.clock.set(p.at);
    const body = { id: p.id, customer: { email: p.email, name: p.email, locale: p.locale }, amount: 100_000, currency: "VND", items: [], purchasedAt: new Date(p.at).toISOString(), fulfilledAt: new Date(p.at).toISOString(), ...(p.channel ? { channel: p.channel } : {}) };
    expect((await postJson(t.app, "/api/v1/purchases", body)).status).toBeLessThan(300);
    await postJson(t.app, "/api/v1/dispatch", {});
    const { emails } = await (await t.app.request("/api/v1/mailbox?limit=5", { headers: bearer() })).json();
    const mail = emails.find((m: { to: string; html: string }) => m.to === p.email && !used.has(tokenFromEmail(m.html)));
    const token = tokenFromEmail(mail.html);
    used.add(token);
    if (rand() < 0.1) continue; // not answered
    t.clock.advance(Math.floor(rand() * 30) * 3_600_000);
    const likert = () => (rand() < 0.2 ? undefined : 1 + Math.floor(rand() * 5));
    const f = 1 + Math.floor(rand() * 5);
    const answer: Record<string, unknown> = {
      score: rand() < 0.08 ? undefined : Math.max(0, Math.min(10, Math.round(1.6 * f + (rand() - 0.5) * 5))),
      csat: likert(),
      benefit_functional: f,
      quality_2: rand() < 0.15 ? undefined : Math.max(1, Math.min(5, f + Math.floor(rand() * 3) - 1)),
      benefit_monetary: likert(),
      benefit_social: likert(),
      cost_money: likert(),
      cost_time: likert(),
      exp_monetary: rand() < 0.4 ? undefined : ["worse", "as_expected", "better"][Math.floor(rand() * 3)],
      tp_delivery: likert(),
      comment: rand() < 0.5 ? comments[Math.floor(rand() * comments.length)] : undefined,
    };
    const res = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(answer) });
    expect(res.status).toBe(201);
    if (rand() < 0.2) later.push({ token, at: t.clock.now() + 3_600_000 });
  }
  // Some customers come back and change their answer (score, comment, a blank filled in): rollups move with it.
  for (const l of later) {
    t.clock.set(l.at);
    const res = await t.app.request(`/s/${l.token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: Math.floor(rand() * 11), cost_effort: 1 + Math.floor(rand() * 5), comment: comments[Math.floor(rand() * comments.length)] }) });
    expect(res.status).toBeLessThan(300);
  }
  t.clock.set(T0);
}, 180_000);
afterAll(() => t.close());

const get = async (path: string) => {
  const res = await t.app.request(path, { headers: bearer() });
  expect(res.status, path).toBe(200);
  return res.json();
};
const query = (f: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
  return q ? `?${q}` : "";
};

type Filter = { from?: number; to?: number; tier?: string; channel?: string; locale?: string; templateId?: string };
const FILTERS: [string, Filter][] = [
  ["everything", {}],
  ["a range starting and ending inside days, across months", { from: T0 - 150 * DAY + 5_000_000, to: T0 - 20 * DAY - 7_000_000 }],
  ["one tier", { tier: "new" }],
  ["a channel", { channel: "web" }],
  ["no channel, one locale", { channel: "-", locale: "vi" }],
  ["a tier in a range", { tier: "occasional", from: T0 - 120 * DAY }],
];

function selected(rows: Raw[], f: Filter) {
  return rows.filter(
    (r) =>
      (f.from === undefined || r.answeredAt >= f.from) &&
      (f.to === undefined || r.answeredAt < f.to) &&
      (f.tier === undefined || r.tier === f.tier) &&
      (f.channel === undefined || (r.channel ?? "-") === f.channel) &&
      (f.locale === undefined || r.locale === f.locale) &&
      (f.templateId === undefined || r.templateId === f.templateId),
  );
}

function npsCounts(rows: Raw[]): NpsCounts {
  const s = rows.map((r) => r.score).filter((x): x is number => x !== null);
  return { promoters: s.filter((x) => x >= 9).length, passives: s.filter((x) => x === 7 || x === 8).length, detractors: s.filter((x) => x <= 6).length };
}

/** A scale item's answer: the 1–5 answer kept in extra (items of a scale), else the column. */
function item(r: Raw, key: string): number | null {
  const v = r.extra[key];
  if (v !== undefined && /^[1-5]$/.test(v)) return Number(v);
  return key in r.values ? r.values[key] : null;
}

const month = (at: number) => new Date(monthStart(at, t.db.utcOffsetMs) + t.db.utcOffsetMs).toISOString().slice(0, 7);

describe("Analytics figures from sums equal the same figures from the raw answers (seeded)", () => {
  it("has data that exercises every figure", async () => {
    const rows = await rawAnswers();
    expect(rows.length).toBeGreaterThan(60);
    expect(new Set(rows.map((r) => r.tier)).size).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.score === null)).toBe(true);
    expect(rows.some((r) => r.extra.quality_2 !== undefined)).toBe(true);
  });

  for (const [name, f] of FILTERS)
    it(`for ${name}`, async () => {
      const rows = selected(await rawAnswers(), f);
      const q = query(f);
      // NPS overall and per tier at answer time.
      const o = await get(`/api/v1/analytics/overview${q}`);
      expect(o.nps).toMatchObject({ ...npsFromCounts(npsCounts(rows)) });
      for (const tier of o.tiers) expect(tier.nps, tier.tier).toMatchObject(npsFromCounts(npsCounts(rows.filter((r) => r.tier === tier.tier))));
      // Segments against the rest, every dimension.
      for (const dimension of ["tier", "channel", "locale", "template"] as const) {
        const s = await get(`/api/v1/analytics/segments${query({ ...f, dimension })}`);
        const key = (r: Raw) => (dimension === "tier" ? (r.tier ?? "(none)") : dimension === "channel" ? (r.channel ?? "(none)") : dimension === "locale" ? r.locale : r.templateId);
        const keys = [...new Set(rows.map(key))].sort();
        expect(s.segments.map((x: { segment: string }) => x.segment).sort(), dimension).toEqual(keys);
        const all = npsCounts(rows);
        for (const seg of s.segments) {
          const a = npsCounts(rows.filter((r) => key(r) === seg.segment));
          const rest = { promoters: all.promoters - a.promoters, passives: all.passives - a.passives, detractors: all.detractors - a.detractors };
          expect(seg.nps).toMatchObject(npsFromCounts(a));
          expect(seg.rest).toMatchObject(npsFromCounts(rest));
          const d = npsDifference(a, rest);
          if (d === null) expect(seg.difference).toBeNull();
          else expect(seg.difference).toMatchObject({ difference: d.difference, z: d.z, pValue: d.pValue });
        }
      }
      // Key drivers: the same estimate as from the raw rows (pairwise, Shapley, bootstrap seeded by the data's size).
      const drivers = await get(`/api/v1/analytics/drivers${q}`);
      const expected = keyDrivers(
        rows.filter((r) => r.score !== null).map((r) => ({ score: r.score!, answers: r.values })),
        [...VALUE_ANSWER_KEYS],
      );
      expect(drivers.n).toBe(expected.n);
      expect(drivers.dropped).toEqual(expected.dropped);
      if (expected.drivers === null) expect(drivers.drivers).toBeNull();
      else {
        expect(drivers.r2).toBeCloseTo(expected.r2, 9);
        expect(drivers.drivers.map((d: { key: string }) => d.key)).toEqual(expected.drivers.map((d) => d.key));
        for (const [i, d] of expected.drivers.entries())
          for (const k of ["weight", "low", "high", "share", "beta", "r"] as const) expect(drivers.drivers[i][k], `${d.key}.${k}`).toBeCloseTo(d[k], 9);
      }
      // Scale reliability: α over the answers giving both functional items.
      const rel = await get(`/api/v1/analytics/reliability${q}`);
      expect(rel.scales.map((s: { scale: string }) => s.scale)).toEqual(["benefit_functional"]);
      const items = rel.scales[0].items as string[];
      expect(items).toEqual(["benefit_functional", "quality_2"]);
      const sums = itemSums(rows.map((r) => items.map((k) => item(r, k))), items.length);
      expect(rel.scales[0].responses).toBe(sums.n);
      const alpha = sums.n >= t.deps.config.minSample ? cronbachAlpha(sums) : null;
      if (alpha === null) expect(rel.scales[0].alpha).toBeNull();
      else expect(rel.scales[0].alpha).toBeCloseTo(alpha, 9);
      // Expectations and touchpoints, overall and per month in TIMEZONE.
      const e = await get(`/api/v1/analytics/expectations${q}`);
      const exp = rows.filter((r) => r.extra.exp_monetary);
      const share = (xs: Raw[], v: string) => (xs.length ? Math.round((xs.filter((r) => r.extra.exp_monetary === v).length / xs.length) * 1000) / 10 : 0);
      const months = (xs: Raw[]) => [...new Set(xs.map((r) => month(r.answeredAt)))].sort();
      const shares = (xs: Raw[]) => ({ n: xs.length, worse: share(xs, "worse"), as_expected: share(xs, "as_expected"), better: share(xs, "better") });
      expect(e.expectations).toEqual([{ valueType: "monetary", ...shares(exp), trend: months(exp).map((m) => ({ month: m, ...shares(exp.filter((r) => month(r.answeredAt) === m)) })) }]);
      const tp = rows.filter((r) => /^[1-5]$/.test(r.extra.tp_delivery ?? ""));
      const mean = (xs: Raw[]) => (xs.length ? Math.round((xs.reduce((a, r) => a + Number(r.extra.tp_delivery), 0) / xs.length) * 100) / 100 : null);
      expect(e.touchpoints).toEqual([{ touchpoint: "delivery_use", n: tp.length, mean: mean(tp), trend: months(tp).map((m) => ({ month: m, n: tp.filter((r) => month(r.answeredAt) === m).length, mean: mean(tp.filter((r) => month(r.answeredAt) === m)) })) }]);
      // Live's scores with this filter (a tier filter reads the answer rollups): counts and sums of the answers.
      const { templateId: _t, ...live } = f;
      const scores = await get(`/api/v1/scores${query(live)}`);
      expect(scores.csat).toMatchObject({ responses: rows.filter((r) => r.csat !== null).length });
      expect(scores.nps).toMatchObject(npsFromCounts(npsCounts(rows)));
      const likert = (key: string) => {
        const vs = rows.map((r) => r.values[key]).filter((x): x is number => x !== null);
        return { sum: vs.reduce((x, y) => x + y, 0), count: vs.length };
      };
      const raw = summarizeScores({
        nps: npsCounts(rows),
        csat: { satisfied: rows.filter((r) => (r.csat ?? 0) >= 4).length, responses: rows.filter((r) => r.csat !== null).length },
        benefits: Object.fromEntries(VALUE_TYPES.map((v) => [v, likert(`benefit_${v}`)])) as ScoreTotals["benefits"],
        costs: Object.fromEntries(COST_KINDS.map((k) => [k, likert(`cost_${k}`)])) as ScoreTotals["costs"],
      });
      for (const v of VALUE_TYPES) raw.value[v] === null ? expect(scores.value[v]).toBeNull() : expect(scores.value[v], v).toBeCloseTo(raw.value[v]!, 9);
      for (const k of COST_KINDS) raw.costs[k] === null ? expect(scores.costs[k]).toBeNull() : expect(scores.costs[k], k).toBeCloseTo(raw.costs[k]!, 9);
    });

  it("compares periods from sums as from the answers", async () => {
    const rows = await rawAnswers();
    const from = T0 - 60 * DAY + 1234;
    const to = T0 - 3_600_000;
    const c = await get(`/api/v1/analytics/compare${query({ from, to })}`);
    const a = npsCounts(selected(rows, { from, to }));
    const b = npsCounts(selected(rows, { from: from - (to - from), to: from }));
    expect(c.current).toMatchObject(npsFromCounts(a));
    expect(c.previous).toMatchObject(npsFromCounts(b));
    const d = npsDifference(a, b);
    expect(c.difference === null ? null : { difference: c.difference.difference, z: c.difference.z }).toEqual(d === null ? null : { difference: d.difference, z: d.z });
  });
});

/** The Analytics page's and Live's reads, each with and without filters. Not `/themes`: it still reads the comments (docs/ANALYTICS.md, "Speed"). */
function readPaths(): string[] {
  const from = T0 - 100 * DAY + 999;
  const to = T0 - 2 * DAY - 999;
  const filters: Filter[] = [{}, { tier: "new" }, { channel: "web", from, to }, { tier: "loyal", locale: "vi", from }, { templateId, to }];
  return filters.flatMap((f) => {
    const q = query(f);
    const { templateId: template, ...rest } = f;
    const live = query({ ...rest, template });
    return [
      `/api/v1/analytics/overview${q}`,
      `/api/v1/analytics/at-risk${q}`,
      `/api/v1/analytics/drivers${q}`,
      `/api/v1/analytics/reliability${q}`,
      `/api/v1/analytics/expectations${q}`,
      ...["tier", "channel", "locale", "template"].map((d) => `/api/v1/analytics/segments${query({ ...f, dimension: d })}`),
      `/api/v1/analytics/compare${query({ ...f, from, to })}`,
      `/api/v1/scores${live}`,
      ...["day", "week", "month"].map((b) => `/api/v1/scores/trend${query({ ...rest, template, bucket: b })}`),
      ...["channel", "locale", "template", "category"].map((by) => `/api/v1/scores/breakdown${query({ ...rest, template, by })}`),
      `/api/v1/scores/compare${query({ ...rest, template, from, to })}`,
      `/api/v1/scores/compare${query({ ...rest, template, by: "channel", a: "web", b: "app" })}`,
    ];
  });
}

describe("No dashboard or Analytics read scans responses or purchases", () => {
  it("EXPLAIN QUERY PLAN of every statement they run has no SCAN of either table", async () => {
    // Every statement the reads send to the database, captured by wrapping the client.
    const seen: { sql: string; args: unknown[] }[] = [];
    const client = t.client as unknown as { execute: (s: InStatement | string, a?: unknown[]) => Promise<unknown> };
    const execute = client.execute.bind(client);
    client.execute = (stmt, args) => {
      const s = typeof stmt === "string" ? { sql: stmt, args: args ?? [] } : { sql: stmt.sql, args: (stmt.args as unknown[]) ?? [] };
      seen.push(s);
      return execute(stmt, args);
    };
    try {
      for (const path of readPaths()) await get(path);
    } finally {
      client.execute = execute;
    }
    const reads = seen.filter((s) => /^\s*(select|with)\b/i.test(s.sql));
    expect(reads.length).toBeGreaterThan(50);
    const scans: string[] = [];
    for (const s of reads) {
      // The names a statement gives those tables: SQLite's plan shows a table by its alias.
      const names = new Set(["responses", "purchases"]);
      for (const m of s.sql.matchAll(/"?(responses|purchases)"?\s+(?:as\s+)?"?([a-z_]\w*)"?/gi)) if (!/^(where|on|using|join|left|inner|group|order|limit|set|union)$/i.test(m[2])) names.add(m[2]);
      const plan = await t.client.execute({ sql: `explain query plan ${s.sql}`, args: s.args as never });
      for (const row of plan.rows) {
        const detail = String(row.detail);
        const m = /^SCAN (\S+)/.exec(detail);
        if (m && names.has(m[1].replace(/"/g, ""))) scans.push(`${detail} ← ${s.sql.slice(0, 160)}`);
      }
    }
    expect(scans).toEqual([]);
  });
});

describe("A database from before the answer rollups", () => {
  it("is upgraded in place at start, with progress in the log and the same numbers after as before", async () => {
    const paths = readPaths();
    const before = await Promise.all(paths.map(get));
    // As a database from before migration 0018 has them: the tables empty, nothing built.
    await t.client.batch(["delete from answer_rollups", "delete from answer_key_rollups", "delete from comment_aspects", "delete from answer_rollup_state"], "write");
    const lines: { msg: string; data?: Record<string, unknown> }[] = [];
    const log = { info: (msg: string, data?: Record<string, unknown>) => lines.push({ msg, data }), error: (msg: string, data?: Record<string, unknown>) => lines.push({ msg, data }) };
    await bootstrap({ ...t.deps, log });
    expect(lines.map((l) => l.msg)).toContain("answer rollups: built");
    expect(await Promise.all(paths.map(get))).toEqual(before);
    // A large one is summed in batches, each logged with how far it got.
    lines.length = 0;
    await buildAnswerRollups({ db: t.db, log }, { batch: 25 });
    const progress = lines.filter((l) => l.msg === "answer rollups: building").map((l) => l.data!.responses as number);
    const total = (await rawAnswers()).length;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(total);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await Promise.all(paths.map(get))).toEqual(before);
  });
});
