/** @jsxImportSource hono/jsx */
// A lead's reply to a customer's feedback, sent from the dashboard in the customer's language. Edge-safe.
import type { Locale } from "../server/domain/template-content";
import { toHtml } from "./html";
import { interpolate } from "./i18n";
import type { RenderedEmail } from "./invitation";
import { Letter, SmallPrint } from "./letter";

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
  // Blank lines separate paragraphs; a single line break stays a line break.
  const paragraphs = model.body.split(/\n{2,}/).map((p) => (
    <p>
      {p.split("\n").map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </p>
  ));
  const html = toHtml(
    <Letter locale={locale} subject={subject}>
      <p>{greeting}</p>
      {paragraphs}
      <p>{signature}</p>
      <SmallPrint>{t.replyHint}</SmallPrint>
    </Letter>,
  );
  const text = [greeting, "", model.body, "", signature, "", t.replyHint].join("\n");
  return { subject, html, text };
}
