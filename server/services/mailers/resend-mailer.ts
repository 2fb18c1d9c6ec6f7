// Sends through Resend's batch endpoint with the official SDK: one Idempotency-Key per batch, per-email
// validation (permissive mode), Retry-After passed on, requests spaced to the configured rate.
import { Resend } from "resend";
import { parseRetryAfter } from "../../domain/retry-backoff";
import { MailerError, type Mailer, type SendOutcome } from "./mailer";
import { createRateLimiter } from "./rate-limiter";

export type ResendMailerOptions = {
  baseUrl?: string;
  requestsPerSecond?: number;
  /** Clock and sleep of the rate limiter (tests). */
  time?: { now(): number; sleep(ms: number): Promise<void> };
};

export function resendMailer(apiKey: string, options: ResendMailerOptions | string = {}): Mailer {
  const opts = typeof options === "string" ? { baseUrl: options } : options;
  const resend = new Resend(apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined);
  const waitTurn = createRateLimiter(opts.requestsPerSecond ?? 0, opts.time);
  return {
    kind: "resend",
    async sendBatch(emails, idempotencyKey) {
      if (emails.length === 0) return [];
      await waitTurn();
      const { data, error, headers } = await resend.batch.send(
        emails.map((e) => ({ from: e.from, to: [e.to], subject: e.subject, html: e.html, text: e.text, headers: e.headers, ...(e.replyTo && { replyTo: e.replyTo }) })),
        // Permissive: one bad address fails that email only (reported per index), not the whole batch.
        { idempotencyKey, batchValidation: "permissive" },
      );
      // Resend announces its window (IETF RateLimit headers): when it is used up, wait for the reset.
      if (headers?.["ratelimit-remaining"] === "0") {
        const reset = Number(headers["ratelimit-reset"]);
        if (reset > 0) waitTurn.pauseFor(reset * 1000);
      }
      if (error) {
        const status = error.statusCode ?? undefined;
        // 409 concurrent_idempotent_requests: the same batch is in flight; retrying with the same key is safe.
        // 401/403 (a wrong or restricted API key) are the operator's to fix: keep the emails until then.
        const retryable =
          status === undefined || status === 429 || status === 401 || status === 403 || status >= 500 || (status === 409 && error.name === "concurrent_idempotent_requests");
        const retryAfterMs = parseRetryAfter(headers?.["retry-after"], Date.now());
        throw new MailerError(`Resend ${status ?? "network"} ${error.name}: ${error.message}`, retryable, status, retryAfterMs, error.name);
      }
      const rejected = new Map((data.errors ?? []).map((e) => [e.index, e.message]));
      const ids = data.data.map((d) => d.id);
      if (ids.length + rejected.size !== emails.length) throw new MailerError("Resend answered for a different number of emails than sent", true);
      let next = 0;
      return emails.map((_, i): SendOutcome => (rejected.has(i) ? { rejected: rejected.get(i)! } : { id: ids[next++] }));
    },
  };
}
