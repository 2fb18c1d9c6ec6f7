// The template every new workspace starts with: NPS, CSAT, benefit by value type, cost by kind, and a comment, in English and Vietnamese.
import { templateContentSchema, templateRulesSchema, type TemplateContentInput, type TemplateRulesInput } from "./template-content";

const content: TemplateContentInput = {
  brand: { name: "ValuePulse", color: "#4f46e5", logoUrl: null },
  email: {
    subject: {
      en: "How was your purchase from {brand}?",
      vi: "Bạn thấy lần mua hàng tại {brand} thế nào?",
    },
    preheader: {
      en: "One click tells us how likely you are to recommend us.",
      vi: "Chỉ một cú nhấp để cho chúng tôi biết bạn có sẵn lòng giới thiệu chúng tôi không.",
    },
    intro: {
      en: "Thank you for shopping with {brand}. We would love to hear how it went — it takes less than two minutes, and your answers help us do better.",
      vi: "Cảm ơn bạn đã mua sắm tại {brand}. Chúng tôi rất mong được nghe cảm nhận của bạn — chỉ mất chưa đến hai phút, và câu trả lời của bạn sẽ giúp chúng tôi phục vụ tốt hơn.",
    },
  },
  questions: [
    {
      type: "nps",
      key: "score",
      required: true,
      text: {
        en: "How likely are you to recommend {brand} to a friend or colleague?",
        vi: "Bạn có sẵn lòng giới thiệu {brand} cho bạn bè hoặc đồng nghiệp không?",
      },
    },
    {
      type: "csat",
      key: "csat",
      required: false,
      text: {
        en: "Overall, how satisfied are you with this purchase?",
        vi: "Nhìn chung, bạn hài lòng với lần mua hàng này ở mức nào?",
      },
    },
    {
      type: "benefit",
      key: "benefit_functional",
      valueType: "functional",
      required: false,
      text: {
        en: "It is good quality and works as promised.",
        vi: "Sản phẩm có chất lượng tốt và hoạt động đúng như cam kết.",
      },
    },
    {
      type: "benefit",
      key: "benefit_social",
      valueType: "social",
      required: false,
      text: {
        en: "It helps me make a good impression on others.",
        vi: "Sản phẩm giúp tôi tạo ấn tượng tốt với người khác.",
      },
    },
    {
      type: "benefit",
      key: "benefit_emotional",
      valueType: "emotional",
      required: false,
      text: {
        en: "I enjoy it, and it gives me peace of mind.",
        vi: "Tôi thích sản phẩm này và thấy yên tâm khi sử dụng.",
      },
    },
    {
      type: "benefit",
      key: "benefit_monetary",
      valueType: "monetary",
      required: false,
      text: {
        en: "It is good value for the money.",
        vi: "Sản phẩm xứng đáng với số tiền tôi bỏ ra.",
      },
    },
    {
      type: "cost",
      key: "cost_money",
      costKind: "money",
      required: false,
      text: {
        en: "The price I paid",
        vi: "Số tiền tôi đã trả",
      },
    },
    {
      type: "cost",
      key: "cost_time",
      costKind: "time",
      required: false,
      text: {
        en: "The time I spent searching, buying and waiting",
        vi: "Thời gian tôi bỏ ra để tìm hiểu, đặt mua và chờ nhận hàng",
      },
    },
    {
      type: "cost",
      key: "cost_effort",
      costKind: "effort",
      required: false,
      text: {
        en: "The effort it took to learn and use it",
        vi: "Công sức để làm quen và sử dụng sản phẩm",
      },
    },
    {
      type: "cost",
      key: "cost_risk",
      costKind: "risk",
      required: false,
      text: {
        en: "Worry about making a bad choice",
        vi: "Nỗi lo mình đã chọn sai",
      },
    },
    {
      type: "text",
      key: "comment",
      required: false,
      text: {
        en: "Anything else you would like to tell us? What would make it better?",
        vi: "Bạn có muốn chia sẻ thêm điều gì không? Chúng tôi có thể làm gì để tốt hơn?",
      },
    },
  ],
};

const rules: TemplateRulesInput = { delayHours: 72, throttleDays: 90, closeAfterDays: 30 };

export const defaultTemplate = {
  name: "Post-purchase NPS & value",
  content: templateContentSchema.parse(content),
  rules: templateRulesSchema.parse(rules),
};
