// Question keys stored in their own columns of `responses` (the value model); any other key goes to `extra`.
import { responses } from "../../db/schema";

export const ANSWER_COLUMNS = {
  score: responses.score,
  csat: responses.csat,
  benefit_functional: responses.benefitFunctional,
  benefit_social: responses.benefitSocial,
  benefit_emotional: responses.benefitEmotional,
  benefit_monetary: responses.benefitMonetary,
  cost_money: responses.costMoney,
  cost_time: responses.costTime,
  cost_effort: responses.costEffort,
  cost_risk: responses.costRisk,
  comment: responses.comment,
} as const;
export type AnswerKey = keyof typeof ANSWER_COLUMNS;
