// The product's vocabulary, defined once: locales, the value model's kinds, staff roles and the limits a person
// meets. Schemas (zod, drizzle), mappers and dictionaries derive from these lists; adding an entry here makes
// the typecheck and test/unit/vocabulary.test.ts point at every place that must follow.

/** Languages of customer pages, emails and the dashboard. */
export const LOCALES = ["en", "vi"] as const;
export type Locale = (typeof LOCALES)[number];

/** The benefit side of the customer-value model: what a purchase gave. */
export const VALUE_TYPES = ["functional", "social", "emotional", "monetary"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
/** The cost side: what it took. */
export const COST_KINDS = ["money", "time", "effort", "risk"] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** Staff roles; what each may do is stated at each route (requireAuth) and in docs/SECURITY.md. */
export const ROLES = ["admin", "marketer", "support", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** A customer's comment, in characters: the survey page's field and the server's check. */
export const COMMENT_MAX = 2000;
