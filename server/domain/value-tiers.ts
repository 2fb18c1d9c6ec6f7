// Customer value tiers from purchase history: RFM quintiles, a simple CLV estimate, and named tiers.

const DAY = 86_400_000;

export type PurchaseFact = { customerId: string; amount: number; purchasedAt: number };

export type Rfm = {
  customerId: string;
  /** Days since the latest purchase. */
  recencyDays: number;
  /** Purchases in the window. */
  frequency: number;
  /** Revenue in the window, minor units. */
  monetary: number;
  /** Quintile scores 1–5, 5 best (most recent, most frequent, highest revenue). */
  r: number;
  f: number;
  m: number;
  firstPurchaseAt: number;
};

export const TIERS = ["top", "loyal", "new", "at_risk", "occasional"] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Quintile score of each value by rank among all customers: the lowest fifth scores 1, the highest 5.
 * Equal values share the score of their first rank, so ties never split across quintiles.
 */
export function quintiles(values: number[]): number[] {
  const n = values.length;
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const scores = new Array<number>(n);
  let rank = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && order[k][0] !== order[k - 1][0]) rank = k;
    scores[order[k][1]] = Math.min(5, Math.floor((rank * 5) / n) + 1);
  }
  return scores;
}

/** One customer's purchases in the RFM window, summed. */
export type PurchaseTotals = { customerId: string; last: number; first: number; count: number; revenue: number };

/**
 * RFM over the purchases of the last `windowDays` (default 365). Recency is scored so that the
 * most recent buyers get 5: the quintile of the negated days.
 */
export function rfm(purchases: PurchaseFact[], now: number, windowDays = 365): Rfm[] {
  const since = now - windowDays * DAY;
  const byCustomer = new Map<string, PurchaseTotals>();
  for (const p of purchases) {
    if (p.purchasedAt < since || p.purchasedAt > now) continue;
    const c = byCustomer.get(p.customerId);
    if (!c) byCustomer.set(p.customerId, { customerId: p.customerId, last: p.purchasedAt, first: p.purchasedAt, count: 1, revenue: p.amount });
    else {
      c.last = Math.max(c.last, p.purchasedAt);
      c.first = Math.min(c.first, p.purchasedAt);
      c.count++;
      c.revenue += p.amount;
    }
  }
  return rfmOfTotals([...byCustomer.values()], now);
}

/** RFM from purchases already summed per customer over the window (what a database can sum for us). */
export function rfmOfTotals(rows: PurchaseTotals[], now: number): Rfm[] {
  const r = quintiles(rows.map((c) => -(now - c.last)));
  const f = quintiles(rows.map((c) => c.count));
  const m = quintiles(rows.map((c) => c.revenue));
  return rows.map((c, i) => ({
    customerId: c.customerId,
    recencyDays: Math.floor((now - c.last) / DAY),
    frequency: c.count,
    monetary: c.revenue,
    r: r[i],
    f: f[i],
    m: m[i],
    firstPurchaseAt: c.first,
  }));
}

/**
 * Named tier, first rule that matches:
 * - new: first purchase in the last 30 days and only one purchase;
 * - top: R ≥ 4, F ≥ 4 and M ≥ 4 — recent, frequent, high revenue;
 * - at_risk: R ≤ 2 while F ≥ 3 or M ≥ 3 — used to be worth a lot, not seen lately;
 * - loyal: F ≥ 4 or (F ≥ 3 and R ≥ 3) — come back often;
 * - occasional: everyone else.
 */
export function tierOf(c: Rfm, now: number): Tier {
  if (c.frequency === 1 && now - c.firstPurchaseAt <= 30 * DAY) return "new";
  if (c.r >= 4 && c.f >= 4 && c.m >= 4) return "top";
  if (c.r <= 2 && (c.f >= 3 || c.m >= 3)) return "at_risk";
  if (c.f >= 4 || (c.f >= 3 && c.r >= 3)) return "loyal";
  return "occasional";
}

/**
 * A simple CLV: the customer's revenue of the last 12 months (the RFM window) as their yearly value,
 * times an expected remaining lifetime in years. Deliberately simple and documented: no margin,
 * no discounting, no churn model.
 */
export function clvEstimate(c: Pick<Rfm, "monetary">, lifetimeYears = 3): number {
  return c.monetary * lifetimeYears;
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
  if (c.ageMs >= DAY) return false;
  if (!c.changed) return true;
  return c.computeMs >= SLOW_TIERS_MS && c.sinceComputedMs < 20 * c.computeMs;
}
