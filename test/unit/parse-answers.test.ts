import { describe, expect, it } from "vitest";
import type { Question } from "../../server/domain/template-content";
import { parseAnswers } from "../../server/services/record-answer";

const t = { en: "Q", vi: "Q" };
const questions: Question[] = [
  { type: "nps", key: "score", required: true, text: t },
  { type: "touchpoint", key: "tp_delivery", touchpoint: "delivery_use", required: false, text: t },
  { type: "expectation", key: "exp_functional", valueType: "functional", required: false, text: t },
  { type: "choice", key: "found_us", required: false, text: t, options: [{ value: "friend", label: t }, { value: "ad", label: t }] },
  { type: "text", key: "comment", required: false, text: t },
];

describe("parseAnswers", () => {
  it("accepts every question type's valid answers and skips blanks", () => {
    expect(parseAnswers(questions, { score: "9", tp_delivery: "4", exp_functional: "better", found_us: "friend", comment: " ok ", other: "x" })).toEqual({
      values: { score: 9, tp_delivery: 4, exp_functional: "better", found_us: "friend", comment: "ok" },
      errors: {},
    });
    expect(parseAnswers(questions, { score: "", comment: "" })).toEqual({ values: {}, errors: {} });
  });

  it("names each field that is out of range or not one of its options", () => {
    const { errors } = parseAnswers(questions, { score: 11, tp_delivery: "0", exp_functional: "great", found_us: "tv" });
    expect(Object.keys(errors).sort()).toEqual(["exp_functional", "found_us", "score", "tp_delivery"]);
    expect(errors.exp_functional).toBe("must be one of worse, as_expected, better");
    expect(errors.tp_delivery).toBe("must be a whole number from 1 to 5");
  });
});
