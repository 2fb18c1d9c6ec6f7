// The item bank (issue 21.5): every value type and cost kind has 3–4 items with both texts and a cited source; a
// template built from them is valid; the scales a template asks and the means its answers store.
import { describe, expect, it } from "vitest";
import { bankQuestion, ITEM_BANK, ITEM_SOURCES, itemScales, valueColumns } from "../../server/domain/item-bank";
import { defaultTemplate } from "../../server/domain/default-template";
import { templateContentSchema, type Question } from "../../server/domain/template-content";
import { VALUE_ANSWER_KEYS, VALUE_TYPES } from "../../server/domain/vocabulary";

const vietnameseMarks = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

describe("item bank", () => {
  it("has 3–4 items per value type and cost kind, each with English and Vietnamese text and a source", () => {
    for (const scale of VALUE_ANSWER_KEYS) {
      const items = ITEM_BANK[scale];
      expect(items.length, scale).toBeGreaterThanOrEqual(3);
      expect(items.length, scale).toBeLessThanOrEqual(4);
      for (const item of items) {
        expect(item.key.startsWith(`${scale}_`)).toBe(true);
        expect(item.text.en.trim()).not.toBe("");
        expect(item.text.vi).toMatch(vietnameseMarks);
        expect(ITEM_SOURCES[item.source]).toBeTruthy();
        // An adapted item names the wording it adapts; an item of ours does not pretend to.
        expect(item.adapts === null).toBe(item.source === "valuepulse");
      }
    }
    // Benefits are PERVAL's four dimensions, item by item.
    for (const t of VALUE_TYPES) expect(ITEM_BANK[`benefit_${t}`].every((i) => i.source === "perval")).toBe(true);
  });

  it("makes a valid template of every item, with the default template's other questions", () => {
    const base = defaultTemplate.content;
    const questions = [...base.questions.filter((q) => q.type !== "benefit" && q.type !== "cost"), ...VALUE_ANSWER_KEYS.flatMap((s) => ITEM_BANK[s].map(bankQuestion))];
    expect(templateContentSchema.safeParse({ ...base, questions }).success).toBe(true);
  });

  it("keeps a scale's item keys for questions of that type", () => {
    const base = defaultTemplate.content;
    const wrong = { type: "cost", key: "benefit_functional_well_made", costKind: "money", required: false, text: { en: "x", vi: "x" } };
    const result = templateContentSchema.safeParse({ ...base, questions: [...base.questions, wrong] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe('"benefit_functional_well_made" is kept for the functional benefit questions');
  });
});

describe("scales of a template and what an answer stores", () => {
  const q = (key: string, valueType: "functional" | "social" = "functional"): Question => ({ type: "benefit", key, valueType, required: false, text: { en: key, vi: key } });

  it("a type asked by its column's question alone is no scale; several items or one item key are", () => {
    expect(itemScales([q("benefit_functional")])).toEqual(new Map());
    expect(itemScales([q("benefit_functional"), q("benefit_functional_well_made")])).toEqual(new Map([["benefit_functional", ["benefit_functional", "benefit_functional_well_made"]]]));
    expect(itemScales([q("benefit_social_approval", "social")])).toEqual(new Map([["benefit_social", ["benefit_social_approval"]]]));
    // A free key of the type stays a free answer, as before the bank.
    expect(itemScales([q("benefit_functional"), q("quality")])).toEqual(new Map());
  });

  it("stores the mean of the answered items in the column and each item apart", () => {
    const questions = [q("benefit_functional"), q("benefit_functional_well_made"), q("benefit_functional_standard"), q("benefit_social", "social")];
    expect(valueColumns(questions, { benefit_functional: 5, benefit_functional_well_made: 2, benefit_social: 3 })).toEqual({
      columns: { benefit_functional: 3.5, benefit_social: 3 },
      items: { benefit_functional: 5, benefit_functional_well_made: 2 },
    });
    expect(valueColumns(questions, { benefit_social: 4 })).toEqual({ columns: { benefit_social: 4 }, items: {} });
  });
});
