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
