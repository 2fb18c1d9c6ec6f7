// The rule engine: which published template (if any) invites the customer of a purchase, and when. Pure; time is passed in.
import { invitationClosesAt, invitationDueAt, isThrottled } from "./schedule-rules";
import type { Locale, TemplateRules } from "./template-content";

export type CandidateTemplate = { id: string; version: number; publishedAt: number; rules: TemplateRules };

export type PurchaseFacts = {
  orderId: string;
  amount: number;
  channel: string | null;
  categories: string[];
  locale: Locale;
  purchasedAt: number;
  fulfilledAt: number | null;
};

/** When the customer was last invited (due time of the latest invitation), per template id. */
export type InvitationHistory = { unsubscribed: boolean; lastDueAtByTemplate: ReadonlyMap<string, number> };

export type Decision<T extends CandidateTemplate = CandidateTemplate> =
  | { kind: "none" }
  | { kind: "invite"; template: T; dueAt: number; closesAt: number }
  | { kind: "skip"; template: T; reason: "unsubscribed" | "sampled_out" | "throttled" };

const norm = (s: string) => s.trim().toLowerCase();

/** Every non-empty filter must hold (case-insensitive); a category filter holds when any item is in a listed category. */
export function matchesFilters(rules: Pick<TemplateRules, "filters">, p: PurchaseFacts): boolean {
  const f = rules.filters;
  if (f.categories.length > 0) {
    const wanted = new Set(f.categories.map(norm));
    if (!p.categories.some((c) => wanted.has(norm(c)))) return false;
  }
  if (f.channels.length > 0 && (p.channel === null || !f.channels.some((c) => norm(c) === norm(p.channel!)))) return false;
  if (f.locales.length > 0 && !f.locales.includes(p.locale)) return false;
  if (f.minAmount !== null && p.amount < f.minAmount) return false;
  return true;
}

/** A stable bucket 0–99 for an order and a template (FNV-1a), so a replayed or re-evaluated order samples the same way. */
export function sampleBucket(orderId: string, templateId: string): number {
  let h = 0x811c9dc5;
  const s = `${templateId}:${orderId}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 100;
}

export const isSampledIn = (orderId: string, templateId: string, sampleRate: number) => sampleBucket(orderId, templateId) < sampleRate;

/** Highest priority first; ties go to the most recently published, then the id, so the order is total. */
export function byPriority(a: CandidateTemplate, b: CandidateTemplate): number {
  return b.rules.priority - a.rules.priority || b.publishedAt - a.publishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * One purchase, at most one invitation:
 * 1. the templates whose filters match the purchase are candidates;
 * 2. the candidate with the highest priority wins (ties: most recently published);
 * 3. the winner alone then decides — unsubscribed customer, sampled out, or throttled means no
 *    invitation (lower-priority templates are not tried, so a sample rate or a throttle really
 *    lowers how often customers are asked).
 */
export function chooseTemplate<T extends CandidateTemplate>(templates: readonly T[], p: PurchaseFacts, history: InvitationHistory, now: number): Decision<T> {
  const winner = templates.filter((t) => matchesFilters(t.rules, p)).sort(byPriority)[0];
  if (!winner) return { kind: "none" };
  if (history.unsubscribed) return { kind: "skip", template: winner, reason: "unsubscribed" };
  if (!isSampledIn(p.orderId, winner.id, winner.rules.sampleRate)) return { kind: "skip", template: winner, reason: "sampled_out" };
  const dueAt = invitationDueAt(p, winner.rules, now);
  if (isThrottled(lastInvited(history, winner), dueAt, winner.rules)) return { kind: "skip", template: winner, reason: "throttled" };
  return { kind: "invite", template: winner, dueAt, closesAt: invitationClosesAt(dueAt, winner.rules) };
}

/** The latest invitation that counts for the winner's throttle: of this template, or of any template. */
function lastInvited(history: InvitationHistory, t: CandidateTemplate): number | null {
  if (t.rules.throttleScope === "template") return history.lastDueAtByTemplate.get(t.id) ?? null;
  let last: number | null = null;
  for (const dueAt of history.lastDueAtByTemplate.values()) if (last === null || dueAt > last) last = dueAt;
  return last;
}

/**
 * Whether one purchase can match both filter sets. Empty lists match anything; channel and locale lists must share a
 * value (a purchase has one of each); minimum amounts never exclude each other. Category lists must share a category:
 * a basket mixing items of two disjoint lists would match both, but that is rare enough not to warn about.
 */
export function filtersOverlap(a: TemplateRules["filters"], b: TemplateRules["filters"]): boolean {
  const shares = (x: readonly string[], y: readonly string[]) => {
    if (x.length === 0 || y.length === 0) return true;
    const wanted = new Set(x.map(norm));
    return y.some((v) => wanted.has(norm(v)));
  };
  return shares(a.categories, b.categories) && shares(a.channels, b.channels) && shares(a.locales, b.locales);
}

/**
 * The published templates that would lose purchases to a template published now with `rules`: their filters overlap and
 * it wins on priority (equal priority too, since it becomes the most recently published). Templates the version
 * published before (`current`) already won against are left out: publishing changes nothing for them.
 */
export function takenOverBy<T extends CandidateTemplate>(rules: TemplateRules, others: readonly T[], current?: CandidateTemplate | null): T[] {
  const beats = (winner: CandidateTemplate, loser: CandidateTemplate) => filtersOverlap(winner.rules.filters, loser.rules.filters) && byPriority(winner, loser) < 0;
  const now: CandidateTemplate = { id: "", version: 0, publishedAt: Number.POSITIVE_INFINITY, rules };
  return others.filter((o) => beats(now, o) && !(current && beats(current, o)));
}
