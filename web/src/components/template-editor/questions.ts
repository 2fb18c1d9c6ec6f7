// New questions for the editor: a fresh key that fits the value model, and empty texts to fill in each locale.
import {
  COST_KINDS,
  emptyLocalizedText,
  TOUCHPOINTS,
  VALUE_TYPES,
  type Question,
  type QuestionType,
} from "../../../../server/domain/template-content";
import { t } from "../../i18n";

/** Question types in the order the "Add a question" menu lists them; their names and hints come from the dictionary. */
export const QUESTION_TYPES: QuestionType[] = ["nps", "csat", "benefit", "cost", "expectation", "touchpoint", "choice", "text"];
export const typeLabel = (type: QuestionType) => t(`editor.types.${type}`);
export const typeHint = (type: QuestionType) => t(`editor.types.${type}Hint`);

const empty = emptyLocalizedText;

function firstFree<T extends string>(values: readonly T[], keyOf: (v: T) => string, used: Set<string>): T {
  return values.find((v) => !used.has(keyOf(v))) ?? values[0]!;
}
function numbered(prefix: string, used: Set<string>): string {
  for (let n = 1; ; n++) if (!used.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

export function newQuestion(type: QuestionType, existing: Question[]): Question {
  const used = new Set(existing.map((q) => q.key));
  const base = { required: false, text: empty() };
  switch (type) {
    case "nps":
      return { ...base, type, key: "score", required: true };
    case "csat":
      return { ...base, type, key: "csat" };
    case "benefit": {
      const valueType = firstFree(VALUE_TYPES, (v) => `benefit_${v}`, used);
      return { ...base, type, valueType, key: used.has(`benefit_${valueType}`) ? numbered(`b_${valueType}`, used) : `benefit_${valueType}` };
    }
    case "cost": {
      const costKind = firstFree(COST_KINDS, (k) => `cost_${k}`, used);
      return { ...base, type, costKind, key: used.has(`cost_${costKind}`) ? numbered(`c_${costKind}`, used) : `cost_${costKind}` };
    }
    case "expectation": {
      const valueType = firstFree(VALUE_TYPES, (v) => `expect_${v}`, used);
      return { ...base, type, valueType, key: used.has(`expect_${valueType}`) ? numbered(`expect_${valueType}`, used) : `expect_${valueType}` };
    }
    case "touchpoint": {
      const touchpoint = firstFree(TOUCHPOINTS, (t) => `touch_${t}`, used);
      return { ...base, type, touchpoint, key: used.has(`touch_${touchpoint}`) ? numbered(`touch_${touchpoint}`, used) : `touch_${touchpoint}` };
    }
    case "choice":
      return { ...base, type, key: numbered("choice", used), options: [{ value: "option_1", label: empty() }, { value: "option_2", label: empty() }] };
    case "text":
      return { ...base, type, key: used.has("comment") ? numbered("text", used) : "comment" };
  }
}
