// A stand-in for Resend's HTTP API on loopback (POST /emails/batch), so our real SDK client code runs in tests.
// It keeps Resend's documented rules: ≤ 100 emails per batch, Bearer auth, and Idempotency-Key —
// the same key with the same body replays the first answer without sending again; with another body, 409;
// a key is kept 24 hours, then forgotten (the same request sends again). Every answer carries the IETF
// rate-limit headers Resend sends (ratelimit-limit / -remaining / -reset, a window of one second).
// With `x-batch-validation: permissive` an email with an invalid `to` is refused alone (listed in `errors`).
// It also plays Resend's webhook sender: events signed Svix-style (svix-id, svix-timestamp, svix-signature).
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeEmail = { id?: string; from: string; to: string[]; subject: string; html: string; text: string; headers?: Record<string, string> };

const VALID_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export type ResendFake = {
  url: string;
  apiKey: string;
  /** Every email delivered, once per real send. */
  delivered: FakeEmail[];
  /** Every batch request received, including replays. */
  requests: { idempotencyKey: string | undefined; count: number }[];
  /** Extra headers on every answer, e.g. Resend's `ratelimit-remaining` / `ratelimit-reset`. */
  responseHeaders: Record<string, string>;
  /** Addresses the fake refuses as invalid `to` (beyond malformed ones), like Resend's own validation. */
  invalidAddresses: Set<string>;
  /** Make the next `times` requests fail: after sending ("lost response") or before (refused). */
  failNext(times: number, mode: { status: number; afterSending: boolean; retryAfter?: number }): void;
  close(): Promise<void>;
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  // Collect bytes first: a multi-byte UTF-8 character may be split across chunks.
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** Resend keeps an Idempotency-Key this long. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

export type ResendFakeOptions = {
  /** The fake's clock (a test's injected clock, to let a day pass); default Date.now. */
  now?: () => number;
  /** Requests per one-second window announced in the rate-limit headers. Resend's default is 2; the fake's is
   * generous so that tests not about the rate are not paced by it. */
  requestsPerSecond?: number;
};

export async function startResendFake(opts: ResendFakeOptions = {}): Promise<ResendFake> {
  const now = opts.now ?? Date.now;
  const limit = opts.requestsPerSecond ?? 1000;
  const apiKey = "re_test_" + randomUUID();
  const delivered: FakeEmail[] = [];
  const requests: ResendFake["requests"] = [];
  const byKey = new Map<string, { body: string; response: unknown; at: number }>();
  let window = { start: -Infinity, used: 0 };
  /** Counts this request in the current one-second window and says what is left of it. */
  const rateLimitHeaders = (): Record<string, string> => {
    const t = now();
    if (t - window.start >= 1000) window = { start: t, used: 0 };
    window.used++;
    return { "ratelimit-limit": String(limit), "ratelimit-remaining": String(Math.max(0, limit - window.used)), "ratelimit-reset": String(Math.max(1, Math.ceil((window.start + 1000 - t) / 1000))) };
  };
  const invalidAddresses = new Set<string>();
  const responseHeaders: Record<string, string> = {};
  const isValid = (to: string) => VALID_ADDRESS.test(to) && !invalidAddresses.has(to);
  let failures: { times: number; status: number; afterSending: boolean; retryAfter?: number } | null = null;

  const server: Server = createServer(async (req, res) => {
    const rateLimit = rateLimitHeaders();
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...rateLimit, ...responseHeaders, ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/emails/batch") return send(404, { statusCode: 404, name: "not_found", message: "Not found" });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return send(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });
    const emails = (await readJson(req)) as FakeEmail[];
    const key = req.headers["idempotency-key"] as string | undefined;
    requests.push({ idempotencyKey: key, count: emails.length });
    if (!Array.isArray(emails) || emails.length > 100)
      return send(422, { statusCode: 422, name: "validation_error", message: "The batch must hold 1 to 100 emails" });
    const bodyText = JSON.stringify(emails);
    // Past 24 hours Resend has forgotten the key: the request is new, and sends again.
    if (key && byKey.has(key) && now() - byKey.get(key)!.at >= IDEMPOTENCY_KEY_TTL_MS) byKey.delete(key);
    const seen = key ? byKey.get(key) : undefined;
    if (seen) {
      if (seen.body !== bodyText) return send(409, { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key, different payload" });
      return send(200, seen.response);
    }
    const fail = failures && failures.times > 0 ? failures : null;
    if (fail) fail.times--;
    if (fail && !fail.afterSending)
      return send(fail.status, { statusCode: fail.status, name: fail.status === 429 ? "rate_limit_exceeded" : "application_error", message: "Injected failure" }, fail.retryAfter ? { "retry-after": String(fail.retryAfter) } : {});
    const permissive = req.headers["x-batch-validation"] === "permissive";
    const invalid = emails.flatMap((e, index) => (e.to.every(isValid) ? [] : [{ index, message: `Invalid \`to\` field: ${e.to.join(", ")}` }]));
    if (invalid.length && !permissive) return send(422, { statusCode: 422, name: "validation_error", message: invalid[0].message });
    const accepted = emails.filter((_, i) => !invalid.some((x) => x.index === i)).map((e) => ({ ...e, id: randomUUID() }));
    const response = { data: accepted.map((e) => ({ id: e.id })), ...(permissive && { errors: invalid }) };
    delivered.push(...accepted);
    if (key) byKey.set(key, { body: bodyText, response, at: now() });
    // "Lost response": the emails went out, but the client sees an error and must retry.
    if (fail) return send(fail.status, { statusCode: fail.status, name: "application_error", message: "Injected failure after sending" });
    send(200, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    delivered,
    requests,
    invalidAddresses,
    responseHeaders,
    failNext: (times, mode) => void (failures = { times, ...mode }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A Resend/Svix webhook signing secret, as shown in Resend's dashboard. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/**
 * Headers Resend sends with a webhook: svix-signature is "v1," + base64 HMAC-SHA256 of "id.timestamp.body"
 * keyed with the secret's base64 part. `timestamp` in seconds (default now).
 */
export function signWebhook(secret: string, body: string, opts: { id?: string; timestamp?: number } = {}) {
  const id = opts.id ?? `msg_${randomUUID()}`;
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}`, "content-type": "application/json" };
}

/** A Resend email event for a message the fake delivered, shaped like Resend's webhook payloads. */
export function emailEvent(
  type: "email.sent" | "email.delivered" | "email.delivery_delayed" | "email.bounced" | "email.complained",
  email: FakeEmail,
  extra: { bounce?: { type: "Permanent" | "Transient"; subType: string; message: string } } = {},
) {
  const created_at = new Date().toISOString();
  return {
    type,
    created_at,
    data: { created_at, email_id: email.id, message_id: `<${email.id}@resend.dev>`, from: email.from, to: email.to, subject: email.subject, ...extra },
  };
}
