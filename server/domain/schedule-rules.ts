// When an invitation is due and whether a customer may be invited again: pure rules of a template.
import type { TemplateRules } from "./template-content";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Due `delayHours` after fulfilment, or after purchase when not fulfilled; never in the past,
 * so a purchase fulfilled long ago is due at once.
 */
export function invitationDueAt(p: { purchasedAt: number; fulfilledAt: number | null }, rules: Pick<TemplateRules, "delayHours">, now: number): number {
  return Math.max(now, (p.fulfilledAt ?? p.purchasedAt) + rules.delayHours * HOUR);
}

/** The survey closes `closeAfterDays` after it is due to be sent. */
export function invitationClosesAt(dueAt: number, rules: Pick<TemplateRules, "closeAfterDays">): number {
  return dueAt + rules.closeAfterDays * DAY;
}

/** A customer invited for this template within `throttleDays` of the new due time is not invited again. */
export function isThrottled(previousDueAt: number | null, dueAt: number, rules: Pick<TemplateRules, "throttleDays">): boolean {
  return previousDueAt !== null && Math.abs(dueAt - previousDueAt) < rules.throttleDays * DAY;
}
