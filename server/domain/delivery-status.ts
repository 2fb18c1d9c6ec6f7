// What a message's provider events add up to: the furthest it got, and whether its address must never be emailed again.

export const DELIVERY_STATES = ["sent", "delivery_delayed", "delivered", "bounced", "complained"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Provider event types we record, each with the state it implies; later states in DELIVERY_STATES win. */
export const EVENT_STATES: Record<string, DeliveryState> = {
  "email.sent": "sent",
  "email.delivery_delayed": "delivery_delayed",
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
};

/** Rank of an event type (0 when it says nothing about delivery); the highest rank of a message's events is its state. */
export const eventRank = (type: string): number => {
  const state = EVENT_STATES[type];
  return state ? DELIVERY_STATES.indexOf(state) + 1 : 0;
};

export const stateOfRank = (rank: number | null | undefined): DeliveryState | null => (rank ? DELIVERY_STATES[rank - 1] : null);

export type SuppressionReason = "hard_bounce" | "complaint";

/**
 * A permanent ("hard") bounce or a spam complaint suppresses the address; a transient bounce
 * (mailbox full, greylisting) does not — the provider retries those itself.
 */
export function suppressionFor(type: string, bounceType: string | undefined): SuppressionReason | null {
  if (type === "email.complained") return "complaint";
  if (type === "email.bounced" && bounceType?.toLowerCase() === "permanent") return "hard_bounce";
  return null;
}
