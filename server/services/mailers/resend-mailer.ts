// Sends through Resend's batch endpoint with the official SDK; one Idempotency-Key per batch.
import { Resend } from "resend";
import { MailerError, type Mailer } from "./mailer";

export function resendMailer(apiKey: string, baseUrl?: string): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    kind: "resend",
    async sendBatch(emails, idempotencyKey) {
      if (emails.length === 0) return [];
      const { data, error, headers } = await resend.batch.send(
        emails.map((e) => ({ from: e.from, to: [e.to], subject: e.subject, html: e.html, text: e.text, headers: e.headers, ...(e.replyTo && { replyTo: e.replyTo }) })),
        { idempotencyKey },
      );
      if (error) {
        const status = (error as { statusCode?: number | null }).statusCode ?? undefined;
        // 409 concurrent_idempotent_requests: the same batch is in flight; retrying with the same key is safe.
        const retryable = status === undefined || status === 429 || status === 409 || status >= 500;
        const retryAfter = headers?.["retry-after"];
        throw new MailerError(`Resend: ${error.message}${retryAfter ? ` (retry after ${retryAfter}s)` : ""}`, retryable, status);
      }
      const ids = data?.data?.map((d) => d.id) ?? [];
      if (ids.length !== emails.length) throw new MailerError("Resend returned a different number of ids than emails sent", true);
      return ids;
    },
  };
}
