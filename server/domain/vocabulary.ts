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

/** The value model's answer keys (`benefit_functional` … `cost_risk`): one per value type and per cost kind. */
export const VALUE_ANSWER_KEYS = [...VALUE_TYPES.map((t) => `benefit_${t}` as const), ...COST_KINDS.map((k) => `cost_${k}` as const)];
export type ValueAnswerKey = (typeof VALUE_ANSWER_KEYS)[number];
/** Question keys with a column of their own in `responses` (any other key goes to `extra`), in export order. */
export const ANSWER_KEYS = ["score", "csat", ...VALUE_ANSWER_KEYS, "comment"] as const;
export type AnswerKey = (typeof ANSWER_KEYS)[number];

type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
/** A key's property on a stored response row: `benefit_functional` → `benefitFunctional`. */
export type AnswerField<K extends AnswerKey = AnswerKey> = Camel<K>;
export const answerField = <K extends AnswerKey>(key: K) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) as AnswerField<K>;

/** A stored row's value answers by key ({benefit_functional: 4, …}): the one mapper for exports, webhooks and the survey page. */
export function valueAnswers<V>(row: { [F in AnswerField<ValueAnswerKey>]: V }): Record<ValueAnswerKey, V> {
  return Object.fromEntries(VALUE_ANSWER_KEYS.map((k) => [k, row[answerField(k)]])) as Record<ValueAnswerKey, V>;
}
