// Shape of a survey template's content: the questions and every customer-facing string, per locale.
import { z } from "zod";
import { COST_KINDS, LOCALES, VALUE_TYPES, type CostKind, type Locale, type ValueType } from "./vocabulary";

export { COST_KINDS, INTL_LOCALES, isLocale, LOCALES, VALUE_TYPES, type CostKind, type Locale, type ValueType } from "./vocabulary";

export const LOCALE_NAMES: Record<Locale, string> = { en: "English", vi: "Vietnamese" };
const textIn = (locale: Locale) => {
  const missing = `missing ${LOCALE_NAMES[locale]} text`;
  return z.string({ error: missing }).trim().min(1, missing).max(2000);
};
/** Text in every supported locale; a missing (or blank) locale is an error, never a blank in an email. */
export const localizedText = z.object(Object.fromEntries(LOCALES.map((l) => [l, textIn(l)])) as Record<Locale, ReturnType<typeof textIn>>);
export type LocalizedText = Record<Locale, string>;
/** An empty text in every locale (a new question or option in the editor). */
export const emptyLocalizedText = (): LocalizedText => Object.fromEntries(LOCALES.map((l) => [l, ""])) as LocalizedText;

/** The reminder's default texts (dictionary content: a new locale is a type error here until it has its text). */
const DEFAULT_REMINDER_SUBJECT: LocalizedText = { en: "A reminder: how was your purchase from {brand}?", vi: "Nhắc nhẹ: bạn thấy lần mua hàng tại {brand} thế nào?" };
const DEFAULT_REMINDER_INTRO: LocalizedText = {
  en: "We would still love to hear how your purchase went. It takes less than two minutes.",
  vi: "Chúng tôi vẫn rất mong được nghe cảm nhận của bạn về lần mua hàng. Chỉ mất chưa đến hai phút.",
};

export const TOUCHPOINTS = ["learning", "buying", "delivery_use", "after_sales"] as const;
export type Touchpoint = (typeof TOUCHPOINTS)[number];
/** Answers to an expectation-gap question: value received compared with what the customer expected. */
export const EXPECTATIONS = ["worse", "as_expected", "better"] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

/** A question's stable key: results stay comparable across template versions by this key. */
const questionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _; starts with a letter; at most 40");

/** Question keys that map to the value model's columns; other keys are free-form answers. */
export const questionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("nps"), key: z.literal("score"), required: z.boolean(), text: localizedText }),
  z.object({ type: z.literal("csat"), key: z.literal("csat"), required: z.boolean(), text: localizedText }),
  z.object({ type: z.literal("benefit"), key: questionKey, valueType: z.enum(VALUE_TYPES), required: z.boolean(), text: localizedText }),
  z.object({ type: z.literal("cost"), key: questionKey, costKind: z.enum(COST_KINDS), required: z.boolean(), text: localizedText }),
  /** worse / as expected / better than expected, for one value type. */
  z.object({ type: z.literal("expectation"), key: questionKey, valueType: z.enum(VALUE_TYPES), required: z.boolean(), text: localizedText }),
  /** 1–5 rating of one step of the customer journey. */
  z.object({ type: z.literal("touchpoint"), key: questionKey, touchpoint: z.enum(TOUCHPOINTS), required: z.boolean(), text: localizedText }),
  z.object({
    type: z.literal("choice"),
    key: questionKey,
    required: z.boolean(),
    text: localizedText,
    options: z.array(z.object({ value: questionKey, label: localizedText })).min(2).max(12),
  }),
  z.object({ type: z.literal("text"), key: questionKey, required: z.boolean(), text: localizedText }),
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question["type"];

/** The value type or cost kind a `benefit_…`/`cost_…` key names: itself (`functional`) or an item's prefix (`functional_well_made`). */
const kindInKey = (rest: string, kinds: readonly string[]) => kinds.find((k) => rest === k || rest.startsWith(`${k}_`)) ?? rest;

/**
 * Keys that are columns of the value model, and the item keys of their scales (`benefit_functional_well_made`, the
 * item bank's): only a question of the matching type may use them, so a key always says what it measures.
 */
function reservedKeyProblem(q: Question): string | null {
  const benefit = /^benefit_(.+)$/.exec(q.key);
  const valueType = benefit && kindInKey(benefit[1], VALUE_TYPES);
  if (valueType && !(q.type === "benefit" && q.valueType === valueType)) return `"${q.key}" is kept for the ${valueType} benefit question${valueType === benefit![1] ? "" : "s"}`;
  const cost = /^cost_(.+)$/.exec(q.key);
  const costKind = cost && kindInKey(cost[1], COST_KINDS);
  if (costKind && !(q.type === "cost" && q.costKind === costKind)) return `"${q.key}" is kept for the ${costKind} cost question${costKind === cost![1] ? "" : "s"}`;
  if (q.key === "comment" && q.type !== "text") return `"comment" is kept for a free-text question`;
  return null;
}

export const templateContentSchema = z
  .object({
    brand: z.object({
      name: z.string().trim().min(1, "missing brand name").max(80),
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #4f46e5"),
      logoUrl: z
        .string()
        .trim()
        .regex(/^https?:\/\//i, "an http(s) URL")
        .pipe(z.url())
        .nullable(),
    }),
    email: z.object({
      /** Display name in From; the address itself is configuration. */
      senderName: z.string().trim().min(1, "missing sender name").max(80).default("ValuePulse"),
      subject: localizedText,
      preheader: localizedText,
      intro: localizedText,
      /** The one reminder (see rules.reminderAfterDays); the survey links are the same. */
      reminderSubject: localizedText.default(DEFAULT_REMINDER_SUBJECT),
      reminderIntro: localizedText.default(DEFAULT_REMINDER_INTRO),
    }),
    questions: z.array(questionSchema).min(1, "add at least one question").max(40),
  })
  .superRefine((content, ctx) => {
    const seen = new Set<string>();
    content.questions.forEach((q, i) => {
      // NPS is the question in the email: it comes first, and only once.
      if (q.type === "nps" && i !== 0) ctx.addIssue({ code: "custom", path: ["questions", i, "type"], message: "the NPS question must be the first question" });
      if (seen.has(q.key)) ctx.addIssue({ code: "custom", path: ["questions", i, "key"], message: `key "${q.key}" is used by another question` });
      seen.add(q.key);
      const reserved = reservedKeyProblem(q);
      if (reserved) ctx.addIssue({ code: "custom", path: ["questions", i, "key"], message: reserved });
      if (q.type === "choice") {
        const values = new Set<string>();
        q.options.forEach((o, j) => {
          if (values.has(o.value)) ctx.addIssue({ code: "custom", path: ["questions", i, "options", j, "value"], message: `value "${o.value}" is used by another option` });
          values.add(o.value);
        });
      }
    });
  });
export type TemplateContent = z.infer<typeof templateContentSchema>;

/** The question the email asks with one click per answer: the template's first scale question, NPS (0–10) or CSAT (1–5). */
export type OneClickQuestion = Extract<Question, { type: "nps" } | { type: "csat" }>;
export function oneClickQuestion(content: Pick<TemplateContent, "questions">): OneClickQuestion | null {
  return (content.questions.find((q) => q.type === "nps" || q.type === "csat") as OneClickQuestion | undefined) ?? null;
}
/** The answers a one-click link may carry: `?score=0…10` (NPS) or `?csat=1…5` (CSAT); the URL parameter is the question's key. */
export const oneClickValues = (q: OneClickQuestion): readonly number[] =>
  q.type === "nps" ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5];
/** Content as written by hand or sent by the editor: fields with defaults may be left out. */
export type TemplateContentInput = z.input<typeof templateContentSchema>;

/** Sending rules of a template. New fields have defaults, so rules stored before them still parse. */
export const templateRulesSchema = z.object({
  /** Count the delay from the purchase, or from fulfilment (falling back to the purchase when not fulfilled). */
  trigger: z.enum(["purchase", "fulfillment"]).default("fulfillment"),
  delayHours: z.number().int().min(0).max(24 * 90),
  /** One reminder this many days after sending when there is no answer; null = no reminder. */
  reminderAfterDays: z.number().int().min(1).max(30).nullable().default(null),
  closeAfterDays: z.number().int().min(1).max(365),
  throttleDays: z.number().int().min(0).max(730),
  /** Throttle against invitations of this template only, or of any template. */
  throttleScope: z.enum(["template", "all"]).default("template"),
  /** Percentage of matching purchases invited (deterministic per order). */
  sampleRate: z.number().int().min(1).max(100).default(100),
  /** Empty list = any. */
  filters: z
    .object({
      categories: z.array(z.string().trim().min(1, "empty category").max(200)).max(100).default([]),
      channels: z.array(z.string().trim().min(1, "empty channel").max(100)).max(50).default([]),
      locales: z.array(z.enum(LOCALES)).default([]),
      /** Minimum amount in minor units; null = any. */
      minAmount: z.number().int().min(0).nullable().default(null),
    })
    .default({ categories: [], channels: [], locales: [], minAmount: null }),
  /** When several published templates match a purchase, the highest priority wins (ties: the most recently published). */
  priority: z.number().int().min(0).max(1000).default(100),
}).superRefine((rules, ctx) => {
  if (rules.reminderAfterDays !== null && rules.reminderAfterDays >= rules.closeAfterDays)
    ctx.addIssue({ code: "custom", path: ["reminderAfterDays"], message: "the reminder must come before the survey closes" });
});
export type TemplateRules = z.infer<typeof templateRulesSchema>;
export type TemplateRulesInput = z.input<typeof templateRulesSchema>;

/** The columns of a response that hold the value model; keys of questions of those types. */
export const benefitKey = (t: ValueType) => `benefit_${t}` as const;
export const costKey = (k: CostKind) => `cost_${k}` as const;

/** A whole template as the editor saves it and the API takes it: one schema for both. */
export const templateInputSchema = z.object({
  name: z.string().trim().min(1, "missing template name").max(120),
  content: templateContentSchema,
  rules: templateRulesSchema,
});
export type TemplateInput = z.infer<typeof templateInputSchema>;
