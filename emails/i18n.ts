// Every customer-facing string of emails and survey pages, per locale; a missing or extra Vietnamese key is a type error.
import { INTL_LOCALES, isLocale, type Locale } from "../server/domain/vocabulary";

const en = {
  // NPS scale, 0–10: the label a screen reader or tooltip gives each score.
  "score.0": "0 — not at all likely",
  "score.1": "1 out of 10",
  "score.2": "2 out of 10",
  "score.3": "3 out of 10",
  "score.4": "4 out of 10",
  "score.5": "5 out of 10",
  "score.6": "6 out of 10",
  "score.7": "7 out of 10",
  "score.8": "8 out of 10",
  "score.9": "9 out of 10",
  "score.10": "10 — extremely likely",
  "score.low": "Not at all likely",
  "score.high": "Extremely likely",

  // CSAT 1–5.
  "csat.1": "Very dissatisfied",
  "csat.2": "Dissatisfied",
  "csat.3": "Neutral",
  "csat.4": "Satisfied",
  "csat.5": "Very satisfied",

  // Agreement with a benefit statement, 1–5.
  "agree.1": "Strongly disagree",
  "agree.2": "Disagree",
  "agree.3": "Neither agree nor disagree",
  "agree.4": "Agree",
  "agree.5": "Strongly agree",

  // How much a cost weighed, 1–5.
  "weight.1": "Not at all",
  "weight.2": "A little",
  "weight.3": "Somewhat",
  "weight.4": "A lot",
  "weight.5": "A great deal",

  // Rating of a journey step, 1–5.
  "rating.1": "Very poor",
  "rating.2": "Poor",
  "rating.3": "OK",
  "rating.4": "Good",
  "rating.5": "Excellent",

  // Compared with what the customer expected.
  "expectation.worse": "Worse than I expected",
  "expectation.as_expected": "About what I expected",
  "expectation.better": "Better than I expected",

  // Invitation email.
  "email.greeting": "Hi {name},",
  "email.greetingAnonymous": "Hello,",
  "email.purchase": "Your purchase: {product}",
  // Fills {product} when the purchase has no item name: a bare noun, so "the {product} you bought" still reads well.
  "email.productFallback": "product",
  "email.choose": "Click a number — one click is all it takes:",
  "email.chooseText": "Open the link that matches your answer (0 = not at all likely, 10 = extremely likely):",
  "email.chooseTextCsat": "Open the link that matches your answer (1 = very dissatisfied, 5 = very satisfied):",
  // A template without an NPS or CSAT question: no one-click row, one button to the survey.
  "email.noScaleHeading": "How did it go?",
  "email.start": "Start the survey",
  "email.startText": "Open the survey: {url}",
  "email.followUp": "A short page with a few optional questions will open. It takes about two minutes.",
  "email.footer": "You are receiving this email because you made a purchase from {brand}.",
  "email.unsubscribe": "Unsubscribe from survey emails",
  "email.unsubscribeText": "Don’t want these emails? Unsubscribe: {url}",

  // Survey page.
  "page.title": "Your feedback for {brand}",
  "page.heading": "Tell us about your purchase",
  "page.intro": "Answer as many questions as you like — every answer helps.",
  "page.required": "(required)",
  "page.benefitsHeading": "What you got",
  "page.benefitsHint": "How far do you agree with each statement?",
  "page.costsHeading": "What it cost you",
  "page.costsHint": "How much did each of these weigh on you?",
  "page.commentHint": "Up to {max} characters.",
  "page.submit": "Send my answers",
  "page.update": "Update my answers",
  "page.saved": "Thank you — your answers have been saved. You can change them until {date}.",
  "page.alreadySaved": "You have already answered — your answers are below. You can change them until {date}.",
  "page.changeUntil": "You can change your answers until {date}.",
  "page.errorSummary": "Please check your answers",
  "page.language": "Language",
  "page.footer": "Powered by ValuePulse",
  "page.progress": "{answered} of {total} questions answered",
  "page.autosaved": "Saved. Your answers are kept as you go — you can change them until {date}.",
  "page.saveFailed": "We could not save that just now. Press the button at the bottom to send your answers.",

  // Validation messages a route can put in SurveyPageModel.errors.
  "error.required": "Please choose an answer.",
  "error.scoreRange": "Please choose a number from 0 to 10.",
  "error.scaleRange": "Please choose an answer from 1 to 5.",
  "error.choice": "Please choose one of the answers.",
  "error.tooLong": "Please keep your answer to {max} characters or fewer.",

  // Thank-you page.
  "thanks.title": "Thank you!",
  "thanks.body": "Your answers have been saved.",
  "thanks.change": "Change my answers",

  // Closed, not found.
  "closed.title": "This survey has closed",
  "closed.body": "Thank you for your interest. This survey no longer accepts answers.",
  "closed.answered": "Your answers were saved before it closed — thank you.",
  "notFound.title": "We couldn’t find this survey",
  "notFound.body": "The link may be incomplete or mistyped. Please open it again from the email we sent you.",

  // Unsubscribe.
  "unsubscribe.title": "Unsubscribe from survey emails",
  "unsubscribe.body": "Press the button below and we will stop sending you survey emails.",
  "unsubscribe.bodyBrand": "Press the button below and {brand} will stop sending you survey emails.",
  "unsubscribe.button": "Unsubscribe",
  "unsubscribe.doneTitle": "You have been unsubscribed",
  "unsubscribe.doneBody": "You will not receive any more survey emails from us.",
  "unsubscribe.alreadyTitle": "You are unsubscribed",
  "unsubscribe.resubscribeHint": "Unsubscribed by mistake? You can start receiving survey emails again.",
  "unsubscribe.resubscribe": "Subscribe again",
  "unsubscribe.resubscribedTitle": "You are subscribed again",
  "unsubscribe.resubscribedBody": "Thank you. We may send you a short survey after your next purchase.",

  // Locale names are written in their own language, so they read the same in every dictionary.
  "locale.en": "English",
  "locale.vi": "Tiếng Việt",
} as const;

export type MessageKey = keyof typeof en;
export type Dictionary = { readonly [K in MessageKey]: string };

const vi: Dictionary = {
  "score.0": "0 — hoàn toàn không muốn giới thiệu",
  "score.1": "1 điểm",
  "score.2": "2 điểm",
  "score.3": "3 điểm",
  "score.4": "4 điểm",
  "score.5": "5 điểm",
  "score.6": "6 điểm",
  "score.7": "7 điểm",
  "score.8": "8 điểm",
  "score.9": "9 điểm",
  "score.10": "10 — rất sẵn lòng giới thiệu",
  "score.low": "Hoàn toàn không muốn",
  "score.high": "Rất sẵn lòng",

  "csat.1": "Rất không hài lòng",
  "csat.2": "Không hài lòng",
  "csat.3": "Bình thường",
  "csat.4": "Hài lòng",
  "csat.5": "Rất hài lòng",

  "agree.1": "Hoàn toàn không đồng ý",
  "agree.2": "Không đồng ý",
  "agree.3": "Trung lập",
  "agree.4": "Đồng ý",
  "agree.5": "Hoàn toàn đồng ý",

  "weight.1": "Không hề",
  "weight.2": "Một chút",
  "weight.3": "Vừa phải",
  "weight.4": "Khá nhiều",
  "weight.5": "Rất nhiều",

  "rating.1": "Rất tệ",
  "rating.2": "Tệ",
  "rating.3": "Tạm được",
  "rating.4": "Tốt",
  "rating.5": "Rất tốt",

  "expectation.worse": "Tệ hơn tôi mong đợi",
  "expectation.as_expected": "Đúng như tôi mong đợi",
  "expectation.better": "Tốt hơn tôi mong đợi",

  "email.greeting": "Chào {name},",
  "email.greetingAnonymous": "Xin chào,",
  "email.purchase": "Sản phẩm bạn đã mua: {product}",
  "email.productFallback": "sản phẩm",
  "email.choose": "Chỉ cần bấm vào một con số:",
  "email.chooseText": "Mở đường dẫn ứng với câu trả lời của bạn (0 = hoàn toàn không muốn, 10 = rất sẵn lòng):",
  "email.chooseTextCsat": "Mở đường dẫn ứng với câu trả lời của bạn (1 = rất không hài lòng, 5 = rất hài lòng):",
  "email.noScaleHeading": "Trải nghiệm của bạn thế nào?",
  "email.start": "Bắt đầu khảo sát",
  "email.startText": "Mở trang khảo sát: {url}",
  "email.followUp": "Một trang ngắn với vài câu hỏi không bắt buộc sẽ mở ra, chỉ mất khoảng hai phút.",
  "email.footer": "Bạn nhận được email này vì đã mua hàng tại {brand}.",
  "email.unsubscribe": "Hủy nhận email khảo sát",
  "email.unsubscribeText": "Không muốn nhận những email này? Hủy đăng ký tại: {url}",

  "page.title": "Góp ý của bạn cho {brand}",
  "page.heading": "Chia sẻ cảm nhận về đơn hàng của bạn",
  "page.intro": "Bạn có thể trả lời bao nhiêu câu tùy ý — mỗi câu trả lời đều giúp ích cho chúng tôi.",
  "page.required": "(bắt buộc)",
  "page.benefitsHeading": "Những gì bạn nhận được",
  "page.benefitsHint": "Bạn đồng ý với từng nhận định dưới đây ở mức nào?",
  "page.costsHeading": "Những gì bạn đã bỏ ra",
  "page.costsHint": "Mỗi khoản dưới đây khiến bạn thấy tốn kém hay vất vả đến mức nào?",
  "page.commentHint": "Tối đa {max} ký tự.",
  "page.submit": "Gửi câu trả lời",
  "page.update": "Cập nhật câu trả lời",
  "page.saved": "Cảm ơn bạn — câu trả lời đã được lưu. Bạn có thể thay đổi cho đến ngày {date}.",
  "page.alreadySaved": "Bạn đã trả lời khảo sát này — câu trả lời của bạn ở bên dưới. Bạn có thể thay đổi cho đến ngày {date}.",
  "page.changeUntil": "Bạn có thể thay đổi câu trả lời cho đến ngày {date}.",
  "page.errorSummary": "Vui lòng kiểm tra lại câu trả lời",
  "page.language": "Ngôn ngữ",
  "page.footer": "Vận hành bởi ValuePulse",
  "page.progress": "Đã trả lời {answered}/{total} câu hỏi",
  "page.autosaved": "Đã lưu. Câu trả lời được lưu ngay khi bạn chọn — bạn có thể thay đổi cho đến ngày {date}.",
  "page.saveFailed": "Chưa lưu được câu trả lời vừa rồi. Vui lòng nhấn nút ở cuối trang để gửi câu trả lời.",

  "error.required": "Vui lòng chọn một câu trả lời.",
  "error.scoreRange": "Vui lòng chọn một số từ 0 đến 10.",
  "error.scaleRange": "Vui lòng chọn một mức từ 1 đến 5.",
  "error.choice": "Vui lòng chọn một trong các câu trả lời.",
  "error.tooLong": "Vui lòng viết không quá {max} ký tự.",

  "thanks.title": "Cảm ơn bạn!",
  "thanks.body": "Câu trả lời của bạn đã được lưu.",
  "thanks.change": "Thay đổi câu trả lời",

  "closed.title": "Khảo sát này đã kết thúc",
  "closed.body": "Cảm ơn bạn đã quan tâm. Khảo sát này không còn nhận câu trả lời nữa.",
  "closed.answered": "Câu trả lời của bạn đã được lưu trước khi khảo sát kết thúc — cảm ơn bạn.",
  "notFound.title": "Không tìm thấy khảo sát",
  "notFound.body": "Đường dẫn có thể bị thiếu hoặc sai. Vui lòng mở lại đường dẫn từ email chúng tôi đã gửi cho bạn.",

  "unsubscribe.title": "Hủy nhận email khảo sát",
  "unsubscribe.body": "Nhấn nút bên dưới, chúng tôi sẽ ngừng gửi email khảo sát cho bạn.",
  "unsubscribe.bodyBrand": "Nhấn nút bên dưới, {brand} sẽ ngừng gửi email khảo sát cho bạn.",
  "unsubscribe.button": "Hủy đăng ký",
  "unsubscribe.doneTitle": "Bạn đã hủy đăng ký thành công",
  "unsubscribe.doneBody": "Bạn sẽ không nhận thêm email khảo sát nào từ chúng tôi nữa.",
  "unsubscribe.alreadyTitle": "Bạn đã hủy nhận email khảo sát",
  "unsubscribe.resubscribeHint": "Lỡ tay hủy đăng ký? Bạn có thể nhận lại email khảo sát.",
  "unsubscribe.resubscribe": "Đăng ký nhận lại",
  "unsubscribe.resubscribedTitle": "Bạn đã đăng ký nhận lại",
  "unsubscribe.resubscribedBody": "Cảm ơn bạn. Chúng tôi có thể gửi cho bạn một khảo sát ngắn sau lần mua hàng tiếp theo.",

  "locale.en": "English",
  "locale.vi": "Tiếng Việt",
};

export const messages: { readonly [L in Locale]: Dictionary } = { en, vi };

/** Names of the `{placeholders}` in a string literal type. */
type Placeholders<S extends string> = S extends `${string}{${infer V}}${infer Rest}` ? V | Placeholders<Rest> : never;
export type MessageVars<K extends MessageKey> = Record<Placeholders<(typeof en)[K]>, string | number>;
type VarsArg<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [vars: MessageVars<K>];

/** Replaces `{name}` with vars.name; a placeholder without a value is left as written. */
export function interpolate(text: string, vars: Record<string, string | number | null | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/** The message `key` in `locale`, with its placeholders filled; the placeholders a key needs are checked by the compiler. */
export function t<K extends MessageKey>(locale: Locale, key: K, ...args: VarsArg<K>): string {
  const text = (messages[locale] ?? messages.en)[key];
  return args.length ? interpolate(text, args[0] as Record<string, string | number>) : text;
}

export const SCORE_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const SCALE_VALUES = [1, 2, 3, 4, 5] as const;
export type ScaleKind = "csat" | "agree" | "weight" | "rating";

/** "0 — not at all likely", "5 out of 10", "10 — extremely likely" (aria-label and title of score buttons). */
export const scoreLabel = (locale: Locale, n: number): string => t(locale, `score.${n}` as `score.${(typeof SCORE_VALUES)[number]}`);

/** The five option labels of a 1–5 scale, lowest first. */
export const scaleLabels = (locale: Locale, kind: ScaleKind): string[] =>
  SCALE_VALUES.map((n) => t(locale, `${kind}.${n}` as `${ScaleKind}.${(typeof SCALE_VALUES)[number]}`));

/** Format an epoch-ms date the way the locale writes it: "March 14, 2025" / "14 tháng 3, 2025". */
export function formatDate(locale: Locale, epochMs: number, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: "long", timeZone }).format(new Date(epochMs));
}

/** The best supported locale for an Accept-Language header (for pages reached without a known customer, e.g. a forged link). */
export function negotiateLocale(acceptLanguage: string | null | undefined, fallback: Locale = "en"): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.split("-")[0] ?? "", q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return fallback;
}
