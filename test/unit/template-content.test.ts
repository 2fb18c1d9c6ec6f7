import { describe, expect, it } from "vitest";
import { templateContentSchema, templateRulesSchema, type TemplateContentInput } from "../../server/domain/template-content";
import { PRESETS } from "../../server/domain/template-presets";

const text = (en: string, vi = `${en} (vi)`) => ({ en, vi });
const base = (questions: TemplateContentInput["questions"]): TemplateContentInput => ({
  brand: { name: "Trà Sen", color: "#0f766e", logoUrl: null },
  email: { subject: text("Subject"), preheader: text("Preheader"), intro: text("Intro") },
  questions,
});
const issues = (value: unknown) => {
  const r = templateContentSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

const everyType: TemplateContentInput["questions"] = [
  { type: "nps", key: "score", required: true, text: text("Recommend?") },
  { type: "csat", key: "csat", required: false, text: text("Satisfied?") },
  { type: "benefit", key: "benefit_social", valueType: "social", required: false, text: text("Impression") },
  { type: "cost", key: "cost_time", costKind: "time", required: false, text: text("Time") },
  { type: "expectation", key: "expect_monetary", valueType: "monetary", required: false, text: text("Value vs expected") },
  { type: "touchpoint", key: "touch_buying", touchpoint: "buying", required: false, text: text("Buying") },
  { type: "choice", key: "bought_for", required: false, text: text("For whom?"), options: [{ value: "me", label: text("Me") }, { value: "gift", label: text("Gift") }] },
  { type: "text", key: "comment", required: false, text: text("Anything else?") },
];

describe("template content", () => {
  it("accepts every question type and fills defaults (sender name, reminder texts)", () => {
    const parsed = templateContentSchema.parse(base(everyType));
    expect(parsed.questions.map((q) => q.type)).toEqual(["nps", "csat", "benefit", "cost", "expectation", "touchpoint", "choice", "text"]);
    expect(parsed.email.senderName).toBe("ValuePulse");
    expect(parsed.email.reminderSubject.vi).toMatch(/Nhắc/);
  });

  it("names every missing or blank locale string", () => {
    const c = base(everyType) as any;
    delete c.email.subject.vi;
    c.email.intro.en = "  ";
    c.questions[6].options[1].label.vi = "";
    expect(issues(c)).toEqual(
      expect.arrayContaining([
        { path: "email.subject.vi", message: "missing Vietnamese text" },
        { path: "email.intro.en", message: "missing English text" },
        { path: "questions.6.options.1.label.vi", message: "missing Vietnamese text" },
      ]),
    );
  });

  it("keeps NPS first, keys unique, and value-model keys for their own type", () => {
    const qs = [...everyType.slice(1), everyType[0], { type: "text", key: "csat_note", required: false, text: text("x") }, { type: "text", key: "csat_note", required: false, text: text("y") }, { type: "text", key: "benefit_social", required: false, text: text("z") }];
    const found = issues(base(qs as TemplateContentInput["questions"]));
    expect(found).toContainEqual({ path: "questions.7.type", message: "the NPS question must be the first question" });
    expect(found).toContainEqual({ path: "questions.9.key", message: 'key "csat_note" is used by another question' });
    expect(found).toContainEqual({ path: "questions.10.key", message: expect.stringMatching(/kept for the social benefit/) });
  });

  it("refuses a benefit key of another value type, a bad key, and duplicate choice values", () => {
    const found = issues(
      base([
        { type: "benefit", key: "benefit_social", valueType: "monetary", required: false, text: text("x") },
        { type: "text", key: "Bad Key", required: false, text: text("x") },
        { type: "choice", key: "c", required: false, text: text("x"), options: [{ value: "a", label: text("A") }, { value: "a", label: text("B") }] },
        { type: "choice", key: "d", required: false, text: text("x"), options: [{ value: "a", label: text("A") }] },
      ]),
    );
    expect(found.map((i) => i.path)).toEqual(expect.arrayContaining(["questions.0.key", "questions.1.key", "questions.2.options.1.value", "questions.3.options"]));
  });

  it("requires at least one question, a #rrggbb brand colour and an http(s) logo", () => {
    const c = base([]) as any;
    c.brand.color = "teal";
    c.brand.logoUrl = "javascript:alert(1)";
    expect(issues(c).map((i) => i.path)).toEqual(expect.arrayContaining(["questions", "brand.color", "brand.logoUrl"]));
  });

  it("ships presets that are valid in both locales", () => {
    expect(PRESETS.map((p) => p.name)).toEqual(["Post-purchase NPS", "CSAT only", "Full customer-value survey"]);
    for (const p of PRESETS) expect(issues(p.content)).toEqual([]);
    const full = PRESETS[2]!.content.questions;
    for (const type of ["nps", "csat", "benefit", "cost", "expectation", "touchpoint", "choice", "text"]) expect(full.some((q) => q.type === type), type).toBe(true);
    expect(full.filter((q) => q.type === "benefit").map((q) => q.key)).toEqual(["benefit_functional", "benefit_emotional", "benefit_social", "benefit_monetary"]);
  });
});

describe("template rules", () => {
  const ok = { delayHours: 72, closeAfterDays: 30, throttleDays: 90 };
  it("fills defaults: fulfilment trigger, no reminder, per-template throttle, everyone sampled, no filters, priority 100", () => {
    expect(templateRulesSchema.parse(ok)).toEqual({
      ...ok,
      trigger: "fulfillment",
      reminderAfterDays: null,
      throttleScope: "template",
      sampleRate: 100,
      filters: { categories: [], channels: [], locales: [], minAmount: null },
      priority: 100,
    });
  });

  it.each([
    ["delayHours", { delayHours: -1 }],
    ["delayHours", { delayHours: 24 * 90 + 1 }],
    ["closeAfterDays", { closeAfterDays: 0 }],
    ["closeAfterDays", { closeAfterDays: 366 }],
    ["throttleDays", { throttleDays: 731 }],
    ["sampleRate", { sampleRate: 0 }],
    ["sampleRate", { sampleRate: 101 }],
    ["sampleRate", { sampleRate: 50.5 }],
    ["priority", { priority: 1001 }],
    ["reminderAfterDays", { reminderAfterDays: 0 }],
    ["reminderAfterDays", { reminderAfterDays: 30 }],
    ["filters.minAmount", { filters: { minAmount: -5 } }],
    ["filters.locales.0", { filters: { locales: ["fr"] } }],
    ["trigger", { trigger: "delivery" }],
  ])("refuses %s out of bounds (%j)", (path, over) => {
    const r = templateRulesSchema.safeParse({ ...ok, ...over });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });
});
