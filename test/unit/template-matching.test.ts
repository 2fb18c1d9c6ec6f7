import { describe, expect, it } from "vitest";
import { templateRulesSchema, type TemplateRulesInput } from "../../server/domain/template-content";
import { chooseTemplate, filtersOverlap, isSampledIn, sampleBucket, takenOverBy, type CandidateTemplate, type PurchaseFacts } from "../../server/domain/template-matching";
import { testClock } from "../helpers";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "../../server/domain/time";

const clock = testClock(Date.parse("2026-11-10T08:00:00Z"));

const tpl = (id: string, rules: Partial<TemplateRulesInput> = {}, publishedAt = 0): CandidateTemplate => ({
  id,
  version: 1,
  publishedAt,
  rules: templateRulesSchema.parse({ delayHours: 72, closeAfterDays: 30, throttleDays: 0, ...rules }),
});
const order = (over: Partial<PurchaseFacts> = {}): PurchaseFacts => ({
  orderId: "o-1",
  amount: 250_000,
  channel: "web",
  categories: ["tea"],
  locale: "vi",
  purchasedAt: clock.now(),
  fulfilledAt: null,
  ...over,
});
const nobody = { unsubscribed: false, lastDueAtByTemplate: new Map<string, number>() };
const choose = (ts: CandidateTemplate[], p = order(), h = nobody) => chooseTemplate(ts, p, h, clock.now());

describe("delay", () => {
  it("counts from the purchase when the trigger is purchase", () => {
    const d = choose([tpl("a", { trigger: "purchase", delayHours: 48 })], order({ fulfilledAt: clock.now() + DAY }));
    expect(d).toMatchObject({ kind: "invite", dueAt: clock.now() + 2 * DAY, closesAt: clock.now() + 32 * DAY });
  });
  it("counts from fulfilment when the trigger is fulfilment, and from the purchase while not fulfilled", () => {
    expect(choose([tpl("a", { delayHours: 24 })], order({ fulfilledAt: clock.now() + 2 * DAY }))).toMatchObject({ dueAt: clock.now() + 3 * DAY });
    expect(choose([tpl("a", { delayHours: 24 })], order({ fulfilledAt: null }))).toMatchObject({ dueAt: clock.now() + DAY });
  });
  it("is due at once, never in the past, when the delay has already passed", () => {
    clock.advance(10 * DAY);
    expect(choose([tpl("a", { delayHours: 24 })], order({ purchasedAt: clock.now() - 5 * DAY }))).toMatchObject({ dueAt: clock.now() });
  });
});

describe("filters", () => {
  it("match on any item's category, channel, locale and minimum amount (case-insensitive)", () => {
    const t = tpl("f", { filters: { categories: ["Tea", "cups"], channels: ["WEB"], locales: ["vi"], minAmount: 200_000 } });
    expect(choose([t]).kind).toBe("invite");
    expect(choose([t], order({ categories: ["coffee", "cups"] })).kind).toBe("invite");
    expect(choose([t], order({ categories: ["coffee"] })).kind).toBe("none");
    expect(choose([t], order({ categories: [] })).kind).toBe("none");
    expect(choose([t], order({ channel: "pos" })).kind).toBe("none");
    expect(choose([t], order({ channel: null })).kind).toBe("none");
    expect(choose([t], order({ locale: "en" })).kind).toBe("none");
    expect(choose([t], order({ amount: 199_999 })).kind).toBe("none");
    expect(choose([t], order({ amount: 200_000 })).kind).toBe("invite");
  });
});

describe("priority", () => {
  it("picks the highest priority among the matching templates", () => {
    const d = choose([tpl("low", { priority: 10 }), tpl("high", { priority: 500 }), tpl("coffee", { priority: 999, filters: { categories: ["coffee"] } })]);
    expect(d).toMatchObject({ kind: "invite", template: { id: "high" } });
  });
  it("breaks ties by the most recent publish", () => {
    expect(choose([tpl("old", {}, 1), tpl("new", {}, 2)])).toMatchObject({ template: { id: "new" } });
  });
  it("does not fall back to a lower priority when the winner samples the order out", () => {
    const winner = tpl("w", { priority: 200, sampleRate: 1 });
    const out = ["a", "b", "c", "d", "e"].map((id) => `o-${id}`).find((id) => !isSampledIn(id, "w", 1))!;
    expect(choose([winner, tpl("fallback")], order({ orderId: out }))).toEqual({ kind: "skip", template: winner, reason: "sampled_out" });
  });
});

describe("sample rate", () => {
  it("is deterministic per order and close to the rate over many orders", () => {
    expect(sampleBucket("order-42", "t")).toBe(sampleBucket("order-42", "t"));
    const invited = Array.from({ length: 2000 }, (_, i) => choose([tpl("t", { sampleRate: 25 })], order({ orderId: `order-${i}` }))).filter((d) => d.kind === "invite").length;
    expect(invited).toBeGreaterThan(2000 * 0.2);
    expect(invited).toBeLessThan(2000 * 0.3);
  });
  it("invites every order at 100%", () => {
    expect(Array.from({ length: 200 }, (_, i) => choose([tpl("t")], order({ orderId: `x${i}` })).kind).every((k) => k === "invite")).toBe(true);
  });
});

describe("throttle", () => {
  const history = (entries: [string, number][]) => ({ unsubscribed: false, lastDueAtByTemplate: new Map(entries) });
  it("skips a customer invited by this template within N days, but not by another template", () => {
    const t = tpl("t", { throttleDays: 30, delayHours: 0 });
    expect(choose([t], order(), history([["t", clock.now() - 29 * DAY]]))).toMatchObject({ kind: "skip", reason: "throttled" });
    expect(choose([t], order(), history([["t", clock.now() - 30 * DAY]])).kind).toBe("invite");
    expect(choose([t], order(), history([["other", clock.now() - DAY]])).kind).toBe("invite");
  });
  it("with scope all, counts invitations of every template", () => {
    const t = tpl("t", { throttleDays: 30, throttleScope: "all", delayHours: 0 });
    expect(choose([t], order(), history([["other", clock.now() - DAY]]))).toMatchObject({ kind: "skip", reason: "throttled" });
    clock.advance(31 * DAY);
    expect(choose([t], order(), history([["other", clock.now() - 31 * DAY]])).kind).toBe("invite");
  });
  it("skips unsubscribed customers before anything else", () => {
    expect(choose([tpl("t")], order(), { unsubscribed: true, lastDueAtByTemplate: new Map() })).toMatchObject({ kind: "skip", reason: "unsubscribed" });
  });
  it("invites no one when no template matches", () => {
    expect(choose([])).toEqual({ kind: "none" });
  });
});

describe("publishing takes purchases from another template (the editor's warning)", () => {
  const rules = (over: Partial<TemplateRulesInput> = {}) => tpl("new", over).rules;
  it("names a published template with overlapping filters and a lower or equal priority, not a higher one", () => {
    const low = tpl("low", { priority: 50 }, 1);
    const same = tpl("same", { priority: 100 }, 2);
    const high = tpl("high", { priority: 200 }, 3);
    expect(takenOverBy(rules({ priority: 100 }), [low, same, high]).map((t) => t.id)).toEqual(["low", "same"]);
    // And the choice at send time agrees: the new one (published last) wins the tie.
    expect(choose([same, { ...tpl("new", { priority: 100 }), publishedAt: 9 }])).toMatchObject({ template: { id: "new" } });
  });

  it("leaves out templates whose filters cannot match the same purchase", () => {
    const web = tpl("web", { filters: { channels: ["web"] } });
    const vi = tpl("vi", { filters: { locales: ["vi"] } });
    const coffee = tpl("coffee", { filters: { categories: ["Coffee"] } });
    expect(takenOverBy(rules({ filters: { channels: ["POS"], locales: ["en"], categories: ["tea"] } }), [web, vi, coffee])).toEqual([]);
    expect(takenOverBy(rules({ filters: { channels: ["WEB"], categories: ["coffee"] } }), [web, vi, coffee]).map((t) => t.id)).toEqual(["web", "vi", "coffee"]);
    expect(filtersOverlap(rules({ filters: { minAmount: 1_000_000 } }).filters, rules({ filters: { minAmount: 10 } }).filters)).toBe(true);
  });

  it("does not warn again about a template the published version already wins against", () => {
    const low = tpl("low", { priority: 50 }, 1);
    const current = tpl("new", { priority: 100 }, 5);
    expect(takenOverBy(rules({ priority: 120 }), [low], current)).toEqual([]);
    const tie = tpl("tie", { priority: 100 }, 7); // published after the current version: it wins the tie today
    expect(takenOverBy(rules({ priority: 100 }), [tie], current).map((t) => t.id)).toEqual(["tie"]);
  });
});
