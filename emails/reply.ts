// A lead's reply to a customer's feedback, sent from the dashboard in the customer's language. Edge-safe.
import type { Locale } from "../server/domain/template-content";
import { interpolate } from "./i18n";
import { escapeHtml, type RenderedEmail } from "./invitation";

const en = {
  subject: "About your feedback to {brand}",
  greeting: "Hi {name},",
  greetingAnonymous: "Hello,",
  signature: "{lead}, {brand}",
  replyHint: "You can reply to this email directly.",
};
type Texts = { [K in keyof typeof en]: string };
const vi: Texts = {
  subject: "Về góp ý của bạn gửi {brand}",
  greeting: "Chào {name},",
  greetingAnonymous: "Xin chào,",
  signature: "{lead}, {brand}",
  replyHint: "Bạn có thể trả lời trực tiếp email này.",
};
export const replyTexts: Record<Locale, Texts> = { en, vi };

export type ReplyEmailModel = { brand: string; customerName: string | null; body: string; leadName: string };

export function renderReplyEmail(model: ReplyEmailModel, locale: Locale): RenderedEmail {
  const t = replyTexts[locale];
  const subject = interpolate(t.subject, { brand: model.brand });
  const greeting = model.customerName ? interpolate(t.greeting, { name: model.customerName }) : t.greetingAnonymous;
  const signature = interpolate(t.signature, { lead: model.leadName, brand: model.brand });
  const paragraphs = model.body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;color:#111827;max-width:560px;margin:0 auto;padding:16px">
<p>${escapeHtml(greeting)}</p>
${paragraphs.join("\n")}
<p>${escapeHtml(signature)}</p>
<p style="color:#6b7280;font-size:12px">${escapeHtml(t.replyHint)}</p>
</body></html>`;
  const text = [greeting, "", model.body, "", signature, "", t.replyHint].join("\n");
  return { subject, html, text };
}
