// Value analytics over stored answers and purchases: tiers, revenue at risk, drivers, expectations, touchpoints, themes.
import type { Deps } from "../deps";
import { and, count, desc, gte, isNotNull, lte, max, min, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { responses, templateVersions, templates, themeLexicon } from "../../db/schema";
import { localeOf } from "../domain/comment-aspects";
import { commentThemes, DEFAULT_LEXICON, lexiconKey, type Lexicon, type LexiconTarget } from "../domain/comment-themes";
import { keyDrivers } from "../domain/key-drivers";
import { ALPHA_FLOOR, cronbachAlpha, itemSums } from "../domain/scale-reliability";
import { npsFromCounts, classifyNps, holmAdjust, type NpsCounts } from "../domain/nps";
import { COST_KINDS, templateContentSchema, TOUCHPOINTS, VALUE_TYPES, type Question } from "../domain/template-content";
import { expectationShares, npsDifference } from "../domain/value-analytics";
import type { Tier } from "../domain/value-tiers";
import { atRiskList, customerValueOverview } from "./customer-values";
import { driversFromSums, expectationsFromSums, npsByTier, periodFromSums, reliabilityFromSums, segmentCounts } from "./answer-analytics";
import { monthStart } from "../domain/time-zone";
import { ANSWER_COLUMNS } from "./answer-columns";
import { whereOf } from "./response-feed";
import { DAY_MS } from "../domain/time";
import type { SegmentDimension } from "../domain/vocabulary";

export type AnalyticsFilter = { from?: number; to?: number; templateId?: string; channel?: string; category?: string; locale?: string; tier?: Tier };

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

/**
 * Tiers: NPS per tier at answer time next to everyone's; each tier's customers now (current tier) with their revenue
 * per currency; revenue-weighted NPS and revenue at risk per currency. Customer value comes from the values kept per
 * customer (customer-values.ts), not from purchases. Figures named without a currency are in `currency`, the most
 * used one; `currencies` has every one.
 */
export async function valueOverview(db: Db, filter: AnalyticsFilter, now: number) {
  // NPS overall and per tier at answer time from the answer rollups (answer-analytics.ts); customers from their kept values.
  const [answers, value, list] = await Promise.all([npsByTier({ db }, filter), customerValueOverview({ db }, filter), atRiskList({ db }, { filter, offset: 0, limit: AT_RISK_LISTED })]);
  const tiers = value.tiers.map((t) => ({ ...t, nps: answers.tiers[t.tier] }));
  const mainRisk = value.currencies[0];
  return {
    currency: value.currency,
    currencies: value.currencies,
    nps: answers.nps,
    revenueWeightedNps: mainRisk?.revenueWeightedNps ?? null,
    tiers,
    revenueAtRisk: { total: mainRisk?.total ?? 0, count: list.count, customers: list.customers, next: list.next },
  };
}

/** One page of the revenue-at-risk list (the overview shows the first AT_RISK_LISTED), from the kept customer values. */
export async function atRiskPage(db: Db, filter: AnalyticsFilter, offset: number, limit: number, _now: number) {
  return atRiskList({ db }, { filter, offset, limit });
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

export async function lexicon(deps: Pick<Deps, "db">): Promise<Lexicon> {
  const { db } = deps;
  const rows = await db.select().from(themeLexicon);
  return rows.length ? Object.fromEntries(rows.map((r) => [r.phrase, r.target as LexiconTarget])) : DEFAULT_LEXICON;
}

/** Replaces the lexicon; phrases are stored in lower case with their tone marks, so "giá" (price) and "giả" (fake) stay two entries. */
export async function saveLexicon(deps: Pick<Deps, "db" | "clock">, entries: Lexicon): Promise<Lexicon> {
  const { db } = deps;
  const now = deps.clock.now();
  const saved = Object.fromEntries(Object.entries(entries).map(([k, v]) => [lexiconKey(k), v]));
  await db.commit([db.delete(themeLexicon), ...Object.entries(saved).map(([phrase, target]) => db.insert(themeLexicon).values({ phrase, target, updatedAt: now }))]);
  return saved;
}

/** Comment themes among detractors vs promoters, each with the comments behind it. */
export async function themes(db: Db, filter: AnalyticsFilter, now: number) {
  const [{ rows }, lex] = await Promise.all([filteredResponses(db, filter, now, { id: responses.id, score: responses.score, comment: responses.comment, locale: responses.locale, updatedAt: responses.updatedAt }, isNotNull(responses.comment)), lexicon({ db })]);
  const withComments = rows.filter((r) => r.comment).sort((a, b) => b.updatedAt - a.updatedAt);
  const list = commentThemes(withComments.map((r) => ({ id: r.id, score: r.score, comment: r.comment!, locale: localeOf(r.locale) })), { lexicon: lex });
  const byId = new Map(withComments.map((r) => [r.id, r]));
  return {
    comments: withComments.length,
    themes: list.map((t) => ({ ...t, comments: t.commentIds.slice(0, 20).map((id) => ({ id, score: byId.get(id)!.score, comment: byId.get(id)!.comment! })) })),
  };
}
