// Emails and customer pages are hono/jsx elements turned into strings here: text and attribute values are escaped by
// construction, so no template builds HTML by hand. Edge-safe.
import { raw } from "hono/html";

/** The doctype, which JSX cannot write: the one piece of raw HTML every document starts with. */
export const DOCTYPE = raw("<!doctype html>");

/** Every email and page renders synchronously (no async components); this turns one into its HTML string. */
export function toHtml(element: unknown): string {
  const out: unknown = String(element);
  if (typeof out !== "string" || out === "[object Promise]") throw new Error("rendered asynchronously");
  return out;
}
