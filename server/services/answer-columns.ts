// Question keys stored in their own columns of `responses` (the value model); any other key goes to `extra`.
import { responses } from "../../db/schema";
import { ANSWER_KEYS, answerField, type AnswerField, type AnswerKey } from "../domain/vocabulary";

export type { AnswerKey };
/** Each answer key's column, derived from the vocabulary: `benefit_functional` → responses.benefitFunctional. */
export const ANSWER_COLUMNS = Object.fromEntries(ANSWER_KEYS.map((k) => [k, responses[answerField(k)]])) as { [K in AnswerKey]: (typeof responses)[AnswerField<K>] };
/** The same columns by row property ({benefitFunctional: responses.benefitFunctional, …}), for a select. */
export const ANSWER_FIELD_COLUMNS = Object.fromEntries(ANSWER_KEYS.map((k) => [answerField(k), responses[answerField(k)]])) as { [K in AnswerKey as AnswerField<K>]: (typeof responses)[AnswerField<K>] };
