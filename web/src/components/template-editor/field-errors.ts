// Validation of the editor's template with the server's own schema; errors keyed by dotted path ("content.email.subject.vi"),
// shown in the dashboard's language next to the field and in the summary.
import { isLocale, LOCALE_NAMES, LOCALES, templateInputSchema } from "../../../../server/domain/template-content";
import { t, type TextKey } from "../../i18n";

export type FieldErrors = Record<string, string>;

/** The schema's messages (English, shared with the API) in the dashboard's language; an unknown one is shown as written. */
export function localizeError(message: string): string {
  const missing = LOCALES.find((l) => message === `missing ${LOCALE_NAMES[l]} text`);
  if (missing) return t("editor.errors.missingText", { locale: t(`editor.localeName.${missing}`) });
  const fixed: Record<string, TextKey> = {
    "missing brand name": "editor.errors.missingBrand",
    "missing sender name": "editor.errors.missingSender",
    "missing template name": "editor.errors.missingName",
    "a colour like #4f46e5": "editor.errors.colour",
    "an http(s) URL": "editor.errors.url",
    "add at least one question": "editor.errors.atLeastOneQuestion",
    "the NPS question must be the first question": "editor.errors.npsFirst",
    "lower-case letters, digits and _; starts with a letter; at most 40": "editor.errors.keyFormat",
    "the reminder must come before the survey closes": "editor.errors.reminderBeforeClose",
  };
  if (fixed[message]) return t(fixed[message]);
  const key = /^key "(.*)" is used by another question$/.exec(message);
  if (key) return t("editor.errors.keyUsed", { key: key[1]! });
  const option = /^value "(.*)" is used by another option$/.exec(message);
  if (option) return t("editor.errors.optionUsed", { value: option[1]! });
  return message;
}

/** zod's own number messages ("Too small: expected number to be >=1") say the field's bounds instead. */
function numberProblem(issue: { code: string; origin?: string; minimum?: unknown; maximum?: unknown; expected?: string }, bounds: Record<string, [number, number]>, path: string): string | null {
  const range = bounds[path];
  if (!range || !(issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type" || issue.code === "not_multiple_of")) return null;
  return Number.isFinite(range[1]) ? t("editor.errors.number", { min: range[0], max: range[1] }) : t("editor.errors.numberMin", { min: range[0] });
}

const NUMBER_BOUNDS: Record<string, [number, number]> = {
  "rules.delayHours": [0, 24 * 90],
  "rules.reminderAfterDays": [1, 30],
  "rules.closeAfterDays": [1, 365],
  "rules.throttleDays": [0, 730],
  "rules.sampleRate": [1, 100],
  "rules.priority": [0, 1000],
  "rules.filters.minAmount": [0, Number.POSITIVE_INFINITY],
};

export function validateTemplate(value: unknown): FieldErrors {
  const result = templateInputSchema.safeParse(value);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join(".") || "(template)";
    errors[path] ??= numberProblem(issue as never, NUMBER_BOUNDS, path) ?? localizeError(issue.message);
  }
  return errors;
}

/** Ids for inputs from their path, so an error summary can link to the field. */
export const fieldId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

const EMAIL_FIELDS: Record<string, TextKey> = {
  senderName: "editor.fields.senderName",
  subject: "editor.fields.subject",
  preheader: "editor.fields.preheader",
  intro: "editor.fields.intro",
  reminderSubject: "editor.fields.reminderSubject",
  reminderIntro: "editor.fields.reminderIntro",
};
const BRAND_FIELDS: Record<string, TextKey> = { name: "editor.fields.brandName", color: "editor.fields.brandColor", logoUrl: "editor.fields.brandLogoUrl" };
const RULE_FIELDS: Record<string, TextKey> = {
  delayHours: "editor.rulesForm.delay",
  reminderAfterDays: "editor.rulesForm.reminder",
  closeAfterDays: "editor.rulesForm.close",
  throttleDays: "editor.rulesForm.throttle",
  sampleRate: "editor.rulesForm.sampleRate",
  priority: "editor.rulesForm.priority",
  "filters.categories": "editor.rulesForm.categories",
  "filters.channels": "editor.rulesForm.channels",
  "filters.locales": "editor.rulesForm.locales",
  "filters.minAmount": "editor.rulesForm.minAmount",
};

/** "content.questions.3.text.vi" → "Question 4 text (Vietnamese)": what the error summary shows. */
export function fieldLabel(path: string): string {
  const parts = path.split(".");
  const last = parts[parts.length - 1]!;
  const locale = isLocale(last) ? last : null;
  const bare = locale ? parts.slice(0, -1) : parts;
  const label = bareLabel(bare) ?? path;
  return locale ? t("editor.fields.withLocale", { field: label, locale: t(`editor.localeName.${locale}`) }) : label;
}

function bareLabel(bare: string[]): string | null {
  if (bare[0] === "name") return t("editor.fields.name");
  if (bare[0] === "rules") {
    const rest = bare.slice(1).join(".");
    const key = RULE_FIELDS[rest] ?? RULE_FIELDS[bare.slice(1, 3).join(".")];
    return t("editor.fields.rule", { name: key ? t(key) : rest });
  }
  if (bare[1] === "brand") return BRAND_FIELDS[bare[2] ?? ""] ? t(BRAND_FIELDS[bare[2]!]!) : null;
  if (bare[1] === "email") return EMAIL_FIELDS[bare[2] ?? ""] ? t(EMAIL_FIELDS[bare[2]!]!) : null;
  if (bare[1] === "questions") {
    if (bare.length === 2) return t("editor.fields.questions");
    const n = Number(bare[2]) + 1;
    const rest = bare.slice(3);
    if (rest[0] === "options") return t("editor.fields.option", { n, m: Number(rest[1]) + 1 });
    if (rest[0] === "text") return t("editor.fields.questionText", { n });
    if (rest[0] === "key") return t("editor.fields.questionKey", { n });
    if (rest[0] === "type") return t("editor.fields.questionType", { n });
    return t("editor.fields.question", { n });
  }
  return null;
}
