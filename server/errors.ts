// The one error type services throw, its codes and their HTTP statuses (one table); the app's error handler turns
// it into {"error":{code,message,details,requestId}}.
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every error code a client can receive, with its status. A new code goes here (and is documented by the OpenAPI Error schema). */
export const ERROR_STATUS = {
  invalid_input: 400,
  invalid_password: 400,
  invalid_token: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  not_configured: 404,
  mailbox_disabled: 404,
  conflict: 409,
  archived: 409,
  published: 409,
  nothing_to_publish: 409,
  user_exists: 409,
  last_admin: 409,
  cannot_deactivate_self: 409,
  account_deactivated: 409,
  survey_closed: 410,
  payload_too_large: 413,
  unsupported_parameter: 422,
  rate_limited: 429,
  account_locked: 429,
  too_many_imports: 429,
  too_many_streams: 429,
  internal: 500,
  misconfigured: 500,
  send_failed: 502,
  email_not_sent: 502,
  /** A refusal by Hono itself (HTTPException) without a code of ours; answered with the exception's own status. */
  http_error: 400,
} as const satisfies Record<string, ContentfulStatusCode>;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly details?: unknown;
  /** The status comes from ERROR_STATUS. */
  constructor(code: ErrorCode, message: string, details?: unknown);
  /** An explicit status, kept while throw sites move to the table. */
  constructor(code: ErrorCode, status: ContentfulStatusCode, message: string, details?: unknown);
  constructor(code: ErrorCode, statusOrMessage: ContentfulStatusCode | string, messageOrDetails?: unknown, details?: unknown) {
    const explicit = typeof statusOrMessage === "number";
    super(explicit ? String(messageOrDetails) : statusOrMessage);
    this.code = code;
    this.status = explicit ? statusOrMessage : ERROR_STATUS[code];
    this.details = explicit ? details : messageOrDetails;
  }
}

/** A 429: the body and the Retry-After header are built from it by the one error handler. */
export const tooManyRequests = (code: "rate_limited" | "account_locked" | "too_many_imports" | "too_many_streams", message: string, retryAfterSeconds?: number) =>
  new AppError(code, message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const unauthorized = () => new AppError("unauthorized", "Sign in or send an API key (Authorization: Bearer …)");
export const forbidden = (message = "You may not do this") => new AppError("forbidden", message);
