// Customer value kept per customer as purchases and answers arrive (server/services/customer-values.ts), the tier
// job's thresholds, and the totals the Analytics page reads: value figures without a scan of purchases.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { TIERS } from "../../server/domain/value-tiers";
import { customers } from "./customers";

/**
 * One row per customer who has bought: their last 12 months (purchases_12m, first_at … last_at; values change
 * again at expires_at, when the oldest leaves the window), the facts of their latest purchase and its tier under
 * the current thresholds (`tier`: null without a purchase in 12 months), and their latest answer (what revenue
 * at risk and revenue-weighted NPS read, with the fields the Analytics filters select it by).
 */
export const customerValues = sqliteTable(
  "customer_values",
  {
    customerId: text("customer_id").primaryKey().references(() => customers.id, { onDelete: "cascade" }),
    purchases12m: integer("purchases_12m").notNull(),
    /** 1 when some purchase of the 12 months has an amount above 0 (revenue at risk lists only those). */
    hasRevenue: integer("has_revenue").notNull(),
    firstAt: integer("first_at"),
    lastAt: integer("last_at"),
    expiresAt: integer("expires_at"),
    /** The latest purchase's tier facts (value-tiers.ts TierFacts). */
    lastCurrency: text("last_currency"),
    lastPurchases: integer("last_purchases"),
    lastRevenue: integer("last_revenue"),
    lastGapMs: integer("last_gap_ms"),
    tier: text("tier", { enum: TIERS }),
    /** The latest answer with a score (by updated_at): its score, class (+1 promoter, 0 passive, −1 detractor) and what filters read. */
    latestScore: integer("latest_score"),
    latestClass: integer("latest_class"),
    latestUpdatedAt: integer("latest_updated_at"),
    latestAnsweredAt: integer("latest_answered_at"),
    latestTemplateId: text("latest_template_id"),
    latestChannel: text("latest_channel"),
    latestLocale: text("latest_locale"),
    latestCategory: text("latest_category"),
    latestTier: text("latest_tier", { enum: TIERS }),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("customer_values_expires_idx").on(t.expiresAt), index("customer_values_at_risk_idx").on(t.latestClass, t.hasRevenue, t.customerId)],
);

/** Per customer and currency: the last 12 months' revenue and purchases, with the customer's current tier and latest answer class copied (for the totals and the at-risk list). */
export const customerRevenue = sqliteTable(
  "customer_revenue",
  {
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    currency: text("currency").notNull(),
    revenue12m: integer("revenue_12m").notNull(),
    purchases12m: integer("purchases_12m").notNull(),
    tier: text("tier", { enum: TIERS }),
    latestClass: integer("latest_class"),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.currency] }),
    // The tier job's thresholds (k-th largest per currency) and the at-risk list (largest first: read backwards) read these in order.
    index("customer_revenue_rank_idx").on(t.currency, t.revenue12m),
    index("customer_revenue_at_risk_idx").on(t.currency, t.latestClass, t.revenue12m, t.customerId),
  ],
);

/**
 * Sums over customer_revenue per current tier ("" = none) and currency, kept by triggers on it; currency "" holds
 * customer counts over customer_values (a customer buying in two currencies counts once there). Read instead of
 * summing customers.
 */
export const valueTotals = sqliteTable(
  "value_totals",
  {
    tier: text("tier").notNull(),
    currency: text("currency").notNull(),
    customers: integer("customers").notNull(),
    revenue: integer("revenue").notNull(),
    purchases: integer("purchases").notNull(),
    /** Revenue of customers whose latest answer is a promoter's / passive's / detractor's, and how many detractors with revenue. */
    promoterRevenue: integer("promoter_revenue").notNull(),
    passiveRevenue: integer("passive_revenue").notNull(),
    detractorRevenue: integer("detractor_revenue").notNull(),
    detractorCustomers: integer("detractor_customers").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tier, t.currency] })],
);

/** The tier job's top-spender threshold per currency (value-tiers.ts TierThresholds), and over how many customers. */
export const tierThresholds = sqliteTable("tier_thresholds", {
  currency: text("currency").primaryKey(),
  topRevenue: integer("top_revenue").notNull(),
  customers: integer("customers").notNull(),
  computedAt: integer("computed_at").notNull(),
});

/** The tier job's state (one row, id = 1): its last run, and an upgrade's back-fill still to do (null: none). */
export const valueJob = sqliteTable("value_job", {
  id: integer("id").primaryKey(),
  lastRunAt: integer("last_run_at"),
  /** "customers" → "tiers" → "answers" → null; `cursor` is where the current step stopped (customer id or rowid). */
  backfill: text("backfill"),
  cursor: text("cursor"),
});
