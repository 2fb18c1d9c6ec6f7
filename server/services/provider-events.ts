// Records Resend's email events (delivered, bounced, complained, delayed…) once per event id, and suppresses hard-bounced or complaining addresses.
import type { Deps } from "../deps";
import { getTableName } from "drizzle-orm";
import { Resend } from "resend";
import type { Db } from "../../db/client";
import { emailEvents, suppressions } from "../../db/schema";
import { suppressionFor } from "../domain/delivery-status";
import { AppError } from "../errors";

export type SignedDelivery = { body: string; id: string | null; timestamp: string | null; signature: string | null };

type EmailEventPayload = {
  type: string;
  created_at?: string;
  data?: { email_id?: string; to?: string[] | string; bounce?: { type?: string; subType?: string; message?: string } };
};

// The SDK insists on an API key even for webhooks.verify, which never calls the API.
const verifier = new Resend("re_webhook_verification_only");

/**
 * Checks the Svix-style signature with the Resend SDK (HMAC of id.timestamp.body, timestamp within
 * 5 minutes of now); anything else is refused before it touches the database.
 */
export function verifyResendWebhook(secret: string, d: SignedDelivery): EmailEventPayload {
  if (!d.id || !d.timestamp || !d.signature) throw new AppError("invalid_signature", "Missing svix-id, svix-timestamp or svix-signature header");
  try {
    return verifier.webhooks.verify({ payload: d.body, headers: { id: d.id, timestamp: d.timestamp, signature: d.signature }, webhookSecret: secret }) as EmailEventPayload;
  } catch (err) {
    throw new AppError("invalid_signature", `Webhook signature refused: ${err instanceof Error ? err.message : "invalid"}`);
  }
}

/**
 * Stores the event under its delivery id (svix-id, stable across Resend's retries) and, for a hard
 * bounce or complaint, adds the recipient to the suppression list — in one transaction, so a retry
 * after a crash completes it and a duplicate changes nothing.
 */
export async function recordProviderEvent(deps: Pick<Deps, "db" | "clock">, eventId: string, event: EmailEventPayload): Promise<{ duplicate: boolean; suppressed: string[] }> {
  const { db } = deps;
  const now = deps.clock.now();
  if (!event.type?.startsWith("email.")) return { duplicate: false, suppressed: [] };
  const data = event.data ?? {};
  const recipients = (Array.isArray(data.to) ? data.to : data.to ? [data.to] : []).map((e) => e.trim().toLowerCase());
  const bounce = data.bounce;
  const detail = bounce ? [bounce.type, bounce.subType].filter(Boolean).join("/") + (bounce.message ? `: ${bounce.message}` : "") : null;
  const occurredAt = Date.parse(event.created_at ?? "") || now;
  const reason = suppressionFor(event.type, bounce?.type);

  // Suppress only on the event's first delivery: a retried old bounce must not undo an admin's removal.
  const suppress = (reason ? recipients : []).map((email) => ({
    sql: `INSERT OR IGNORE INTO ${getTableName(suppressions)} (email, reason, detail, event_id, created_at)
          SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ${getTableName(emailEvents)} WHERE id = ?)`,
    args: [email, reason, detail, eventId, now, eventId],
  }));
  const results = await db.commit([
    ...suppress,
    db
      .insert(emailEvents)
      .values({ id: eventId, type: event.type, emailId: data.email_id ?? null, recipient: recipients.join(", ") || null, detail, occurredAt, receivedAt: now })
      .onConflictDoNothing(),
  ]);
  const duplicate = results[results.length - 1].rowsAffected === 0;
  return { duplicate, suppressed: recipients.filter((_, i) => i < suppress.length && results[i].rowsAffected > 0) };
}
