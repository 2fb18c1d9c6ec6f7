// Customer value tiers from purchase history (the tier at each purchase) and a simple CLV estimate.
import { DAY_MS } from "./time";
import { TIERS, type Tier } from "./vocabulary";

export { TIERS, type Tier };

/** How far back a tier looks, and the gap after which a repeat customer counts as lapsing. */
export const TIER_WINDOW_DAYS = 365;
export const TIER_LAPSE_DAYS = 90;

/**
 * The tier of a customer at a purchase (issue 21.3): from their purchases in the 12 months *before* it
 * (`earlier`: how many; `lastEarlierAt`: the latest of them), first rule that matches:
 * - new: no purchase in those 12 months (a first purchase, or the first in a year);
 * - occasional: one;
 * - at_risk: two or more, but the latest over 90 days before this purchase (a repeat customer who had lapsed);
 * - top: four or more, the latest within 90 days;
 * - loyal: two or three, the latest within 90 days.
 * Absolute rules on the customer's own history, so an answer's tier never moves when other customers buy and
 * means the same in June as in December; revenue is not a rule (an amount threshold would depend on the shop's
 * prices and currencies). An answer takes the tier of the purchase it is about; a customer's current tier is
 * the one of their latest purchase in the last 12 months. tierAtPurchaseSql computes the same in SQL.
 */
export function tierAtPurchase(c: { at: number; earlier: number; lastEarlierAt: number | null }): Tier {
  if (c.earlier === 0 || c.lastEarlierAt === null) return "new";
  if (c.earlier === 1) return "occasional";
  if (c.at - c.lastEarlierAt > TIER_LAPSE_DAYS * DAY_MS) return "at_risk";
  return c.earlier >= 4 ? "top" : "loyal";
}

/** The tier of each purchase of one customer's history (any order), by id: tierAtPurchase over the 12 months before each. */
export function tiersOfHistory(purchases: { id: string; purchasedAt: number }[]): Map<string, Tier> {
  const sorted = [...purchases].sort((a, b) => a.purchasedAt - b.purchasedAt);
  const out = new Map<string, Tier>();
  for (const p of sorted) {
    const earlier = sorted.filter((q) => q.purchasedAt < p.purchasedAt && q.purchasedAt >= p.purchasedAt - TIER_WINDOW_DAYS * DAY_MS);
    out.set(p.id, tierAtPurchase({ at: p.purchasedAt, earlier: earlier.length, lastEarlierAt: earlier.length ? earlier[earlier.length - 1].purchasedAt : null }));
  }
  return out;
}

/**
 * tierAtPurchase in SQL for the purchase whose id is `purchaseId` (an SQL expression): one indexed look-up of
 * that customer's purchases (purchases_customer_idx). The answer writer stores it on the response; migration
 * 0015 filled it in for earlier responses with the same expression.
 */
export function tierAtPurchaseSql(purchaseId: string): string {
  const window = TIER_WINDOW_DAYS * DAY_MS;
  const lapse = TIER_LAPSE_DAYS * DAY_MS;
  return (
    `(select case when count(e."id") = 0 then 'new' when count(e."id") = 1 then 'occasional' ` +
    `when x."purchased_at" - max(e."purchased_at") > ${lapse} then 'at_risk' when count(e."id") >= 4 then 'top' else 'loyal' end ` +
    `from "purchases" x left join "purchases" e on e."customer_id" = x."customer_id" and e."purchased_at" < x."purchased_at" and e."purchased_at" >= x."purchased_at" - ${window} ` +
    `where x."id" = ${purchaseId})`
  );
}

/** Fills in the tier of every response that has none (a bulk load): what migration 0016 did for earlier answers. */
export const BACKFILL_TIERS_SQL = `update "responses" set "tier" = ${tierAtPurchaseSql(`(select i."purchase_id" from "invitations" i where i."id" = "responses"."invitation_id")`)} where "tier" is null`;

/**
 * A simple CLV: the customer's revenue of the last 12 months (the tier window) as their yearly value,
 * times an expected remaining lifetime in years. Deliberately simple and documented: no margin,
 * no discounting, no churn model.
 */
export function clvEstimate(revenue12m: number, lifetimeYears = 3): number {
  return revenue12m * lifetimeYears;
}

/** Computing tiers faster than this (a small or mid-sized shop) is redone on every change. */
export const SLOW_TIERS_MS = 200;

/**
 * Whether tiers computed earlier still serve. Recency moves with time, so never past a day. Otherwise
 * they serve until purchases change, so a new purchase moves its customer at once — unless computing
 * them is slow (a large shop: seconds at a million purchases): then they also serve for 20 times that
 * long, so that a stream of purchases does not keep the reads recomputing.
 */
export function tiersStillServe(c: { changed: boolean; ageMs: number; sinceComputedMs: number; computeMs: number }): boolean {
  if (c.ageMs >= DAY_MS) return false;
  if (!c.changed) return true;
  return c.computeMs >= SLOW_TIERS_MS && c.sinceComputedMs < 20 * c.computeMs;
}
