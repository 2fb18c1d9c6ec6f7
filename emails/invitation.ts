// The survey invitation email: subject, HTML (one link per NPS score) and a plain-text part that stands on its own. Edge-safe: no node:* imports.
import type { Locale, TemplateContent } from "../server/domain/template-content";
import { SCORE_VALUES, interpolate, scoreLabel, t } from "./i18n";

export type InvitationModel = {
  locale: Locale;
  content: TemplateContent;
  customerName: string | null;
  productName: string | null;
  /** `{PUBLIC_URL}/s/{token}`; score links are `${surveyUrl}?score=N`. */
  surveyUrl: string;
  unsubscribeUrl: string;
};

export type RenderedEmail = { subject: string; html: string; text: string };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Escape text for HTML content and double- or single-quoted attributes. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const DEFAULT_BRAND_COLOR = "#4f46e5";

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * The brand colour as a background and a text colour readable on it (WCAG AA, 4.5:1),
 * so a marketer's pale brand colour never produces unreadable buttons.
 */
export function brandColors(color: string): { background: string; foreground: string } {
  const background = /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : DEFAULT_BRAND_COLOR;
  const whiteContrast = 1.05 / (luminance(background) + 0.05);
  return { background, foreground: whiteContrast >= 4.5 ? "#ffffff" : "#111827" };
}

/** Fill `{brand}` and `{product}` in a template's customer-facing text. */
export function fillContentText(text: string, vars: { brand: string; product?: string | null }): string {
  return interpolate(text, { brand: vars.brand, product: vars.product ?? undefined });
}

/** Only http(s) images: a template's logo URL must never become another scheme in an email. */
export const safeImageUrl = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

/** Subjects are single-line header values. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export const scoreUrl = (surveyUrl: string, score: number) => `${surveyUrl}?score=${score}`;

export function renderInvitation(model: InvitationModel): RenderedEmail {
  const { locale, content, surveyUrl, unsubscribeUrl } = model;
  const brand = content.brand.name;
  const customerName = model.customerName?.trim() || null;
  const productName = model.productName?.trim() || null;
  const fill = (text: string) =>
    fillContentText(text, { brand, product: productName ?? t(locale, "email.productFallback") });

  const subject = oneLine(fill(content.email.subject[locale]));
  const preheader = fill(content.email.preheader[locale]);
  const intro = fill(content.email.intro[locale]);
  const nps = content.questions.find((q) => q.type === "nps");
  const question = fill(nps ? nps.text[locale] : t(locale, "question.npsFallback", { brand }));
  const greeting = customerName ? t(locale, "email.greeting", { name: customerName }) : t(locale, "email.greetingAnonymous");
  const purchase = productName ? t(locale, "email.purchase", { product: productName }) : null;
  const footer = t(locale, "email.footer", { brand });
  const colors = brandColors(content.brand.color);
  const logoUrl = safeImageUrl(content.brand.logoUrl);

  const text = [
    greeting,
    "",
    intro,
    ...(purchase ? ["", purchase] : []),
    "",
    question,
    t(locale, "email.chooseText"),
    "",
    ...SCORE_VALUES.map((n) => `${scoreLabel(locale, n)}: ${scoreUrl(surveyUrl, n)}`),
    "",
    t(locale, "email.followUp"),
    "",
    "—",
    footer,
    t(locale, "email.unsubscribeText", { url: unsubscribeUrl }),
    "",
  ].join("\n");

  const e = escapeHtml;
  const font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
  const header = logoUrl
    ? `<img src="${e(logoUrl)}" alt="${e(brand)}" height="40" style="display:block;height:40px;width:auto;max-width:240px;border:0;outline:none;text-decoration:none;">`
    : `<span style="${font}font-size:20px;font-weight:700;color:${colors.foreground};">${e(brand)}</span>`;
  const headerBackground = logoUrl ? "#ffffff" : colors.background;

  const buttons = SCORE_VALUES.map((n) => {
    const label = e(scoreLabel(locale, n));
    return (
      `<td align="center" width="9%" style="padding:0 1px;">` +
      `<a href="${e(scoreUrl(surveyUrl, n))}" aria-label="${label}" title="${label}" target="_blank" ` +
      `style="display:block;height:44px;line-height:44px;${font}font-size:16px;font-weight:700;text-align:center;text-decoration:none;` +
      `background-color:${colors.background};color:${colors.foreground};border-radius:6px;">${n}</a></td>`
    );
  }).join("");

  const paragraph = (inner: string, extra = "") =>
    `<p style="margin:0 0 16px;${font}font-size:16px;line-height:24px;color:#111827;${extra}">${inner}</p>`;

  // Invisible filler after the preheader keeps mail clients from previewing the body text after it.
  const preheaderFiller = "&#847;&zwnj;&nbsp;".repeat(40);

  const html = `<!doctype html>
<html lang="${e(locale)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${e(subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:#f4f4f5;">${e(preheader)}${preheaderFiller}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border-radius:8px;border-collapse:separate;">
<tr><td style="padding:16px 24px;background-color:${headerBackground};border-radius:8px 8px 0 0;">${header}</td></tr>
<tr><td style="padding:24px 24px 8px;">
${paragraph(e(greeting))}
${paragraph(e(intro))}
${purchase ? paragraph(e(purchase), "color:#4b5563;") : ""}
<h1 style="margin:8px 0 8px;${font}font-size:20px;line-height:28px;font-weight:700;color:#111827;">${e(question)}</h1>
${paragraph(e(t(locale, "email.choose")), "margin-bottom:12px;color:#4b5563;")}
</td></tr>
<tr><td style="padding:0 15px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>${buttons}</tr></table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td align="left" style="padding:8px 1px 0;${font}font-size:13px;line-height:18px;color:#4b5563;">${e(t(locale, "score.low"))}</td>
<td align="right" style="padding:8px 1px 0;${font}font-size:13px;line-height:18px;color:#4b5563;">${e(t(locale, "score.high"))}</td>
</tr></table>
</td></tr>
<tr><td style="padding:24px 24px 24px;">
${paragraph(e(t(locale, "email.followUp")), "margin:0;color:#4b5563;")}
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;">
<tr><td align="center" style="padding:16px 24px;${font}font-size:13px;line-height:20px;color:#4b5563;">
${e(footer)}<br>
<a href="${e(unsubscribeUrl)}" target="_blank" style="color:#4b5563;text-decoration:underline;">${e(t(locale, "email.unsubscribe"))}</a>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

  return { subject, html, text };
}
