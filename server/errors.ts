// The one error type services throw; the app's error handler turns it into {"error":{code,message,details}}.
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError("not_found", 404, `${what} not found`);
export const unauthorized = () => new AppError("unauthorized", 401, "Sign in or send an API key (Authorization: Bearer …)");
export const forbidden = (message = "You may not do this") => new AppError("forbidden", 403, message);
