// Rules checked again at the moment of sending, not only when scheduling: people unsubscribe, bounce or get surveyed meanwhile.
import type { TemplateRules } from "./template-content";
import { DAY_MS } from "./time";
import type { SkipReason } from "./vocabulary";

export type { SkipReason };

export type SendCandidate = {
  id: string;
  customerId: string;
  templateId: string;
  dueAt: number;
  closesAt: number;
  unsubscribed: boolean;
  suppressed: boolean;
  /** Reminders only: the customer already answered. */
  answered?: boolean;
};

/** When this customer was last sent an invitation of this template (or is being sent one now). */
export type LastSent = { customerId: string; templateId: string; at: number };

/**
 * Splits due candidates into those to send and those to skip, with why. Throttle (invitations only,
 * `throttle` true): skip when the customer was sent another invitation within the template's window
 * (of this template, or of any when `throttleScope` is "all"), counting earlier candidates of this same
 * pass as sent — two due purchases never produce two emails in one go.
 */
export function applySendTimeRules(
  candidates: SendCandidate[],
  opts: { now: number; throttle: boolean; rulesOf: (templateId: string) => Pick<TemplateRules, "throttleDays" | "throttleScope">; lastSent: LastSent[] },
): { send: string[]; skip: { id: string; reason: SkipReason }[] } {
  const send: string[] = [];
  const skip: { id: string; reason: SkipReason }[] = [];
  const sent = [...opts.lastSent];
  const sorted = [...candidates].sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
  for (const c of sorted) {
    const reason = blockReason(c, opts.now, opts.throttle ? throttledBy(c, sent, opts.rulesOf(c.templateId), opts.now) : false);
    if (reason) skip.push({ id: c.id, reason });
    else {
      send.push(c.id);
      sent.push({ customerId: c.customerId, templateId: c.templateId, at: opts.now });
    }
  }
  return { send, skip };
}

function blockReason(c: SendCandidate, now: number, throttled: boolean): SkipReason | null {
  if (c.unsubscribed) return "unsubscribed";
  if (c.suppressed) return "suppressed";
  if (c.answered) return "answered";
  if (c.closesAt <= now) return "closed";
  if (throttled) return "throttled";
  return null;
}

function throttledBy(c: SendCandidate, sent: LastSent[], rules: Pick<TemplateRules, "throttleDays" | "throttleScope">, now: number): boolean {
  if (rules.throttleDays <= 0) return false;
  const since = now - rules.throttleDays * DAY_MS;
  return sent.some((s) => s.customerId === c.customerId && (rules.throttleScope === "all" || s.templateId === c.templateId) && s.at > since);
}
