// Value analytics over stored answers and purchases: tiers, revenue at risk, drivers, expectations, touchpoints, themes.
import { and, count, desc, gte, isNotNull, lte, max, min, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { customers, purchases, responses, templateVersions, templates, themeLexicon } from "../../db/schema";
import { localeOf } from "../domain/comment-aspects";
import { commentThemes, DEFAULT_LEXICON, lexiconKey, type Lexicon, type LexiconTarget } from "../domain/comment-themes";
import { keyDrivers } from "../domain/key-drivers";
import { ALPHA_FLOOR, cronbachAlpha, itemSums } from "../domain/scale-reliability";
import { npsFromCounts, classifyNps, holmAdjust, type NpsCounts } from "../domain/nps";
import { COST_KINDS, templateContentSchema, TOUCHPOINTS, VALUE_TYPES, type Question } from "../domain/template-content";
import { expectationShares, npsDifference, revenueAtRisk, revenueWeightedNps } from "../domain/value-analytics";
import { tierAtPurchaseSql, TIER_WINDOW_DAYS, TIERS, tiersStillServe, type Tier } from "../domain/value-tiers";
import { monthStart } from "../domain/time-zone";
import { ANSWER_COLUMNS } from "./answer-columns";
import { whereOf } from "./response-feed";
import { driversFromSums, expectationsFromSums, periodFromSums, reliabilityFromSums, segmentCounts } from "./answer-analytics";
import { DAY_MS } from "../domain/time";
import type { SegmentDimension } from "../domain/vocabulary";

export type AnalyticsFilter = { from?: number; to?: number; templateId?: string; channel?: string; category?: string; locale?: string; tier?: Tier };

/** A customer's value now: the tier of their latest purchase in the last 12 months, and that year's revenue per currency. */
type CustomerValue = { tier: Tier; revenue: Record<string, number> };

/**
 * Each customer who bought in the last 12 months, recomputed when purchases have changed since the last
 * computation (a cheap count/max check; see tiersStillServe). Revenue is kept per currency (amounts in
 * different currencies are never added); `currencies` lists them, the most used (most purchases) first.
 */
const valueCache = new WeakMap<Db, { marker: string; at: number; computedAt: number; computeMs: number; byCustomer: Map<string, CustomerValue>; currencies: string[] }>();

export async function customerValues(db: Db, now: number) {
  const [m] = await db.select({ n: sql<number>`count(*)`, last: sql<number>`coalesce(max(${purchases.createdAt}), 0)` }).from(purchases);
  const marker = `${m.n}:${m.last}`;
  const cached = valueCache.get(db);
  if (cached && tiersStillServe({ changed: cached.marker !== marker, ageMs: now - cached.at, sinceComputedMs: performance.now() - cached.computedAt, computeMs: cached.computeMs })) return cached;
  const started = performance.now();
  const since = now - TIER_WINDOW_DAYS * DAY_MS;
  // Revenue per customer and currency (read as plain values: hundreds of thousands of rows in a large shop).
  const revenueRows = await db.$client.execute({
    sql: `select customer_id, currency, sum(amount), count(*) from purchases where purchased_at >= ? and purchased_at <= ? group by 1, 2`,
    args: [since, now],
  });
  // The tier of each customer's latest purchase in the window (SQLite returns the id of the max() row).
  const tierRows = await db.$client.execute({
    sql: `select l.customer_id, ${tierAtPurchaseSql("l.id")} from (select customer_id, id, max(purchased_at) from purchases where purchased_at >= ? and purchased_at <= ? group by customer_id) l`,
    args: [since, now],
  });
  const byCustomer = new Map<string, CustomerValue>();
  for (const v of tierRows.rows) byCustomer.set(String(v[0]), { tier: v[1] as Tier, revenue: {} });
  const purchasesPerCurrency = new Map<string, number>();
  for (const v of revenueRows.rows) {
    const currency = String(v[1]);
    const c = byCustomer.get(String(v[0]));
    if (c) c.revenue[currency] = Number(v[2]);
    purchasesPerCurrency.set(currency, (purchasesPerCurrency.get(currency) ?? 0) + Number(v[3]));
  }
  const currencies = [...purchasesPerCurrency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
  const value = { marker, at: now, computedAt: performance.now(), computeMs: performance.now() - started, byCustomer, currencies };
  valueCache.set(db, value);
  return value;
}

type Values = Awaited<ReturnType<typeof customerValues>>;

/** An erased customer leaves the cached tiers at once (the next recomputation would drop them anyway). */
export function forgetCustomerValue(db: Db, customerId: string): void {
  valueCache.get(db)?.byCustomer.delete(customerId);
}

/**
 * The responses a filter selects, with only the columns a reader needs and only the rows it can use (`only`):
 * every answer of a large database is read, so whole rows would cost seconds and hundreds of MB per read.
 * `tier` is the tier at answer time (responses.tier).
 */
// `_now` is kept for the callers: a filter by tier used to need the tiers of that moment.
async function filteredResponses<F extends Record<string, SQLiteColumn>>(db: Db, filter: AnalyticsFilter, _now: number, fields: F, only?: SQL) {
  const { templateId, ...segments } = filter;
  const rows = await db
    .select({ customerId: responses.customerId, tier: responses.tier, ...fields })
    .from(responses)
    .where(and(whereOf({ ...segments, template: templateId }), only));
  return { rows };
}

const answered = isNotNull(responses.score);

/** Items by key, in one pass (a filter per key would read every row once per key). */
function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function countsOf(rows: { score: number | null }[]): NpsCounts {
  const c = { promoters: 0, passives: 0, detractors: 0 };
  for (const r of rows) if (r.score !== null) c[`${classifyNps(r.score)}s` as keyof NpsCounts]++;
  return c;
}

/** How many at-risk customers the overview lists; GET /analytics/at-risk pages through the rest. */
export const AT_RISK_LISTED = 100;

type Answered = { customerId: string; score: number | null; updatedAt: number };

/** Each customer's latest answer in the filter, with their revenue per currency: what revenue at risk and weighted NPS read. */
function latestAnswers(rows: Answered[], values: Values) {
  const latest = new Map<string, Answered>();
  for (const r of rows) if (r.score !== null && (!latest.has(r.customerId) || latest.get(r.customerId)!.updatedAt < r.updatedAt)) latest.set(r.customerId, r);
  return [...latest.values()].map((r) => ({ customerId: r.customerId, latestScore: r.score!, revenue: values.byCustomer.get(r.customerId)?.revenue ?? {}, tier: values.byCustomer.get(r.customerId)?.tier ?? null }));
}

/** Revenue at risk per currency, and its customers largest first (main currency first, then the others' amounts). */
function atRisk(rows: Answered[], values: Values) {
  const answers = latestAnswers(rows, values);
  const [main] = values.currencies;
  const perCurrency = values.currencies.map((currency) => {
    const inCurrency = answers.map((a) => ({ customerId: a.customerId, latestScore: a.latestScore, revenue12m: a.revenue[currency] ?? 0 }));
    const risk = revenueAtRisk(inCurrency);
    return {
      currency,
      total: risk.total,
      customers: risk.customers.length,
      revenueWeightedNps: revenueWeightedNps(inCurrency.map((a) => ({ score: a.latestScore, revenue: a.revenue12m }))),
    };
  });
  const list = answers
    .filter((a) => classifyNps(a.latestScore) === "detractor" && Object.values(a.revenue).some((v) => v > 0))
    .sort((a, b) => (b.revenue[main] ?? 0) - (a.revenue[main] ?? 0) || a.customerId.localeCompare(b.customerId));
  return { main, perCurrency, list };
}

async function withContacts(db: Db, list: ReturnType<typeof atRisk>["list"], main: string | undefined) {
  const emails = list.length
    ? new Map((await db.select({ id: customers.id, email: customers.email, name: customers.name }).from(customers).where(sql`${customers.id} in ${list.map((c) => c.customerId)}`)).map((c) => [c.id, c]))
    : new Map<string, { email: string; name: string | null }>();
  return list.map((c) => ({
    customerId: c.customerId,
    email: emails.get(c.customerId)?.email ?? "",
    name: emails.get(c.customerId)?.name ?? null,
    tier: c.tier ?? "new",
    latestScore: c.latestScore,
    revenue12m: main ? (c.revenue[main] ?? 0) : 0,
    revenueByCurrency: c.revenue,
  }));
}

/**
 * Tiers: NPS per tier at answer time next to everyone's; each tier's customers now (the tier of their latest
 * purchase in 12 months) with their revenue per currency; revenue-weighted NPS and revenue at risk per currency.
 * Figures named without a currency are in `currency`, the most used one; `currencies` has every one.
 */
export async function valueOverview(db: Db, filter: AnalyticsFilter, now: number) {
  const [{ rows }, values] = await Promise.all([filteredResponses(db, filter, now, { score: responses.score, updatedAt: responses.updatedAt }, answered), customerValues(db, now)]);
  const answersByTier = groupBy(rows, (r) => r.tier);
  const customersByTier = groupBy(values.byCustomer.values(), (v) => v.tier);
  const sumRevenue = (vs: CustomerValue[]) => {
    const out: Record<string, number> = {};
    for (const v of vs) for (const [c, amount] of Object.entries(v.revenue)) out[c] = (out[c] ?? 0) + amount;
    return out;
  };
  const risk = atRisk(rows, values);
  const main = risk.main;
  const tiers = TIERS.map((tier) => {
    const revenueByCurrency = sumRevenue(customersByTier.get(tier) ?? []);
    return { tier, customers: (customersByTier.get(tier) ?? []).length, revenue12m: main ? (revenueByCurrency[main] ?? 0) : 0, revenueByCurrency, nps: npsFromCounts(countsOf(answersByTier.get(tier) ?? [])) };
  });
  const mainRisk = risk.perCurrency[0];
  return {
    currency: main ?? null,
    currencies: risk.perCurrency,
    nps: npsFromCounts(countsOf(rows)),
    revenueWeightedNps: mainRisk?.revenueWeightedNps ?? null,
    tiers,
    revenueAtRisk: {
      total: mainRisk?.total ?? 0,
      count: risk.list.length,
      customers: await withContacts(db, risk.list.slice(0, AT_RISK_LISTED), main),
      next: risk.list.length > AT_RISK_LISTED ? AT_RISK_LISTED : null,
    },
  };
}

/** One page of the revenue-at-risk list (the overview shows the first AT_RISK_LISTED). */
export async function atRiskPage(db: Db, filter: AnalyticsFilter, offset: number, limit: number, now: number) {
  const [{ rows }, values] = await Promise.all([filteredResponses(db, filter, now, { score: responses.score, updatedAt: responses.updatedAt }, answered), customerValues(db, now)]);
  const risk = atRisk(rows, values);
  const page = risk.list.slice(offset, offset + limit);
  return { currency: risk.main ?? null, count: risk.list.length, offset, customers: await withContacts(db, page, risk.main), next: offset + limit < risk.list.length ? offset + limit : null };
}

// The answer-side figures below come from the answer rollups (answer-analytics.ts), never from a scan of the responses.

/** Which benefits and costs move the NPS answer, strongest first (see server/domain/key-drivers.ts). */
export async function valueDrivers(db: Db, filter: AnalyticsFilter, _now: number) {
  return driversFromSums({ db }, filter);
}

/** Expectation gap per value type and journey touchpoint ratings, overall and per month (months in TIMEZONE). */
export async function expectationsAndTouchpoints(db: Db, filter: AnalyticsFilter, _now: number) {
  return expectationsFromSums({ db }, filter);
}

/**
 * Reliability of each scale a template asks with 2 or more items (questions of one value type or cost kind:
 * the answer column plus others kept in `extra`): Cronbach's α over the answers that gave every item, shown from
 * `minN` answers, flagged under 0.7. Scales of one item are not listed (nothing to check).
 */
export async function scaleReliability(db: Db, filter: AnalyticsFilter, minN: number, _now: number) {
  return reliabilityFromSums({ db }, filter, minN);
}

/** This period against the one of the same length before it: is the NPS change beyond the noise? */
export async function periodComparison(db: Db, filter: AnalyticsFilter & { from: number; to: number }, _now: number) {
  return periodFromSums({ db }, filter);
}

/** Every segment tested at once: `significant` only where Holm's adjusted p-value stays under 5 %. */
type Tested = NonNullable<ReturnType<typeof npsDifference>>;
function holmCorrected<S extends { difference: Tested | null }>(segments: S[]): (Omit<S, "difference"> & { difference: (Tested & { adjustedPValue: number }) | null })[] {
  const tested = segments.filter((s) => s.difference !== null);
  const adjusted = holmAdjust(tested.map((s) => s.difference!.pValue));
  const byTested = new Map(tested.map((s, i) => [s, adjusted[i]]));
  return segments.map((s) => ({ ...s, difference: s.difference && { ...s.difference, adjustedPValue: byTested.get(s)!, significant: byTested.get(s)! < 0.05 } }));
}

/** Each segment of a dimension against everyone else in the filter: NPS, difference and whether it is beyond the noise. */
export async function segmentComparison(db: Db, filter: AnalyticsFilter, dimension: SegmentDimension, _now: number) {
  // Tiers at answer time: each answer in the tier its customer had then, so a tier is compared within the same period.
  const { all, segments } = await segmentCounts({ db }, filter, dimension);
  return {
    dimension,
    test: "two-sample z-test on NPS (adjusted-Wald variances), segment against the rest; significant after Holm's correction across the segments",
    segments: holmCorrected(
      segments.map(({ segment, counts: a }) => {
        const rest = { promoters: all.promoters - a.promoters, passives: all.passives - a.passives, detractors: all.detractors - a.detractors };
        return { segment, nps: npsFromCounts(a), rest: npsFromCounts(rest), difference: npsDifference(a, rest) };
      }),
    ).sort((x, y) => y.nps.responses - x.nps.responses),
  };
}

export async function lexicon(db: Db): Promise<Lexicon> {
  const rows = await db.select().from(themeLexicon);
  return rows.length ? Object.fromEntries(rows.map((r) => [r.phrase, r.target as LexiconTarget])) : DEFAULT_LEXICON;
}

/** Replaces the lexicon; phrases are stored in lower case with their tone marks, so "giá" (price) and "giả" (fake) stay two entries. */
export async function saveLexicon(db: Db, entries: Lexicon, now: number): Promise<Lexicon> {
  const saved = Object.fromEntries(Object.entries(entries).map(([k, v]) => [lexiconKey(k), v]));
  await db.commit([db.delete(themeLexicon), ...Object.entries(saved).map(([phrase, target]) => db.insert(themeLexicon).values({ phrase, target, updatedAt: now }))]);
  return saved;
}

/** Comment themes among detractors vs promoters, each with the comments behind it. */
export async function themes(db: Db, filter: AnalyticsFilter, now: number) {
  const [{ rows }, lex] = await Promise.all([filteredResponses(db, filter, now, { id: responses.id, score: responses.score, comment: responses.comment, locale: responses.locale, updatedAt: responses.updatedAt }, isNotNull(responses.comment)), lexicon(db)]);
  const withComments = rows.filter((r) => r.comment).sort((a, b) => b.updatedAt - a.updatedAt);
  const list = commentThemes(withComments.map((r) => ({ id: r.id, score: r.score, comment: r.comment!, locale: localeOf(r.locale) })), { lexicon: lex });
  const byId = new Map(withComments.map((r) => [r.id, r]));
  return {
    comments: withComments.length,
    themes: list.map((t) => ({ ...t, comments: t.commentIds.slice(0, 20).map((id) => ({ id, score: byId.get(id)!.score, comment: byId.get(id)!.comment! })) })),
  };
}
