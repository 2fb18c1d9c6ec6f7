// Customer value tiers from purchase history (revenue, frequency, recency; the tier at each purchase) and a simple CLV estimate.
import { DAY_MS } from "./time";
import { TIERS, type Tier } from "./vocabulary";

export { TIERS, type Tier };

/** How far back a tier looks, the gap after which a returning customer counts as lapsing, and the repeat count of a loyal one. */
export const TIER_WINDOW_DAYS = 365;
export const TIER_LAPSE_DAYS = 90;
export const LOYAL_PURCHASES = 3;
/** "Top" spenders: the fifth of customers (1 in TOP_PART) with the most revenue in 12 months, per currency (the tier job's threshold). */
export const TOP_PART = 5;

/** What a tier is read from, at one purchase: the customer's purchases in the 12 months up to and including it. */
export type TierFacts = {
  /** How many (this one included). */
  purchases: number;
  /** Their revenue in this purchase's currency, minor units (this one included). */
  revenue: number;
  currency: string;
  /** Time since the previous purchase in those 12 months, ms; null: none (a first purchase, or the first in a year). */
  gapMs: number | null;
};

/** Per currency, the 12-month revenue from which a customer is a top spender (tier job; none yet: nobody is "top"). */
export type TierThresholds = { topRevenue: Record<string, number> };

/**
 * The tier of a customer at a purchase (PRODUCT.md: ranked by revenue, purchase frequency and recency), first
 * rule that matches:
 * - new: no other purchase in the 12 months (a first purchase, or the first in a year);
 * - at_risk: the previous purchase over 90 days before this one (a repeat customer who had lapsed) — recency;
 * - top: 12-month revenue in this currency at or above the top fifth of customers' (the tier job's threshold) — revenue;
 * - loyal: 3 or more purchases in the 12 months — frequency;
 * - occasional: the rest (a second purchase within 90 days, not a top spender).
 * An answer takes the tier of the purchase it is about, with the thresholds of the moment it is answered, and keeps
 * it (responses.tier); a customer's current tier is that of their latest purchase in 12 months under the current
 * thresholds (customer_values.tier). tierSql computes the same in SQL.
 */
export function tierAtPurchase(f: TierFacts, t: TierThresholds): Tier {
  if (f.purchases <= 1 || f.gapMs === null) return "new";
  if (f.gapMs > TIER_LAPSE_DAYS * DAY_MS) return "at_risk";
  const top = t.topRevenue[f.currency];
  if (top !== undefined && f.revenue >= top) return "top";
  return f.purchases >= LOYAL_PURCHASES ? "loyal" : "occasional";
}

/**
 * The top spenders' threshold of one currency from customers' 12-month revenues: the revenue of the customer ranked
 * ceil(n / 5) from the top (ties included, so a few more than a fifth may reach it). Customers without revenue in it
 * do not count; none: null.
 */
export function topRevenueThreshold(revenues: number[]): number | null {
  const positive = revenues.filter((r) => r > 0).sort((a, b) => b - a);
  return positive.length ? positive[topRank(positive.length) - 1] : null;
}
/** 1-based rank of the threshold among n customers, largest first. */
export const topRank = (n: number) => Math.max(1, Math.ceil(n / TOP_PART));

export type HistoryPurchase = { id: string; purchasedAt: number; amount: number; currency: string };

/** The facts of each purchase of one customer's history (any order), by id. */
export function factsOfHistory(purchases: HistoryPurchase[]): Map<string, TierFacts> {
  const out = new Map<string, TierFacts>();
  for (const p of purchases) {
    const earlier = purchases.filter((q) => q.purchasedAt < p.purchasedAt && q.purchasedAt >= p.purchasedAt - TIER_WINDOW_DAYS * DAY_MS);
    const revenue = p.amount + earlier.filter((q) => q.currency === p.currency).reduce((s, q) => s + q.amount, 0);
    out.set(p.id, { purchases: earlier.length + 1, revenue, currency: p.currency, gapMs: earlier.length ? p.purchasedAt - Math.max(...earlier.map((q) => q.purchasedAt)) : null });
  }
  return out;
}

/** The tier of each purchase of one customer's history under fixed thresholds, by id. */
export function tiersOfHistory(purchases: HistoryPurchase[], t: TierThresholds = { topRevenue: {} }): Map<string, Tier> {
  return new Map([...factsOfHistory(purchases)].map(([id, f]) => [id, tierAtPurchase(f, t)]));
}

/**
 * tierAtPurchase in SQL over SQL expressions for the facts; thresholds from tier_thresholds (the tier job's). The
 * currency expression must not be a bare `currency` (inside the look-up it would name the thresholds' own column).
 */
export function tierSql(f: { purchases: string; revenue: string; currency: string; gapMs: string }): string {
  return (
    `(case when ${f.purchases} <= 1 or ${f.gapMs} is null then 'new' when ${f.gapMs} > ${TIER_LAPSE_DAYS * DAY_MS} then 'at_risk' ` +
    `when ${f.revenue} >= (select th."top_revenue" from "tier_thresholds" th where th."currency" = ${f.currency}) then 'top' ` +
    `when ${f.purchases} >= ${LOYAL_PURCHASES} then 'loyal' else 'occasional' end)`
  );
}

/**
 * tierAtPurchase in SQL for the purchase whose id is `purchaseId` (an SQL expression): one indexed look-up of
 * that customer's purchases (purchases_customer_idx) and of the threshold. The answer writer stores it on the
 * response; the upgrade to customer values (server/services/customer-values.ts) re-derived earlier answers with it.
 */
export function tierAtPurchaseSql(purchaseId: string): string {
  const window = TIER_WINDOW_DAYS * DAY_MS;
  const facts = {
    purchases: `(count(e."id") + 1)`,
    revenue: `(x."amount" + coalesce(sum(case when e."currency" = x."currency" then e."amount" end), 0))`,
    currency: `x."currency"`,
    gapMs: `(x."purchased_at" - max(e."purchased_at"))`,
  };
  return (
    `(select ${tierSql(facts)} ` +
    `from "purchases" x left join "purchases" e on e."customer_id" = x."customer_id" and e."purchased_at" < x."purchased_at" and e."purchased_at" >= x."purchased_at" - ${window} ` +
    `where x."id" = ${purchaseId})`
  );
}

/** The tier of the response's purchase, for an UPDATE of responses. */
export const RESPONSE_TIER_SQL = tierAtPurchaseSql(`(select i."purchase_id" from "invitations" i where i."id" = "responses"."invitation_id")`);

/** Fills in the tier of every response that has none (a bulk load). */
export const BACKFILL_TIERS_SQL = `update "responses" set "tier" = ${RESPONSE_TIER_SQL} where "tier" is null`;

/**
 * A simple CLV: the customer's revenue of the last 12 months (the tier window) as their yearly value,
 * times an expected remaining lifetime in years. Deliberately simple and documented: no margin,
 * no discounting, no churn model.
 */
export function clvEstimate(revenue12m: number, lifetimeYears = 3): number {
  return revenue12m * lifetimeYears;
}
