// Shape of a survey template's content: the questions and every customer-facing string, per locale.
import { z } from "zod";

export const LOCALES = ["en", "vi"] as const;
export type Locale = (typeof LOCALES)[number];
export const VALUE_TYPES = ["functional", "social", "emotional", "monetary"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const COST_KINDS = ["money", "time", "effort", "risk"] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** Text in every supported locale; a missing locale is an error, never a blank in an email. */
export const localizedText = z.object({ en: z.string().min(1), vi: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedText>;

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

export const templateContentSchema = z.object({
  brand: z.object({ name: z.string().min(1), color: z.string().regex(/^#[0-9a-fA-F]{6}$/), logoUrl: z.string().url().nullable() }),
  email: z.object({
    /** Display name in From; the address itself is configuration. */
    senderName: z.string().min(1).max(80).default("ValuePulse"),
    subject: localizedText,
    preheader: localizedText,
    intro: localizedText,
    /** The one reminder (see rules.reminderAfterDays); the survey links are the same. */
    reminderSubject: localizedText.default({ en: "A reminder: how was your purchase from {brand}?", vi: "Nhắc nhẹ: bạn thấy lần mua hàng tại {brand} thế nào?" }),
    reminderIntro: localizedText.default({
      en: "We would still love to hear how your purchase went. It takes less than two minutes.",
      vi: "Chúng tôi vẫn rất mong được nghe cảm nhận của bạn về lần mua hàng. Chỉ mất chưa đến hai phút.",
    }),
  }),
  questions: z.array(questionSchema).min(1),
});
export type TemplateContent = z.infer<typeof templateContentSchema>;
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
      categories: z.array(z.string().min(1)).default([]),
      channels: z.array(z.string().min(1)).default([]),
      locales: z.array(z.enum(LOCALES)).default([]),
      /** Minimum amount in minor units; null = any. */
      minAmount: z.number().int().min(0).nullable().default(null),
    })
    .default({ categories: [], channels: [], locales: [], minAmount: null }),
  /** When several active templates match a purchase, the highest priority wins (ties: newest published). */
  priority: z.number().int().min(0).max(1000).default(100),
});
export type TemplateRules = z.infer<typeof templateRulesSchema>;
export type TemplateRulesInput = z.input<typeof templateRulesSchema>;

/** The columns of a response that hold the value model; keys of questions of those types. */
export const benefitKey = (t: ValueType) => `benefit_${t}` as const;
export const costKey = (k: CostKind) => `cost_${k}` as const;
