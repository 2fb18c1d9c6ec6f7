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

/** Question keys that map to the value model's columns; other keys are free-form answers. */
export const questionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("nps"), key: z.literal("score"), required: z.boolean(), text: localizedText }),
  z.object({ type: z.literal("csat"), key: z.literal("csat"), required: z.boolean(), text: localizedText }),
  z.object({ type: z.literal("benefit"), key: z.string(), valueType: z.enum(VALUE_TYPES), required: z.boolean(), text: localizedText }),
  z.object({ type: z.literal("cost"), key: z.string(), costKind: z.enum(COST_KINDS), required: z.boolean(), text: localizedText }),
  z.object({ type: z.literal("text"), key: z.string(), required: z.boolean(), text: localizedText }),
]);
export type Question = z.infer<typeof questionSchema>;

export const templateContentSchema = z.object({
  brand: z.object({ name: z.string().min(1), color: z.string().regex(/^#[0-9a-fA-F]{6}$/), logoUrl: z.string().url().nullable() }),
  email: z.object({ subject: localizedText, preheader: localizedText, intro: localizedText }),
  questions: z.array(questionSchema).min(1),
});
export type TemplateContent = z.infer<typeof templateContentSchema>;

/** Sending rules of a template (issue 4 grows these). */
export const templateRulesSchema = z.object({
  delayHours: z.number().int().min(0),
  throttleDays: z.number().int().min(0),
  closeAfterDays: z.number().int().min(1),
});
export type TemplateRules = z.infer<typeof templateRulesSchema>;

/** The columns of a response that hold the value model; keys of questions of those types. */
export const benefitKey = (t: ValueType) => `benefit_${t}` as const;
export const costKey = (k: CostKind) => `cost_${k}` as const;
