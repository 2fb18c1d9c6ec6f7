// Shared OpenAPI pieces: the error responses every route documents.
import { ErrorSchema } from "./schemas/errors";

const DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input; `details` names the failing fields",
  401: "Not signed in and no valid API key",
  403: "Signed in, but not allowed",
  404: "Not found",
  409: "Conflicts with what is stored",
  410: "Gone",
  413: "Body too large",
  429: "Too many requests",
};

export function errorResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: DESCRIPTIONS[s] ?? "Error", content: { "application/json": { schema: ErrorSchema } } }]),
  ) as Record<S, { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }>;
}
