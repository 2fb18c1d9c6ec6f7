// When an invitation is due and whether a customer may be invited again: pure rules of a template.
import type { TemplateRules } from "./template-content";
import { DAY_MS, HOUR_MS } from "./time";

/** The moment the delay counts from: the purchase, or its fulfilment (the purchase itself while not fulfilled). */
export function triggerTime(p: { purchasedAt: number; fulfilledAt: number | null }, rules: Pick<TemplateRules, "trigger">): number {
  return rules.trigger === "purchase" ? p.purchasedAt : (p.fulfilledAt ?? p.purchasedAt);
}

/**
 * Due `delayHours` after the trigger (purchase or fulfilment); never in the past, so a purchase
 * fulfilled long ago is due at once.
 */
export function invitationDueAt(
  p: { purchasedAt: number; fulfilledAt: number | null },
  rules: Pick<TemplateRules, "delayHours"> & Partial<Pick<TemplateRules, "trigger">>,
  now: number,
): number {
  return Math.max(now, triggerTime(p, { trigger: rules.trigger ?? "fulfillment" }) + rules.delayHours * HOUR_MS);
}

/** The survey closes `closeAfterDays` after it is due to be sent. */
export function invitationClosesAt(dueAt: number, rules: Pick<TemplateRules, "closeAfterDays">): number {
  return dueAt + rules.closeAfterDays * DAY_MS;
}

/** When the one reminder is due, if the template sends one (the delivery side skips it once answered). */
export function reminderDueAt(sentAt: number, rules: Pick<TemplateRules, "reminderAfterDays">): number | null {
  return rules.reminderAfterDays === null ? null : sentAt + rules.reminderAfterDays * DAY_MS;
}

/** A customer invited within `throttleDays` of the new due time is not invited again. */
export function isThrottled(previousDueAt: number | null, dueAt: number, rules: Pick<TemplateRules, "throttleDays">): boolean {
  return previousDueAt !== null && Math.abs(dueAt - previousDueAt) < rules.throttleDays * DAY_MS;
}
