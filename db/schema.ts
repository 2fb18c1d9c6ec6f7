// Drizzle tables of ValuePulse. Times are epoch ms (UTC); money is integer minor units + ISO 4217 code.
// One file per area in db/tables/; drizzle-kit and the code read them all through this barrel.
export * from "./tables/staff";
export * from "./tables/customers";
export * from "./tables/surveys";
export * from "./tables/rollups";
export * from "./tables/alerts";
export * from "./tables/delivery";
export * from "./tables/integrations";
export * from "./tables/customer-values";
export * from "./tables/analytics-rollups";
