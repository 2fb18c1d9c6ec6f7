// The item bank (issue 21.5): 3–4 tested statements per value type and cost kind that a template can ask as one
// scale, so an index is the mean of several items and its reliability can be checked (scale-reliability.ts).
// Benefits adapt PERVAL (Sweeney & Soutar 2001), the published scale of the four value types the product measures;
// costs adapt the sacrifice items of Cronin, Brady & Hult (2000) and the risk facets of Sweeney, Soutar & Johnson
// (1999) where one fits, and are written for ValuePulse where none does. Every item is worded positively
// (agreement = more of the benefit, or more of the cost): PERVAL's reverse-worded items ("has poor workmanship",
// "would not last a long time") are left out, as a reversed item must be scored backwards before it is averaged.
import { COST_KINDS, VALUE_TYPES, type CostKind, type LocalizedText, type Question, type ValueType } from "./template-content";
import { VALUE_ANSWER_KEYS, type ValueAnswerKey } from "./vocabulary";

/** Where items come from: a short citation for the editor's table, and the full reference docs/ANALYTICS.md lists. */
export const ITEM_SOURCES = {
  perval: {
    short: "Sweeney & Soutar (2001), PERVAL",
    full: "Sweeney, J. C. & Soutar, G. N. (2001). Consumer perceived value: the development of a multiple item scale. Journal of Retailing, 77(2), 203–220.",
  },
  cronin2000: {
    short: "Cronin, Brady & Hult (2000)",
    full: "Cronin, J. J., Brady, M. K. & Hult, G. T. M. (2000). Assessing the effects of quality, value, and customer satisfaction on consumer behavioral intentions in service environments. Journal of Retailing, 76(2), 193–218 (sacrifice items).",
  },
  sweeney1999: {
    short: "Sweeney, Soutar & Johnson (1999)",
    full: "Sweeney, J. C., Soutar, G. N. & Johnson, L. W. (1999). The role of perceived risk in the quality–value relationship: a study in a retailing environment. Journal of Retailing, 75(1), 77–105.",
  },
  valuepulse: { short: "ValuePulse", full: "Written for ValuePulse." },
} as const;
export type ItemSource = keyof typeof ITEM_SOURCES;

/** One statement of the bank: its question key (`benefit_<type>_…`, `cost_<kind>_…`), texts, source and the item it adapts. */
export type BankItem = {
  key: string;
  /** The value-model column the scale's mean fills. */
  scale: ValueAnswerKey;
  text: LocalizedText;
  source: ItemSource;
  /** The published item's wording it adapts; null when written for ValuePulse. */
  adapts: string | null;
};

/** An item's texts are per locale (a dictionary: a new locale is a type error here until its texts are written). */
type Entry = [suffix: string, text: LocalizedText, source: ItemSource, adapts: string | null];

// Benefits are statements rated on the agreement scale (Strongly disagree … Strongly agree), as PERVAL asks them.
const BENEFITS: Record<ValueType, Entry[]> = {
  functional: [
    ["consistent", { en: "It has consistent quality.", vi: "Sản phẩm có chất lượng ổn định." }, "perval", "has consistent quality"],
    ["well_made", { en: "It is well made.", vi: "Sản phẩm được làm chắc chắn, kỹ lưỡng." }, "perval", "is well made"],
    ["standard", { en: "It has an acceptable standard of quality.", vi: "Sản phẩm đạt tiêu chuẩn chất lượng chấp nhận được." }, "perval", "has an acceptable standard of quality"],
    ["performs", { en: "It performs consistently.", vi: "Sản phẩm hoạt động ổn định mỗi lần sử dụng." }, "perval", "would perform consistently"],
  ],
  social: [
    ["accepted", { en: "It helps me feel accepted by others.", vi: "Sản phẩm giúp tôi cảm thấy được mọi người chấp nhận." }, "perval", "would help me to feel acceptable"],
    ["perceived", { en: "It improves the way I am perceived.", vi: "Sản phẩm giúp người khác nhìn nhận tôi tốt hơn." }, "perval", "would improve the way I am perceived"],
    ["impression", { en: "It makes a good impression on other people.", vi: "Sản phẩm giúp tôi tạo ấn tượng tốt với người khác." }, "perval", "would make a good impression on other people"],
    ["approval", { en: "Owning it earns me the approval of others.", vi: "Sở hữu sản phẩm này giúp tôi được người khác đánh giá cao." }, "perval", "would give its owner social approval"],
  ],
  emotional: [
    ["enjoy", { en: "I enjoy it.", vi: "Tôi thích dùng sản phẩm này." }, "perval", "is one that I would enjoy"],
    ["feel_good", { en: "It makes me feel good.", vi: "Sản phẩm khiến tôi thấy vui." }, "perval", "would make me feel good"],
    ["relaxed", { en: "I feel relaxed about using it.", vi: "Tôi thấy thoải mái, yên tâm khi dùng sản phẩm này." }, "perval", "is one that I would feel relaxed about using"],
    ["pleasure", { en: "It gives me pleasure.", vi: "Sản phẩm mang lại cho tôi cảm giác thích thú." }, "perval", "would give me pleasure"],
  ],
  monetary: [
    ["reasonable", { en: "It is reasonably priced.", vi: "Sản phẩm có giá cả hợp lý." }, "perval", "is reasonably priced"],
    ["value", { en: "It offers value for money.", vi: "Sản phẩm đáng đồng tiền bát gạo." }, "perval", "offers value for money"],
    ["for_price", { en: "It is a good product for the price.", vi: "Với mức giá này, đây là một sản phẩm tốt." }, "perval", "is a good product for the price"],
    ["economical", { en: "It is economical.", vi: "Mua sản phẩm này là một lựa chọn tiết kiệm." }, "perval", "would be economical"],
  ],
};

// Costs are rated on the product's cost scale, "How much did each of these weigh on you?" (Not at all … A great
// deal): the survey page asks every cost question that way, so cost items are what weighed, not statements.
const COSTS: Record<CostKind, Entry[]> = {
  money: [
    ["price", { en: "The price I paid", vi: "Số tiền tôi đã trả" }, "cronin2000", "The price charged to use this facility is … (very low – very high)"],
    ["fees", { en: "Extra charges such as shipping and fees", vi: "Các khoản phí phát sinh như phí giao hàng" }, "valuepulse", null],
    ["compared", { en: "The price compared with other places I could have bought it", vi: "Mức giá so với những nơi khác tôi có thể mua" }, "valuepulse", null],
  ],
  time: [
    ["waiting", { en: "The time it took to receive what I ordered", vi: "Thời gian chờ để nhận được hàng" }, "cronin2000", "The time required to use this facility is … (very low – very high)"],
    ["searching", { en: "The time I spent searching and comparing before buying", vi: "Thời gian tôi bỏ ra để tìm hiểu và so sánh trước khi mua" }, "valuepulse", null],
    ["ordering", { en: "The time I spent ordering and paying", vi: "Thời gian tôi mất để đặt hàng và thanh toán" }, "valuepulse", null],
  ],
  effort: [
    ["getting", { en: "The effort I had to make to get it", vi: "Công sức tôi phải bỏ ra để mua được sản phẩm" }, "cronin2000", "The effort that I must make to receive the services offered is … (very low – very high)"],
    ["learning", { en: "The effort it took to learn how to use it", vi: "Công sức để tìm hiểu cách sử dụng sản phẩm" }, "valuepulse", null],
    ["support", { en: "The hassle of contacting the shop when I needed help", vi: "Sự phiền phức khi phải liên hệ với cửa hàng lúc cần hỗ trợ" }, "valuepulse", null],
  ],
  risk: [
    ["performance", { en: "Worry that it would not work as it should", vi: "Nỗi lo sản phẩm không hoạt động như mong đợi" }, "sweeney1999", "performance risk: the product may not perform as expected"],
    ["financial", { en: "Worry that I had wasted my money", vi: "Nỗi lo mình đã phí tiền" }, "sweeney1999", "financial risk: the purchase may be a waste of money"],
    ["genuine", { en: "Worry about whether it was genuine", vi: "Nỗi lo hàng không chính hãng" }, "valuepulse", null],
  ],
};

const build = (scale: ValueAnswerKey, entries: Entry[]): BankItem[] =>
  entries.map(([suffix, text, source, adapts]) => ({ key: `${scale}_${suffix}`, scale, text, source, adapts }));

/** Every item, by the value-model column its scale fills (`benefit_functional` … `cost_risk`). */
export const ITEM_BANK: Record<ValueAnswerKey, BankItem[]> = Object.fromEntries([
  ...VALUE_TYPES.map((t) => [`benefit_${t}`, build(`benefit_${t}`, BENEFITS[t])]),
  ...COST_KINDS.map((k) => [`cost_${k}`, build(`cost_${k}`, COSTS[k])]),
]) as Record<ValueAnswerKey, BankItem[]>;

/** The template question that asks a bank item (optional, like every value question). */
export function bankQuestion(item: BankItem): Extract<Question, { type: "benefit" | "cost" }> {
  const [side, kind] = item.scale.split("_") as ["benefit" | "cost", string];
  return side === "benefit"
    ? { type: "benefit", key: item.key, valueType: kind as ValueType, required: false, text: { ...item.text } }
    : { type: "cost", key: item.key, costKind: kind as CostKind, required: false, text: { ...item.text } };
}

/** The column a value question's answer counts towards: its value type's or cost kind's; null for other questions. */
export function scaleOf(q: Question): ValueAnswerKey | null {
  return q.type === "benefit" ? `benefit_${q.valueType}` : q.type === "cost" ? `cost_${q.costKind}` : null;
}

/** Whether a question key belongs to a scale: the column's own key or an item key under it (`benefit_functional_…`). */
export const inScale = (key: string, scale: ValueAnswerKey) => key === scale || key.startsWith(`${scale}_`);

/**
 * The value types and cost kinds a template asks as a scale, with their items' keys: those asked by several
 * questions keyed `benefit_functional` / `benefit_functional_…` (template-content.ts keeps such keys for questions
 * of that type), or by one item key. The column then holds the mean of the answered items and each item's answer is
 * kept in `extra` under its key. A type asked only by the question keyed as its column is no scale: its answer is the
 * column, as before. Questions of a type with other keys (`quality`) stay free answers in `extra`, as before.
 */
export function itemScales(questions: readonly Question[]): Map<ValueAnswerKey, string[]> {
  const out = new Map<ValueAnswerKey, string[]>();
  for (const scale of VALUE_ANSWER_KEYS) {
    const keys = questions.filter((q) => scaleOf(q) === scale && inScale(q.key, scale)).map((q) => q.key);
    if (keys.length > 1 || (keys.length === 1 && keys[0] !== scale)) out.set(scale, keys);
  }
  return out;
}

/**
 * How one submission's value answers are stored: `columns` — each value-model column's answer (a scale's: the mean
 * of its items answered in this submission; the answer writer's SQL recomputes it over every item answered so
 * far) — and `items`, the scale items' own answers for `extra`.
 */
export function valueColumns(questions: readonly Question[], values: Record<string, number | string>): { columns: Partial<Record<ValueAnswerKey, number>>; items: Record<string, number> } {
  const columns: Partial<Record<ValueAnswerKey, number>> = {};
  const items: Record<string, number> = {};
  const scales = itemScales(questions);
  for (const scale of VALUE_ANSWER_KEYS) {
    const keys = scales.get(scale);
    if (!keys) {
      if (typeof values[scale] === "number") columns[scale] = values[scale];
      continue;
    }
    const given = keys.filter((k) => typeof values[k] === "number");
    for (const k of given) items[k] = values[k] as number;
    if (given.length) columns[scale] = given.reduce((a, k) => a + (values[k] as number), 0) / given.length;
  }
  return { columns, items };
}
