/** @jsxImportSource hono/jsx */
// The alert email to a lead: which rule fired, the customer's answer and comment, a link to the response. Edge-safe.
import type { Locale } from "../server/domain/template-content";
import { toHtml } from "./html";
import { interpolate } from "./i18n";
import type { RenderedEmail } from "./invitation";
import { Letter, SmallPrint } from "./letter";

const en = {
  subject: "Alert: {rule} — score {score} from {customer}",
  subjectNoScore: "Alert: {rule} — {customer}",
  intro: "A response just met the alert rule “{rule}”.",
  score: "Recommend score",
  csat: "Satisfaction (1–5)",
  customer: "Customer",
  order: "Order",
  comment: "Comment",
  noComment: "(no comment)",
  open: "Open it in the dashboard to assign, reply and close the loop",
  footer: "You receive this because you are a recipient of this alert rule in ValuePulse.",
};
type Texts = { [K in keyof typeof en]: string };
const vi: Texts = {
  subject: "Cảnh báo: {rule} — điểm {score} từ {customer}",
  subjectNoScore: "Cảnh báo: {rule} — {customer}",
  intro: "Một phản hồi vừa khớp với quy tắc cảnh báo “{rule}”.",
  score: "Điểm giới thiệu",
  csat: "Mức hài lòng (1–5)",
  customer: "Khách hàng",
  order: "Đơn hàng",
  comment: "Nhận xét",
  noComment: "(không có nhận xét)",
  open: "Mở trong bảng điều khiển để phân công, trả lời và khép lại phản hồi",
  footer: "Bạn nhận được email này vì bạn là người nhận của quy tắc cảnh báo này trong ValuePulse.",
};
export const alertTexts: Record<Locale, Texts> = { en, vi };

export type AlertEmailModel = {
  ruleName: string;
  response: { score: number | null; csat: number | null; comment: string | null; customerEmail: string; customerName: string | null; orderId: string };
  /** Link to the response in the dashboard. */
  dashboardUrl: string;
};

export function renderAlertEmail(model: AlertEmailModel, locale: Locale): RenderedEmail {
  const t = alertTexts[locale];
  const r = model.response;
  const customer = r.customerName ? `${r.customerName} <${r.customerEmail}>` : r.customerEmail;
  const subject = interpolate(r.score === null ? t.subjectNoScore : t.subject, { rule: model.ruleName, score: r.score, customer: r.customerName ?? r.customerEmail });
  const facts: [string, string][] = [
    [t.score, r.score === null ? "—" : `${r.score} / 10`],
    [t.csat, r.csat === null ? "—" : String(r.csat)],
    [t.customer, customer],
    [t.order, r.orderId],
  ];
  const comment = r.comment ?? t.noComment;
  const intro = interpolate(t.intro, { rule: model.ruleName });
  const html = toHtml(
    <Letter locale={locale} subject={subject}>
      <p>{intro}</p>
      <table role="presentation" style="border-collapse:collapse">
        {facts.map(([k, v]) => (
          <tr>
            <th align="left" style="padding:4px 12px 4px 0">
              {k}
            </th>
            <td>{v}</td>
          </tr>
        ))}
      </table>
      <p>
        <strong>{t.comment}</strong>
      </p>
      <blockquote style="margin:0;padding:8px 12px;border-left:4px solid #dc2626;background:#fef2f2">{comment}</blockquote>
      <p>
        <a href={model.dashboardUrl}>{t.open}</a>
      </p>
      <SmallPrint>{t.footer}</SmallPrint>
    </Letter>,
  );
  const text = [intro, "", ...facts.map(([k, v]) => `${k}: ${v}`), "", `${t.comment}: ${comment}`, "", `${t.open}: ${model.dashboardUrl}`, "", t.footer].join("\n");
  return { subject, html, text };
}
