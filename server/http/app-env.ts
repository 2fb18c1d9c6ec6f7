// Hono environment shared by every router, and the OpenAPIHono factory with our validation errors.
import { OpenAPIHono, type Hook } from "@hono/zod-openapi";
import type { Principal } from "../services/auth";
import { AppError } from "../errors";

export type AppEnv = { Variables: { principal: Principal | null; requestId: string } };

/** A zod failure names every failing field: {"error":{"code":"invalid_input","details":[{field,message,code,value?,…}]}}. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) {
    const input = (result as { data?: unknown }).data;
    const details = result.error.issues.map((i) => fieldProblem(i, input));
    throw new AppError("invalid_input", `Invalid ${details.map((d) => d.field).join(", ")}`, details);
  }
};

type Issue = { code: string; path: PropertyKey[]; message: string };
/** Names of fields whose value is never echoed back (it could be shown or logged by the client). */
const SECRET_FIELD = /password|secret|token/i;

/**
 * One failing field, with enough for a client to write its own sentence in the user's language:
 * zod's issue code and limits (format, minimum, maximum, origin, values) and the value sent there
 * (short scalars only, never a secret's).
 */
export function fieldProblem(issue: Issue, input: unknown) {
  const field = issue.path.map(String).join(".") || "(body)";
  let value: unknown = input;
  for (const key of issue.path) value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const echo = !SECRET_FIELD.test(field) && (typeof value === "number" || typeof value === "boolean" || (typeof value === "string" && value.length <= 200));
  const extra = issue as unknown as Record<string, unknown>;
  const limits = Object.fromEntries(
    (["format", "minimum", "maximum", "origin", "values", "expected"] as const)
      .filter((k) => extra[k] !== undefined)
      .map((k) => [k, typeof extra[k] === "bigint" ? Number(extra[k]) : extra[k]]),
  );
  return { field, message: issue.message, code: issue.code, ...limits, ...(echo ? { value } : {}) };
}

export function router() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
