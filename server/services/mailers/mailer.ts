// What the dispatcher needs from an email provider: send one batch under one idempotency key.

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Where the recipient's reply goes (a lead answering a customer from the dashboard). */
  replyTo?: string;
};

/** Per email of a batch: the provider's message id, or why the provider refused that one email (bad address…). */
export type SendOutcome = { id: string } | { rejected: string };

export interface Mailer {
  readonly kind: "dev-mailbox" | "resend";
  /**
   * Sends up to 100 emails; a retry with the same key and the same emails must not send twice.
   * Returns one outcome per email, in order. Throws MailerError when the batch as a whole failed.
   */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<SendOutcome[]>;
}

/** A provider failure; `retryable` for rate limits, 5xx and network errors; `retryAfterMs` when the provider said when. */
export class MailerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** The provider's error name, e.g. "invalid_idempotent_request". */
    readonly code?: string,
  ) {
    super(message);
  }
}
