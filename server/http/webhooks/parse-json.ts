// A verified webhook body → JSON object, or a 400 naming the body.
import { AppError } from "../../errors";

export function parseJsonObject(raw: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError("invalid_input", 400, "Body is not valid JSON", { field: "(body)" });
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new AppError("invalid_input", 400, "Body must be a JSON object", { field: "(body)" });
  return value as Record<string, unknown>;
}
