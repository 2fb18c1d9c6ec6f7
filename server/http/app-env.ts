// Hono environment shared by every router, and the OpenAPIHono factory with our validation errors.
import { OpenAPIHono, type Hook } from "@hono/zod-openapi";
import type { Principal } from "../services/auth";
import { AppError } from "../errors";

export type AppEnv = { Variables: { principal: Principal | null; requestId: string } };

/** A zod failure names every failing field: {"error":{"code":"invalid_input","details":[{field,message}]}}. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) {
    const details = result.error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
    throw new AppError("invalid_input", 400, `Invalid ${details.map((d) => d.field).join(", ")}`, details);
  }
};

export function router() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
