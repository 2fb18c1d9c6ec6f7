// Value analytics over stored answers and purchases: tiers, revenue at risk, drivers, expectations, touchpoints, themes.
import { and, count, desc, gte, isNotNull, lte, max, min, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { customers, purchases, responses, templateVersions, templates, themeLexicon } from "../../db/schema";
import { localeOf } from "../domain/comment-aspects";
import { commentThemes, DEFAULT_LEXICON, lexiconKey, type Lexicon, type LexiconTarget } from "../domain/comment-themes";
import { keyDrivers } from "../domain/key-drivers";
import { npsFromCounts, classifyNps, holmAdjust, type NpsCounts } from "../domain/nps";
import { COST_KINDS, templateContentSchema, TOUCHPOINTS, VALUE_TYPES, type Question } from "../domain/template-content";
import { expectationShares, npsDifference, revenueAtRisk, revenueWeightedNps } from "../domain/value-analytics";
import { clvEstimate, rfmOfTotals, tierOf, TIERS, tiersStillServe, type Tier } from "../domain/value-tiers";
import { ANSWER_COLUMNS } from "./answer-columns";
import { whereOf } from "./response-feed";
import { DAY_MS } from "../domain/time";

export type AnalyticsFilter = { from?: number; to?: number; templateId?: string; channel?: string; category?: string; locale?: string; tier?: Tier };

type CustomerValue = { tier: Tier; revenue12m: number; clv: number; r: number; f: number; m: number };

/**
 * Tiers per customer from the last 12 months of purchases, recomputed when purchases have changed
 * since the last computation (a cheap count/max check; see tiersStillServe). Revenue counts the
 * workspace's main currency (the most used one); other currencies count for recency and frequency only.
 */
const valueCache = new WeakMap<Db, { marker: string; at: number; computedAt: number; computeMs: number; byCustomer: Map<string, CustomerValue>; currency: string | null }>();

export async function customerValues(db: Db, now: number) {
  const [m] = await db.select({ n: sql<number>`count(*)`, last: sql<number>`coalesce(max(${purchases.createdAt}), 0)` }).from(purchases);
  const marker = `${m.n}:${m.last}`;
  const cached = valueCache.get(db);
  if (cached && tiersStillServe({ changed: cached.marker !== marker, ageMs: now - cached.at, sinceComputedMs: performance.now() - cached.computedAt, computeMs: cached.computeMs })) return cached;
  const started = performance.now();
  const window = and(gte(purchases.purchasedAt, now - 365 * DAY_MS), lte(purchases.purchasedAt, now));
  // The most used currency; a tie goes to the one recorded first.
  const [main] = await db.select({ currency: purchases.currency }).from(purchases).where(window).groupBy(purchases.currency).orderBy(desc(count()), sql`min(rowid)`).limit(1);
  const currency = main?.currency ?? null;
  // A row per customer who bought: hundreds of thousands in a large shop, read as plain values (drizzle's
  // per-field mapping cost as much as the grouping).
  const rows = await db
    .select({ customerId: purchases.customerId, last: max(purchases.purchasedAt), first: min(purchases.purchasedAt), count: count(), revenue: sql`coalesce(sum(case when ${purchases.currency} = ${currency} then ${purchases.amount} else 0 end), 0)` })
    .from(purchases)
    .where(window)
    .groupBy(purchases.customerId)
    .values();
  const totals = rows.map((v) => ({ customerId: String(v[0]), last: Number(v[1]), first: Number(v[2]), count: Number(v[3]), revenue: Number(v[4]) }));
  const byCustomer = new Map<string, CustomerValue>();
  for (const c of rfmOfTotals(totals, now)) byCustomer.set(c.customerId, { tier: tierOf(c, now), revenue12m: c.monetary, clv: clvEstimate(c), r: c.r, f: c.f, m: c.m });
  const value = { marker, at: now, computedAt: performance.now(), computeMs: performance.now() - started, byCustomer, currency };
  valueCache.set(db, value);
  return value;
}

type Values = Awaited<ReturnType<typeof customerValues>>;

/** An erased customer leaves the cached tiers at once (the next recomputation would drop them anyway). */
export function forgetCustomerValue(db: Db, customerId: string): void {
  valueCache.get(db)?.byCustomer.delete(customerId);
}

/** A customer without purchases in the last 12 months has no RFM row: they count as occasional. */
const tierOfCustomer = (values: Values, id: string): Tier => values.byCustomer.get(id)?.tier ?? "occasional";

/**
 * The responses a filter selects, with only the columns a reader needs (and the customer, for tiers) and only the
 * rows it can use (`only`): every answer of a large database is read, so whole rows would cost seconds and
 * hundreds of MB per read.
 */
async function filteredResponses<F extends Record<string, SQLiteColumn>>(db: Db, filter: AnalyticsFilter, now: number, fields: F, only?: SQL) {
  const { templateId, tier: _, ...segments } = filter;
  const [rows, values] = await Promise.all([
    db
      .select({ customerId: responses.customerId, ...fields })
      .from(responses)
      .where(and(whereOf({ ...segments, template: templateId }), only)),
    customerValues(db, now),
  ]);
  return { rows: filter.tier ? rows.filter((r) => tierOfCustomer(values, r.customerId) === filter.tier) : rows, values };
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

/** The customers of one value tier now: the dashboard's tier filter. */
export async function customersInTier(db: Db, tier: Tier, now: number): Promise<string[]> {
  const { byCustomer } = await customerValues(db, now);
  return [...byCustomer].filter(([, v]) => v.tier === tier).map(([id]) => id);
}

/** Tiers: NPS per tier next to everyone's, revenue-weighted NPS, revenue at risk and the customers behind it. */
export async function valueOverview(db: Db, filter: AnalyticsFilter, now: number) {
  const { rows, values } = await filteredResponses(db, filter, now, { score: responses.score, updatedAt: responses.updatedAt }, answered);
  const answersByTier = groupBy(rows, (r) => tierOfCustomer(values, r.customerId));
  const customersByTier = groupBy(values.byCustomer.values(), (v) => v.tier);
  const tiers = TIERS.map((tier) => {
    const customersInTier = customersByTier.get(tier) ?? [];
    return { tier, customers: customersInTier.length, revenue12m: customersInTier.reduce((s, v) => s + v.revenue12m, 0), nps: npsFromCounts(countsOf(answersByTier.get(tier) ?? [])) };
  });
  // The latest answer of each customer decides whether their revenue is at risk.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (r.score !== null && (!latest.has(r.customerId) || latest.get(r.customerId)!.updatedAt < r.updatedAt)) latest.set(r.customerId, r);
  const answers = [...latest.values()].map((r) => ({ customerId: r.customerId, latestScore: r.score!, revenue12m: values.byCustomer.get(r.customerId)?.revenue12m ?? 0 }));
  const risk = revenueAtRisk(answers);
  const listed = risk.customers.slice(0, 100);
  const emails = listed.length
    ? new Map((await db.select({ id: customers.id, email: customers.email, name: customers.name }).from(customers).where(sql`${customers.id} in ${listed.map((c) => c.customerId)}`)).map((c) => [c.id, c]))
    : new Map();
  return {
    currency: values.currency,
    nps: npsFromCounts(countsOf(rows)),
    revenueWeightedNps: revenueWeightedNps(answers.map((a) => ({ score: a.latestScore, revenue: a.revenue12m }))),
    tiers,
    revenueAtRisk: {
      total: risk.total,
      customers: listed.map((c) => ({ ...c, email: emails.get(c.customerId)?.email ?? "", name: emails.get(c.customerId)?.name ?? null, tier: tierOfCustomer(values, c.customerId) })),
    },
  };
}

const DRIVER_KEYS = [...VALUE_TYPES.map((t) => `benefit_${t}` as const), ...COST_KINDS.map((k) => `cost_${k}` as const)];
/** Each driver's key and its column. */
const DRIVERS = Object.fromEntries(DRIVER_KEYS.map((k) => [k, ANSWER_COLUMNS[k]])) as Record<(typeof DRIVER_KEYS)[number], typeof responses.benefitFunctional>;

/** Which benefits and costs move the NPS answer, strongest first (see server/domain/key-drivers.ts). */
export async function valueDrivers(db: Db, filter: AnalyticsFilter, now: number) {
  const { rows } = await filteredResponses(db, filter, now, { score: responses.score, ...DRIVERS }, answered);
  const data = rows.map((r) => ({ score: r.score!, answers: Object.fromEntries(DRIVER_KEYS.map((k) => [k, r[k]])) }));
  return keyDrivers(data, DRIVER_KEYS);
}

/** The question key → what it measures, over every template version: results compare by key. */
async function questionIndex(db: Db): Promise<Map<string, Question>> {
  const index = new Map<string, Question>();
  // Published versions (what was answered), then working copies (drafts not yet published).
  const contents = [...(await db.select({ content: templateVersions.content }).from(templateVersions)), ...(await db.select({ content: templates.content }).from(templates))];
  for (const t of contents) {
    const content = templateContentSchema.safeParse(t.content);
    if (content.success) for (const q of content.data.questions) index.set(q.key, q);
  }
  return index;
}

const monthOf = (t: number) => new Date(t).toISOString().slice(0, 7);

/** Expectation gap per value type and journey touchpoint ratings, overall and per month. */
export async function expectationsAndTouchpoints(db: Db, filter: AnalyticsFilter, now: number) {
  const [{ rows }, questions] = await Promise.all([filteredResponses(db, filter, now, { answeredAt: responses.answeredAt, extra: responses.extra }, sql`${responses.extra} != '{}'`), questionIndex(db)]);
  const gapAnswers = new Map<string, { month: string; answer: string }[]>();
  const touch = new Map<string, { month: string; rating: number }[]>();
  for (const r of rows) {
    const month = monthOf(r.answeredAt);
    for (const [key, value] of Object.entries(r.extra ?? {})) {
      const q = questions.get(key);
      if (q?.type === "expectation") (gapAnswers.get(q.valueType) ?? gapAnswers.set(q.valueType, []).get(q.valueType)!).push({ month, answer: value });
      if (q?.type === "touchpoint" && /^[1-5]$/.test(value)) (touch.get(q.touchpoint) ?? touch.set(q.touchpoint, []).get(q.touchpoint)!).push({ month, rating: Number(value) });
    }
  }
  const months = (xs: { month: string }[]) => [...new Set(xs.map((x) => x.month))].sort();
  const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
  return {
    expectations: VALUE_TYPES.map((valueType) => {
      const xs = gapAnswers.get(valueType) ?? [];
      return { valueType, ...expectationShares(xs.map((x) => x.answer)), trend: months(xs).map((month) => ({ month, ...expectationShares(xs.filter((x) => x.month === month).map((x) => x.answer)) })) };
    }),
    touchpoints: TOUCHPOINTS.map((touchpoint) => {
      const xs = touch.get(touchpoint) ?? [];
      return { touchpoint, n: xs.length, mean: mean(xs.map((x) => x.rating)), trend: months(xs).map((month) => ({ month, n: xs.filter((x) => x.month === month).length, mean: mean(xs.filter((x) => x.month === month).map((x) => x.rating)) })) };
    }),
  };
}

/** This period against the one of the same length before it: is the NPS change beyond the noise? */
export async function periodComparison(db: Db, filter: AnalyticsFilter & { from: number; to: number }, now: number) {
  const length = filter.to - filter.from;
  const scores = { score: responses.score };
  const [current, previous] = await Promise.all([filteredResponses(db, filter, now, scores, answered), filteredResponses(db, { ...filter, from: filter.from - length, to: filter.from }, now, scores, answered)]);
  const a = countsOf(current.rows);
  const b = countsOf(previous.rows);
  return { current: npsFromCounts(a), previous: npsFromCounts(b), test: "two-sample z-test on NPS (adjusted-Wald variances)", difference: npsDifference(a, b) };
}

export type SegmentDimension = "tier" | "channel" | "locale" | "template";

/** Every segment tested at once: `significant` only where Holm's adjusted p-value stays under 5 %. */
type Tested = NonNullable<ReturnType<typeof npsDifference>>;
function holmCorrected<S extends { difference: Tested | null }>(segments: S[]): (Omit<S, "difference"> & { difference: (Tested & { adjustedPValue: number }) | null })[] {
  const tested = segments.filter((s) => s.difference !== null);
  const adjusted = holmAdjust(tested.map((s) => s.difference!.pValue));
  const byTested = new Map(tested.map((s, i) => [s, adjusted[i]]));
  return segments.map((s) => ({ ...s, difference: s.difference && { ...s.difference, adjustedPValue: byTested.get(s)!, significant: byTested.get(s)! < 0.05 } }));
}

/** Each segment of a dimension against everyone else in the filter: NPS, difference and whether it is beyond the noise. */
export async function segmentComparison(db: Db, filter: AnalyticsFilter, dimension: SegmentDimension, now: number) {
  const { rows, values } = await filteredResponses(db, filter, now, { score: responses.score, channel: responses.channel, locale: responses.locale, templateId: responses.templateId });
  const segmentOf = (r: (typeof rows)[number]): string =>
    dimension === "tier" ? tierOfCustomer(values, r.customerId) : dimension === "channel" ? (r.channel ?? "(none)") : dimension === "locale" ? r.locale : r.templateId;
  const groups = groupBy(rows, segmentOf);
  const all = countsOf(rows);
  return {
    dimension,
    test: "two-sample z-test on NPS (adjusted-Wald variances), segment against the rest; significant after Holm's correction across the segments",
    segments: holmCorrected(
      [...groups].map(([segment, inSegment]) => {
        const a = countsOf(inSegment);
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
