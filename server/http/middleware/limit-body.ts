// Request body size limit that trusts a Content-Length when there is one.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../errors";

/**
 * hono's bodyLimit touches `req.body` first, which makes @hono/node-server build a web
 * ReadableStream for every request (a third of an answer's CPU under load). With a
 * Content-Length the check needs only the header (Node rejects a body longer than it announced);
 * a chunked body still goes through bodyLimit, which counts what it reads.
 */
export function limitBody(maxSize: number, opts: { except?: RegExp } = {}): MiddlewareHandler {
  const onError = () => {
    throw new AppError("payload_too_large", `Request body is larger than ${maxSize} bytes`);
  };
  const counting = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    if (opts.except?.test(c.req.path)) return next();
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return counting(c, next);
    if (Number(length) > maxSize) onError();
    await next();
  };
}
