// Starting points for the template editor: Post-purchase NPS, CSAT only, and the full customer-value survey (PERVAL-style wording, en + vi).
import {
  templateContentSchema,
  templateRulesSchema,
  type TemplateContent,
  type TemplateContentInput,
  type TemplateRules,
  type TemplateRulesInput,
} from "./template-content";

export const PRESET_IDS = ["post_purchase_nps", "csat_only", "customer_value"] as const;
export type PresetId = (typeof PRESET_IDS)[number];
export type Preset = { id: PresetId; name: string; description: string; content: TemplateContent; rules: TemplateRules };

const brand = { name: "ValuePulse", color: "#4f46e5", logoUrl: null };

const email = (subject: { en: string; vi: string }) => ({
  senderName: "ValuePulse",
  subject,
  preheader: {
    en: "One click tells us how it went.",
    vi: "Chỉ một cú nhấp để cho chúng tôi biết trải nghiệm của bạn.",
  },
  intro: {
    en: "Thank you for shopping with {brand}. We would love to hear how it went — it takes less than two minutes, and your answers help us do better.",
    vi: "Cảm ơn bạn đã mua sắm tại {brand}. Chúng tôi rất mong được nghe cảm nhận của bạn — chỉ mất chưa đến hai phút, và câu trả lời của bạn sẽ giúp chúng tôi phục vụ tốt hơn.",
  },
});

const nps = {
  type: "nps",
  key: "score",
  required: true,
  text: {
    en: "How likely are you to recommend {brand} to a friend or colleague?",
    vi: "Bạn có sẵn lòng giới thiệu {brand} cho bạn bè hoặc đồng nghiệp không?",
  },
} as const;

const csat = {
  type: "csat",
  key: "csat",
  required: false,
  text: { en: "Overall, how satisfied are you with this purchase?", vi: "Nhìn chung, bạn hài lòng với lần mua hàng này ở mức nào?" },
} as const;

const comment = (en: string, vi: string) => ({ type: "text", key: "comment", required: false, text: { en, vi } }) as const;

/** PERVAL (Sweeney & Soutar, 2001): quality, emotional, price and social value, as agreement statements. */
const benefits: TemplateContentInput["questions"] = [
  {
    type: "benefit",
    key: "benefit_functional",
    valueType: "functional",
    required: false,
    text: { en: "It has consistent quality and works as promised.", vi: "Sản phẩm có chất lượng ổn định và hoạt động đúng như cam kết." },
  },
  {
    type: "benefit",
    key: "benefit_emotional",
    valueType: "emotional",
    required: false,
    text: { en: "It is one that I enjoy, and it makes me feel good.", vi: "Đây là sản phẩm tôi thích dùng, và nó khiến tôi thấy vui." },
  },
  {
    type: "benefit",
    key: "benefit_social",
    valueType: "social",
    required: false,
    text: { en: "It improves the way I am perceived by others.", vi: "Sản phẩm giúp người khác nhìn nhận tôi tốt hơn." },
  },
  {
    type: "benefit",
    key: "benefit_monetary",
    valueType: "monetary",
    required: false,
    text: { en: "It is reasonably priced and good value for the money.", vi: "Sản phẩm có giá hợp lý và xứng đáng với số tiền bỏ ra." },
  },
];

const costs: TemplateContentInput["questions"] = [
  { type: "cost", key: "cost_money", costKind: "money", required: false, text: { en: "The price I paid", vi: "Số tiền tôi đã trả" } },
  {
    type: "cost",
    key: "cost_time",
    costKind: "time",
    required: false,
    text: { en: "The time I spent searching, buying and waiting", vi: "Thời gian tôi bỏ ra để tìm hiểu, đặt mua và chờ nhận hàng" },
  },
  { type: "cost", key: "cost_effort", costKind: "effort", required: false, text: { en: "The effort it took to learn and use it", vi: "Công sức để làm quen và sử dụng sản phẩm" } },
  { type: "cost", key: "cost_risk", costKind: "risk", required: false, text: { en: "Worry about making a bad choice", vi: "Nỗi lo mình đã chọn sai" } },
];

const expectations: TemplateContentInput["questions"] = [
  {
    type: "expectation",
    key: "expect_functional",
    valueType: "functional",
    required: false,
    text: { en: "Compared with what you expected, its quality and performance were…", vi: "So với kỳ vọng của bạn, chất lượng và công năng của sản phẩm…" },
  },
  {
    type: "expectation",
    key: "expect_emotional",
    valueType: "emotional",
    required: false,
    text: { en: "Compared with what you expected, how it made you feel was…", vi: "So với kỳ vọng của bạn, cảm xúc mà sản phẩm mang lại…" },
  },
  {
    type: "expectation",
    key: "expect_social",
    valueType: "social",
    required: false,
    text: { en: "Compared with what you expected, how others saw your choice was…", vi: "So với kỳ vọng của bạn, cách người khác nhìn nhận lựa chọn của bạn…" },
  },
  {
    type: "expectation",
    key: "expect_monetary",
    valueType: "monetary",
    required: false,
    text: { en: "Compared with what you expected, the value for the money was…", vi: "So với kỳ vọng của bạn, giá trị nhận được so với số tiền bỏ ra…" },
  },
];

const touchpoints: TemplateContentInput["questions"] = [
  {
    type: "touchpoint",
    key: "touch_learning",
    touchpoint: "learning",
    required: false,
    text: { en: "Finding out about the product (website, advice, reviews)", vi: "Tìm hiểu về sản phẩm (trang web, tư vấn, đánh giá)" },
  },
  { type: "touchpoint", key: "touch_buying", touchpoint: "buying", required: false, text: { en: "Ordering and paying", vi: "Đặt hàng và thanh toán" } },
  {
    type: "touchpoint",
    key: "touch_delivery_use",
    touchpoint: "delivery_use",
    required: false,
    text: { en: "Delivery and getting started with it", vi: "Giao hàng và bắt đầu sử dụng" },
  },
  {
    type: "touchpoint",
    key: "touch_after_sales",
    touchpoint: "after_sales",
    required: false,
    text: { en: "Help and support after the purchase", vi: "Hỗ trợ và chăm sóc sau khi mua" },
  },
];

const boughtFor: TemplateContentInput["questions"][number] = {
  type: "choice",
  key: "bought_for",
  required: false,
  text: { en: "Who did you buy it for?", vi: "Bạn mua sản phẩm này cho ai?" },
  options: [
    { value: "myself", label: { en: "Myself", vi: "Cho bản thân" } },
    { value: "family", label: { en: "My family", vi: "Cho gia đình" } },
    { value: "gift", label: { en: "As a gift", vi: "Làm quà tặng" } },
  ],
};

function preset(id: PresetId, name: string, description: string, content: TemplateContentInput, rules: TemplateRulesInput): Preset {
  return { id, name, description, content: templateContentSchema.parse(content), rules: templateRulesSchema.parse(rules) };
}

export const PRESETS: readonly Preset[] = [
  preset(
    "post_purchase_nps",
    "Post-purchase NPS",
    "One 0–10 question in the email and a comment: the quickest loyalty signal.",
    {
      brand,
      email: email({ en: "How likely are you to recommend {brand}?", vi: "Bạn có sẵn lòng giới thiệu {brand} không?" }),
      questions: [nps, comment("What is the main reason for your score?", "Lý do chính cho điểm số của bạn là gì?")],
    },
    { trigger: "fulfillment", delayHours: 72, closeAfterDays: 30, throttleDays: 90, throttleScope: "template" },
  ),
  preset(
    "csat_only",
    "CSAT only",
    "How satisfied the customer is with this one transaction, 1–5, and a comment.",
    {
      brand,
      email: email({ en: "How satisfied are you with your purchase from {brand}?", vi: "Bạn hài lòng với lần mua hàng tại {brand} ở mức nào?" }),
      questions: [csat, comment("What could we have done better?", "Chúng tôi có thể làm gì tốt hơn?")],
    },
    { trigger: "fulfillment", delayHours: 24, closeAfterDays: 14, throttleDays: 30, throttleScope: "template" },
  ),
  preset(
    "customer_value",
    "Full customer-value survey",
    "NPS, CSAT, benefit by value type (PERVAL), cost by kind, expectation gaps, journey touchpoints, who it was for, and a comment.",
    {
      brand,
      email: email({ en: "Was your purchase from {brand} worth it?", vi: "Lần mua hàng tại {brand} có xứng đáng với bạn không?" }),
      questions: [
        nps,
        csat,
        ...benefits,
        ...costs,
        ...expectations,
        ...touchpoints,
        boughtFor,
        comment("Anything else you would like to tell us? What would make it better?", "Bạn có muốn chia sẻ thêm điều gì không? Chúng tôi có thể làm gì để tốt hơn?"),
      ],
    },
    { trigger: "fulfillment", delayHours: 7 * 24, reminderAfterDays: 3, closeAfterDays: 30, throttleDays: 180, throttleScope: "all", sampleRate: 50 },
  ),
];

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);
