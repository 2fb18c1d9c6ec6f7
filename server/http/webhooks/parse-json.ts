// A verified webhook body → JSON object, or a 400 naming the body.
import { AppError } from "../../errors";

/**
 * Shopify ids are 64-bit integers, past JavaScript's exact range (820982911946154508 would parse as
 * …500): integers of 16+ digits under keys ending in "id" are read as strings instead.
 */
const BIG_ID = /("\w*id"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g;

export function parseJsonObject(raw: Uint8Array, opts: { bigIdsAsStrings?: boolean } = {}): Record<string, unknown> {
  let value: unknown;
  try {
    const text = new TextDecoder().decode(raw);
    value = JSON.parse(opts.bigIdsAsStrings ? text.replace(BIG_ID, '$1"$2"') : text);
  } catch {
    throw new AppError("invalid_input", "Body is not valid JSON", { field: "(body)" });
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new AppError("invalid_input", "Body must be a JSON object", { field: "(body)" });
  return value as Record<string, unknown>;
}
