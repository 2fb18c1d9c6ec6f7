// Tiers in time (issue 21.3) with revenue, frequency and recency (PRODUCT.md): the tier at a purchase from the 12
// months up to it and the tier job's thresholds; the SQL the answer writer and the kept values use gives the same
// tier as the function, on a real database.
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { clvEstimate, tierAtPurchase, tierAtPurchaseSql, tiersOfHistory, topRevenueThreshold, type HistoryPurchase, type Tier } from "../../server/domain/value-tiers";
import { announcedRandom } from "../seeded-random";
import { DAY_MS as DAY } from "../../server/domain/time";

const T = Date.parse("2026-06-15T00:00:00Z");
const none = { topRevenue: {} };
const vnd = { topRevenue: { VND: 1_000_000 } };

describe("tier at a purchase", () => {
  it("follows the rules: new, lapsed, top spender, frequent, the rest", () => {
    expect(tierAtPurchase({ purchases: 1, revenue: 9_000_000, currency: "VND", gapMs: null }, vnd)).toBe("new");
    expect(tierAtPurchase({ purchases: 5, revenue: 9_000_000, currency: "VND", gapMs: 91 * DAY }, vnd)).toBe("at_risk");
    expect(tierAtPurchase({ purchases: 2, revenue: 1_000_000, currency: "VND", gapMs: 90 * DAY }, vnd)).toBe("top");
    expect(tierAtPurchase({ purchases: 2, revenue: 999_999, currency: "VND", gapMs: 10 * DAY }, vnd)).toBe("occasional");
    expect(tierAtPurchase({ purchases: 3, revenue: 999_999, currency: "VND", gapMs: 10 * DAY }, vnd)).toBe("loyal");
    // A threshold is per currency: none for USD yet, so nobody buying in USD is a top spender.
    expect(tierAtPurchase({ purchases: 3, revenue: 5_000_000, currency: "USD", gapMs: 10 * DAY }, vnd)).toBe("loyal");
    expect(tierAtPurchase({ purchases: 2, revenue: 5_000_000, currency: "VND", gapMs: 10 * DAY }, none)).toBe("occasional");
    expect(clvEstimate(2_000_000)).toBe(6_000_000);
  });

  it("puts the threshold at the top fifth of customers' revenue, ties included", () => {
    expect(topRevenueThreshold([])).toBeNull();
    expect(topRevenueThreshold([0, 0])).toBeNull();
    expect(topRevenueThreshold([500])).toBe(500);
    // 10 customers: the 2nd largest; 11: ceil(2.2) = the 3rd.
    expect(topRevenueThreshold([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(topRevenueThreshold([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(9);
    expect(topRevenueThreshold([0, 0, 0, 7, 7])).toBe(7);
  });

  it("moves with the customer's own history: each purchase has the tier of the year up to it", () => {
    const at = (days: number, id: string, amount = 100): HistoryPurchase => ({ id, purchasedAt: T + days * DAY, amount, currency: "VND" });
    // Purchases a month apart, a 120-day gap, one more, and one 400 days later (a year after the last).
    const tiers = tiersOfHistory([at(0, "p1"), at(30, "p2"), at(60, "p3"), at(90, "p4", 1000), at(120, "p5"), at(240, "p6"), at(640, "p7")], { topRevenue: { VND: 1300 } });
    expect(Object.fromEntries(tiers)).toEqual({ p1: "new", p2: "occasional", p3: "loyal", p4: "top", p5: "top", p6: "at_risk", p7: "new" });
  });

  it("computes the same tier in SQL as in the function (the answer writer and the kept values)", async () => {
    const db = createClient({ url: ":memory:" });
    await db.execute("create table purchases (id text primary key, customer_id text, amount integer, currency text, purchased_at integer)");
    await db.execute("create table tier_thresholds (currency text primary key, top_revenue integer)");
    const rand = announcedRandom("value-tiers", 99);
    // A seeded history of 60 customers with 1–8 purchases each over two years, in two currencies.
    const all: (HistoryPurchase & { customer: string })[] = [];
    for (let c = 0; c < 60; c++)
      for (let k = 0, n = 1 + Math.floor(rand() * 8); k < n; k++) {
        const currency = rand() < 0.2 ? "USD" : "VND";
        all.push({ id: `c${c}-${k}`, customer: `c${c}`, purchasedAt: T + Math.floor(rand() * 730) * DAY, amount: currency === "USD" ? 100 * Math.floor(1 + rand() * 50) : 10_000 * Math.floor(1 + rand() * 100), currency });
      }
    const thresholds = { topRevenue: { VND: 1_500_000, USD: 5000 } };
    await db.batch([
      ...all.map((p) => ({ sql: "insert into purchases values (?, ?, ?, ?, ?)", args: [p.id, p.customer, p.amount, p.currency, p.purchasedAt] })),
      ...Object.entries(thresholds.topRevenue).map(([c, v]) => ({ sql: "insert into tier_thresholds values (?, ?)", args: [c, v] })),
    ]);
    const expected = new Map<string, Tier>();
    for (let c = 0; c < 60; c++) for (const [id, tier] of tiersOfHistory(all.filter((p) => p.customer === `c${c}`), thresholds)) expected.set(id, tier);
    const rs = await db.execute(`select p.id, ${tierAtPurchaseSql("p.id")} from purchases p`);
    const got = new Map(rs.rows.map((r) => [String(r[0]), String(r[1])]));
    // Purchases at the same instant as another of the customer's: neither counts the other (strictly before).
    expect(got).toEqual(expected);
    expect(new Set(got.values()).size).toBe(5);
  });
});
