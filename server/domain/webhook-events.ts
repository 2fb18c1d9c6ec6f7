// Outgoing webhook events: their types, Standard Webhooks payloads, Slack messages and the retry schedule.
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./vocabulary";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType };

export type ResponseData = {
  id: string;
  score: number | null;
  csat: number | null;
  comment: string | null;
  answers: Record<string, number | string | null>;
  customer: { id: string; email: string; name: string | null };
  orderId: string;
  templateId: string;
  locale: string;
  /** Bot signals (e.g. an answer seconds after delivery): flagged answers are kept, receivers may filter them. */
  flagged: boolean;
  answeredAt: string;
  updatedAt: string;
};
export type UnsubscribeData = { customer: { id: string; email: string; name: string | null }; unsubscribedAt: string };

export type WebhookEvent = { type: WebhookEventType; timestamp: string; data: ResponseData | UnsubscribeData };

/**
 * Waits after each failed attempt, from the Standard Webhooks guidance: 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h; after the 8th attempt a delivery is marked failed (about a day and a half in all).
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export function nextAttemptAt(attemptsMade: number, now: number): number | null {
  return attemptsMade >= MAX_ATTEMPTS ? null : now + RETRY_DELAYS_MS[attemptsMade - 1];
}

/** How a response event's Slack message opens (every event type but the unsubscribe has one). */
export const SLACK_LEADS = {
  "detractor.alert": ":rotating_light: Detractor",
  "response.created": ":speech_balloon: New response",
  "response.updated": ":pencil2: Response updated",
} as const satisfies Record<Exclude<WebhookEventType, "customer.unsubscribed">, string>;

/** Slack incoming-webhook body: `{"text": …}` with Slack's mrkdwn. */
export function slackMessage(event: WebhookEvent, dashboardUrl: string): { text: string } {
  if (event.type === "customer.unsubscribed") {
    const d = event.data as UnsubscribeData;
    return { text: `:no_bell: ${d.customer.name ?? d.customer.email} <${d.customer.email}> unsubscribed from surveys.` };
  }
  const d = event.data as ResponseData;
  const who = `${d.customer.name ?? d.customer.email} (order ${d.orderId})`;
  const score = d.score === null ? "no score yet" : `NPS *${d.score}*/10`;
  const comment = d.comment ? `\n> ${d.comment.replace(/\n/g, "\n> ")}` : "";
  return { text: `${SLACK_LEADS[event.type]}: ${who} — ${score}${comment}\n<${dashboardUrl}|Open the dashboard>` };
}

export const isDetractor = (score: number | null) => score !== null && score <= 6;
