// Validation of the editor's template with the server's own schema; errors keyed by dotted path ("content.email.subject.vi").
import { templateInputSchema } from "../../../../server/domain/template-content";

export type FieldErrors = Record<string, string>;

export function validateTemplate(value: unknown): FieldErrors {
  const result = templateInputSchema.safeParse(value);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join(".") || "(template)";
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Ids for inputs from their path, so an error summary can link to the field. */
export const fieldId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

const LOCALE_LABEL: Record<string, string> = { en: "English", vi: "Vietnamese" };
const EMAIL_LABEL: Record<string, string> = {
  senderName: "Sender name",
  subject: "Email subject",
  preheader: "Email preheader",
  intro: "Email introduction",
  reminderSubject: "Reminder subject",
  reminderIntro: "Reminder introduction",
};

/** "content.questions.3.text.vi" → "Question 4 text (Vietnamese)": what the error summary shows. */
export function fieldLabel(path: string): string {
  const parts = path.split(".");
  const locale = LOCALE_LABEL[parts[parts.length - 1]!];
  const bare = locale ? parts.slice(0, -1) : parts;
  const suffix = locale ? ` (${locale})` : "";
  if (bare[0] === "name") return `Template name${suffix}`;
  if (bare[0] === "rules") return `Rule ${bare.slice(1).join(" › ")}${suffix}`;
  if (bare[1] === "brand") return `Brand ${bare[2] ?? ""}${suffix}`.trim();
  if (bare[1] === "email") return `${EMAIL_LABEL[bare[2] ?? ""] ?? bare.slice(2).join(" ")}${suffix}`;
  if (bare[1] === "questions") {
    if (bare.length === 2) return "Questions";
    const n = Number(bare[2]) + 1;
    const rest = bare.slice(3);
    if (rest[0] === "options") return `Question ${n} option ${Number(rest[1]) + 1} ${rest[2] ?? ""}${suffix}`.replace(/ +/g, " ").trim();
    return `Question ${n} ${rest.join(" ")}${suffix}`.trim();
  }
  return path;
}
