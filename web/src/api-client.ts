// The API's typed client: hono/client's hc over the server's own routes (server/app.ts AppType), so every
// path, input and answer here is the server's; a renamed path or a changed body fails `tsc -p web`.
// Same-origin fetch with the session cookie; an error answer ({"error":{code,message,details}}) becomes ApiError.
import { hc, type ClientResponse } from "hono/client";
import type { AppType } from "../../server/app";

/** The part of an error answer read here (server/app.ts onError builds it; read defensively, a proxy may answer instead). */
type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const isUnauthorized = (e: unknown) => e instanceof ApiError && e.status === 401;

let unauthorizedHandler: (() => void) | undefined;
/** Called when any request (other than login) answers 401, i.e. the session ended. Returns an unregister function. */
export function onUnauthorized(handler: () => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = undefined;
  };
}
export const notifyUnauthorized = () => unauthorizedHandler?.();

export const networkError = () => new ApiError(0, "network_error", "Cannot reach the server. Check your connection and try again.");

/**
 * The client for an origin; the dashboard's (`client`) has the relative base "/", as the API serves it. hc sets
 * Content-Type: application/json when it sends a body. Tests give their own fetch and headers (a session cookie).
 */
export function createApiClient(base: string, opts: { fetch?: typeof fetch; headers?: Record<string, string> } = {}) {
  return hc<AppType>(base, { fetch: opts.fetch, headers: { Accept: "application/json", ...opts.headers }, init: { credentials: "same-origin" } });
}
export const client = createApiClient("/");

/** What a route answers when it succeeds (a 2xx), as the client's types have it; `undefined` for a bodiless answer (204, 202 without content). */
export type Ok<R> = R extends ClientResponse<infer T, infer S, infer F> ? (S extends 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226 ? (F extends "json" ? T : undefined) : never) : never;

/** A response as call() reads it: any fetch Response or hc's typed ClientResponse. */
type Answer = { status: number; statusText: string; ok: boolean; text(): Promise<string> };

/**
 * Awaits a typed client call and returns its success body, or throws ApiError: status 0 "network_error"
 * when the server cannot be reached, else the error body's code, message and details (`http_<status>`
 * when there is none). A 401 tells onUnauthorized's handler, except on the sign-in forms (`login`).
 */
export async function call<R extends Answer>(pending: Promise<R>, opts: { login?: boolean } = {}): Promise<Ok<R>> {
  let res: R;
  try {
    res = await pending;
  } catch {
    throw networkError();
  }
  return (await read(res, opts)) as Ok<R>;
}

/** The body of an answer (undefined for 204 or an empty body), or ApiError for an error status. */
export async function read(res: Answer, opts: { login?: boolean } = {}): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as ErrorBody | undefined)?.error;
    if (res.status === 401 && !opts.login) notifyUnauthorized();
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`.trim(), err?.details);
  }
  return data;
}

/** A path segment as the server's router expects it (hc puts params into the path as given). */
export const seg = encodeURIComponent;
