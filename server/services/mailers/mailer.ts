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

export interface Mailer {
  readonly kind: "dev-mailbox" | "resend";
  /**
   * Sends up to 100 emails; a retry with the same key and the same emails must not send twice.
   * Returns the provider's message id per email, in order.
   */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<string[]>;
}

/** A provider failure; `retryable` for rate limits, 5xx and network errors. */
export class MailerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}
