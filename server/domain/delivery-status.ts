// What a message's provider events add up to: the furthest it got, and whether its address must never be emailed again.
import { DELIVERY_STATES, type DeliveryState, type SuppressionReason as AnySuppressionReason } from "./vocabulary";

export { DELIVERY_STATES, type DeliveryState };

/** Provider event types we record (Resend names them `email.<state>`), each with the state it implies; later states in DELIVERY_STATES win. */
export const EVENT_STATES: Record<string, DeliveryState> = Object.fromEntries(DELIVERY_STATES.map((s) => [`email.${s}`, s]));

/** Rank of an event type (0 when it says nothing about delivery); the highest rank of a message's events is its state. */
export const eventRank = (type: string): number => {
  const state = EVENT_STATES[type];
  return state ? DELIVERY_STATES.indexOf(state) + 1 : 0;
};

export const stateOfRank = (rank: number | null | undefined): DeliveryState | null => (rank ? DELIVERY_STATES[rank - 1] : null);

/** What provider events add to the suppression list (`manual` is an admin's). */
export type SuppressionReason = Exclude<AnySuppressionReason, "manual">;

/**
 * A permanent ("hard") bounce or a spam complaint suppresses the address; a transient bounce
 * (mailbox full, greylisting) does not — the provider retries those itself.
 */
export function suppressionFor(type: string, bounceType: string | undefined): SuppressionReason | null {
  if (type === "email.complained") return "complaint";
  if (type === "email.bounced" && bounceType?.toLowerCase() === "permanent") return "hard_bounce";
  return null;
}
