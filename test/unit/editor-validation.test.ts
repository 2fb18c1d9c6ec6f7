import { describe, expect, it } from "vitest";
import { PRESETS } from "../../server/domain/template-presets";
import { fieldLabel, validateTemplate } from "../../web/src/components/template-editor/field-errors";
import { newQuestion, QUESTION_TYPES } from "../../web/src/components/template-editor/questions";

const preset = PRESETS[2]!;
const input = () => structuredClone({ name: preset.name, content: preset.content, rules: preset.rules });

describe("the editor's validation (the API's schema, run in the browser)", () => {
  it("accepts a preset and names a missing Vietnamese subject by its path", () => {
    expect(validateTemplate(input())).toEqual({});
    const t = input();
    t.content.email.subject.vi = "";
    expect(validateTemplate(t)).toEqual({ "content.email.subject.vi": "missing Vietnamese text" });
  });

  it("labels paths the way the error summary shows them", () => {
    expect(fieldLabel("content.email.subject.vi")).toBe("Email subject (Vietnamese)");
    expect(fieldLabel("content.questions.3.text.en")).toBe("Question 4 text (English)");
    expect(fieldLabel("content.questions.6.options.1.label.vi")).toBe("Question 7 option 2 (Vietnamese)");
    expect(fieldLabel("rules.filters.minAmount")).toBe("Rule: Minimum amount (minor units, e.g. VND or cents)");
    expect(fieldLabel("rules.priority")).toBe("Rule: Priority");
    expect(fieldLabel("name")).toBe("Template name");
  });

  it("says what a number field takes instead of zod's own wording", () => {
    const t = input();
    t.rules.priority = 5000;
    t.rules.sampleRate = 0;
    expect(validateTemplate(t)).toEqual({ "rules.priority": "a whole number from 0 to 1000", "rules.sampleRate": "a whole number from 1 to 100" });
  });

  it("adds every question type with a fresh key whose only errors are the texts still to write", () => {
    const t = input();
    for (const type of QUESTION_TYPES) {
      if (type === "nps" || type === "csat") continue; // the preset already has its one NPS and CSAT
      t.content.questions.push(newQuestion(type, t.content.questions));
    }
    const errors = validateTemplate(t);
    expect(Object.keys(errors).every((path) => /\.(text|label)\.(en|vi)$/.test(path))).toBe(true);
    expect(new Set(t.content.questions.map((q) => q.key)).size).toBe(t.content.questions.length);
  });
});
