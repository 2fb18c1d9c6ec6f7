// Tiers in time (issue 21.3): the tier at a purchase, from the 12 months before it; the SQL the answer writer and
// migration 0016 use gives the same tier as the function, on a real database.
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { clvEstimate, tierAtPurchase, tierAtPurchaseSql, tiersOfHistory, type Tier } from "../../server/domain/value-tiers";

const DAY = 86_400_000;
const T = Date.parse("2026-06-15T00:00:00Z");

describe("tier at a purchase", () => {
  it("follows the rules on the 12 months before the purchase", () => {
    expect(tierAtPurchase({ at: T, earlier: 0, lastEarlierAt: null })).toBe("new");
    expect(tierAtPurchase({ at: T, earlier: 1, lastEarlierAt: T - 10 * DAY })).toBe("occasional");
    expect(tierAtPurchase({ at: T, earlier: 2, lastEarlierAt: T - 90 * DAY })).toBe("loyal");
    expect(tierAtPurchase({ at: T, earlier: 3, lastEarlierAt: T - 91 * DAY })).toBe("at_risk");
    expect(tierAtPurchase({ at: T, earlier: 4, lastEarlierAt: T - 5 * DAY })).toBe("top");
    expect(tierAtPurchase({ at: T, earlier: 9, lastEarlierAt: T - 200 * DAY })).toBe("at_risk");
    expect(clvEstimate(2_000_000)).toBe(6_000_000);
  });

  it("moves with the customer's own history: each purchase has the tier of the year before it", () => {
    const at = (days: number, id: string) => ({ id, purchasedAt: T + days * DAY });
    // Five purchases a month apart, a 120-day gap, then one more; and one 400 days later (a year after the last).
    const tiers = tiersOfHistory([at(0, "p1"), at(30, "p2"), at(60, "p3"), at(90, "p4"), at(120, "p5"), at(240, "p6"), at(640, "p7")]);
    expect(Object.fromEntries(tiers)).toEqual({ p1: "new", p2: "occasional", p3: "loyal", p4: "loyal", p5: "top", p6: "at_risk", p7: "new" });
  });

  it("computes the same tier in SQL as in the function (the answer writer and the back-fill)", async () => {
    const db = createClient({ url: ":memory:" });
    await db.execute("create table purchases (id text primary key, customer_id text, purchased_at integer)");
    // A seeded history of 40 customers with 1–8 purchases each over two years.
    let s = 99;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    console.log("value-tiers seed 99");
    const all: { id: string; customer: string; purchasedAt: number }[] = [];
    for (let c = 0; c < 40; c++) for (let k = 0, n = 1 + Math.floor(rand() * 8); k < n; k++) all.push({ id: `c${c}-${k}`, customer: `c${c}`, purchasedAt: T + Math.floor(rand() * 730) * DAY });
    await db.batch(all.map((p) => ({ sql: "insert into purchases values (?, ?, ?)", args: [p.id, p.customer, p.purchasedAt] })));
    const expected = new Map<string, Tier>();
    for (let c = 0; c < 40; c++) for (const [id, tier] of tiersOfHistory(all.filter((p) => p.customer === `c${c}`))) expected.set(id, tier);
    const rs = await db.execute(`select p.id, ${tierAtPurchaseSql("p.id")} from purchases p`);
    const got = new Map(rs.rows.map((r) => [String(r[0]), String(r[1])]));
    // Purchases at the same instant as another of the customer's: neither counts the other (strictly before).
    expect(got).toEqual(expected);
    expect(new Set(got.values()).size).toBe(5);
  });
});
