// Reading Delighted-style requests: JSON or form bodies with `properties[key]=value`, query arrays like `expand[]`.
import type { Context } from "hono";
import type { z } from "@hono/zod-openapi";
import { AppError } from "../../errors";

/** A JSON object, or a form body whose `a[b]=c` keys become nested objects, as Delighted's curl examples send. */
export async function readParams(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  const text = await c.req.text();
  if (type.includes("application/json")) {
    if (text.trim() === "") return {};
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError("invalid_input", "Malformed JSON body", [{ field: "(body)", message: "is not valid JSON" }]);
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new AppError("invalid_input", "Body must be a JSON object", [{ field: "(body)", message: "must be an object" }]);
    return value as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const m = /^(\w+)\[([^\]]*)\]$/.exec(key);
    if (m) {
      const inner = (out[m[1]] ??= {}) as Record<string, unknown>;
      inner[m[2]] = value;
    } else out[key] = value;
  }
  return out;
}

/** Parses with the schema, throwing our usual 400 naming each failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
  throw new AppError("invalid_input", `Invalid ${details.map((d) => d.field).join(", ")}`, details);
}

/** Parameters Delighted has and we do not: refused with 422 rather than silently ignored, since they would change the result. */
export function refuseUnsupported(params: Record<string, unknown>, names: string[]) {
  const used = names.filter((n) => params[n] !== undefined && params[n] !== null && params[n] !== "");
  if (used.length) throw new AppError("unsupported_parameter", `Not supported here: ${used.join(", ")} (see docs/DELIGHTED.md)`, used.map((field) => ({ field, message: "is not supported" })));
}
