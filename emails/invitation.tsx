/** @jsxImportSource hono/jsx */
// The survey invitation and reminder emails: subject, HTML (one link per answer of the first scale question) and a plain-text part that stands on its own. Edge-safe: no node:* imports.
import { oneClickQuestion, oneClickValues, type Locale, type OneClickQuestion, type TemplateContent } from "../server/domain/template-content";
import type { Child, FC } from "hono/jsx";
import { raw } from "hono/html";
import { DOCTYPE, toHtml } from "./html";
import { interpolate, scaleLabels, scoreLabel, t } from "./i18n";

export type InvitationModel = {
  locale: Locale;
  content: TemplateContent;
  customerName: string | null;
  productName: string | null;
  /** `{PUBLIC_URL}/s/{token}`; one-click links are `${surveyUrl}?score=N` (NPS) or `${surveyUrl}?csat=N` (CSAT). */
  surveyUrl: string;
  unsubscribeUrl: string;
};

export type RenderedEmail = { subject: string; html: string; text: string };

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
/** A one-click answer link: the URL parameter is the question's key (`score` for NPS, `csat` for CSAT). */
export const answerUrl = (surveyUrl: string, question: Pick<OneClickQuestion, "key">, value: number) => `${surveyUrl}?${question.key}=${value}`;

/** "0 — not at all likely" … (NPS) or "4 — Satisfied" (CSAT): a one-click button's accessible name and tooltip. */
export function oneClickLabel(locale: Locale, question: Pick<OneClickQuestion, "type">, value: number): string {
  return question.type === "nps" ? scoreLabel(locale, value) : `${value} — ${scaleLabels(locale, "csat")[value - 1]}`;
}

/** The invitation's texts, or the reminder's: the layout, buttons and links are the same. */
type EmailTexts = { subject: string; intro: string };

export function renderInvitation(model: InvitationModel): RenderedEmail {
  return renderSurveyEmail(model, { subject: model.content.email.subject[model.locale], intro: model.content.email.intro[model.locale] });
}

/** The one reminder (rules.reminderAfterDays): the template's reminder subject and intro, the same score links. */
export function renderReminder(model: InvitationModel): RenderedEmail {
  return renderSurveyEmail(model, { subject: model.content.email.reminderSubject[model.locale], intro: model.content.email.reminderIntro[model.locale] });
}

/** `{surveyUrl}/h`: a link no person can see or reach; a hit means a mail scanner followed every link. */
export const honeypotUrl = (surveyUrl: string) => `${surveyUrl}/h`;

/** Features the HTML-email linter reports for Gmail/Outlook that this email uses on purpose, each degrading to something still usable. */
export const GRACEFUL_FEATURES: Record<string, string> = {
  "<body> element": "Outlook apps replace <body>; every style that matters is on the tables inside it",
  "display:none": "hides the preheader and the honeypot link; both also have zero size and mso-hide",
  overflow: "part of the preheader hiding; the preheader also has zero size",
  opacity: "part of the preheader hiding",
  "role attribute": "role=presentation on layout tables; a client that drops it reads a plain table",
  "aria-label attribute": "the visible number is the link text, so the button still has a name",
  "aria-hidden attribute": "on the honeypot link only, which is also display:none and empty",
  "border-radius": "square corners in Outlook for Windows",
  "@media": "holds only the dark-mode overrides; without them the light colours stay readable",
};

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

/**
 * Dark mode: Apple Mail and Outlook for Mac honour these overrides; Gmail and Outlook apps invert
 * colours themselves, which the mid-tone greys and the brand-coloured buttons (with their own text colour) survive.
 */
const DARK_CSS = `@media (prefers-color-scheme: dark){.vp-bg{background-color:#111827 !important}.vp-card{background-color:#1f2937 !important}.vp-text{color:#f9fafb !important}.vp-muted{color:#d1d5db !important}}`;

/** Invisible filler after the preheader keeps mail clients from previewing the body text after it. */
const PREHEADER_FILLER = raw("&#847;&zwnj;&nbsp;".repeat(40));

/** A paragraph of the email body; muted for the secondary lines. Inline styles: many mail clients drop <style>. */
const Paragraph: FC<{ muted?: boolean; extra?: string; children?: Child }> = ({ muted = false, extra = "", children }) => (
  <p class={muted ? "vp-muted" : "vp-text"} style={`margin:0 0 16px;${FONT}font-size:16px;line-height:24px;color:${muted ? "#4b5563" : "#111827"};${extra}`}>
    {children}
  </p>
);

function renderSurveyEmail(model: InvitationModel, texts: EmailTexts): RenderedEmail {
  const { locale, content, surveyUrl, unsubscribeUrl } = model;
  const brand = content.brand.name;
  const customerName = model.customerName?.trim() || null;
  const productName = model.productName?.trim() || null;
  const fill = (text: string) =>
    fillContentText(text, { brand, product: productName ?? t(locale, "email.productFallback") });

  const subject = oneLine(fill(texts.subject));
  const preheader = fill(content.email.preheader[locale]);
  const intro = fill(texts.intro);
  // The one-click row is the template's first scale question; a template without one gets a single "start" button.
  const oneClick = oneClickQuestion(content);
  const values = oneClick ? oneClickValues(oneClick) : [];
  const question = oneClick ? fill(oneClick.text[locale]) : t(locale, "email.noScaleHeading");
  const ends = oneClick
    ? oneClick.type === "nps"
      ? [`0 = ${t(locale, "score.low")}`, `10 = ${t(locale, "score.high")}`]
      : [`1 = ${scaleLabels(locale, "csat")[0]}`, `5 = ${scaleLabels(locale, "csat")[4]}`]
    : null;
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
    ...(oneClick
      ? [
          t(locale, oneClick.type === "nps" ? "email.chooseText" : "email.chooseTextCsat"),
          "",
          ...values.map((n) => `${oneClickLabel(locale, oneClick, n)}: ${answerUrl(surveyUrl, oneClick, n)}`),
        ]
      : [t(locale, "email.startText", { url: surveyUrl })]),
    "",
    t(locale, "email.followUp"),
    "",
    "—",
    footer,
    t(locale, "email.unsubscribeText", { url: unsubscribeUrl }),
    "",
  ].join("\n");

  const font = FONT;
  // A logo sits on white (logos are drawn for light backgrounds); without one the brand name sits on the brand colour.
  const header = logoUrl ? (
    <img src={logoUrl} alt={brand} height="40" style={`display:block;height:40px;width:auto;max-width:240px;border:0;text-decoration:none;${font}font-size:20px;font-weight:700;color:#111827;`} />
  ) : (
    <span style={`${font}font-size:20px;font-weight:700;color:${colors.foreground};`}>{brand}</span>
  );
  const headerBackground = logoUrl ? "#ffffff" : colors.background;

  // NPS: two groups (0–5, 6–10) of 44 px buttons, side by side from ~520 px, one above the other on a phone,
  // so every button keeps its 44 × 44 px target without a media query. CSAT: one group of five.
  const button = (n: number) => {
    const label = oneClickLabel(locale, oneClick!, n);
    return (
      <td width="44" height="44" align="center" bgcolor={colors.background} style={`padding:0;background-color:${colors.background};border-radius:6px;`}>
        <a
          href={answerUrl(surveyUrl, oneClick!, n)}
          aria-label={label}
          title={label}
          style={`display:block;width:44px;height:44px;line-height:44px;${font}font-size:18px;font-weight:700;text-align:center;text-decoration:none;color:${colors.foreground};border-radius:6px;`}
        >
          {n}
        </a>
      </td>
    );
  };
  const group = (values: readonly number[]) => (
    <div style="display:inline-block;vertical-align:top;margin:0;">
      <table role="presentation" cellpadding="0" cellspacing="4" border={0}>
        <tr>{values.map(button)}</tr>
      </table>
    </div>
  );
  const startButton = (
    <table role="presentation" cellpadding="0" cellspacing="0" border={0}>
      <tr>
        <td align="center" bgcolor={colors.background} style={`padding:0;background-color:${colors.background};border-radius:6px;`}>
          <a
            href={surveyUrl}
            style={`display:block;min-height:44px;line-height:44px;padding:0 24px;${font}font-size:18px;font-weight:700;text-align:center;text-decoration:none;color:${colors.foreground};border-radius:6px;`}
          >
            {t(locale, "email.start")}
          </a>
        </td>
      </tr>
    </table>
  );
  const buttons = !oneClick ? (
    startButton
  ) : values.length > 6 ? (
    <>
      {group(values.slice(0, 6))}
      {group(values.slice(6))}
    </>
  ) : (
    group(values)
  );

  const html = toHtml(
    <>
      {DOCTYPE}
      <html lang={locale} dir="ltr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="x-apple-disable-message-reformatting" />
          <meta name="color-scheme" content="light dark" />
          <meta name="supported-color-schemes" content="light dark" />
          <title>{subject}</title>
          <style>{raw(DARK_CSS)}</style>
        </head>
        <body class="vp-bg" style="margin:0;padding:0;background-color:#f4f4f5;">
          <div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:#f4f4f5;">
            {preheader}
            {PREHEADER_FILLER}
          </div>
          <table role="presentation" class="vp-bg" width="100%" cellpadding="0" cellspacing="0" border={0} bgcolor="#f4f4f5" style="background-color:#f4f4f5;">
            <tr>
              <td align="center" style="padding:24px 8px;">
                <table role="presentation" class="vp-card" width="100%" cellpadding="0" cellspacing="0" border={0} bgcolor="#ffffff" style="max-width:600px;background-color:#ffffff;border-radius:8px;border-collapse:separate;">
                  <tr>
                    <td bgcolor={headerBackground} style={`padding:16px 24px;background-color:${headerBackground};border-radius:8px 8px 0 0;`}>
                      {header}
                    </td>
                  </tr>
                  <tr>
                    <td style="padding:24px 24px 8px;">
                      <Paragraph>{greeting}</Paragraph>
                      <Paragraph>{intro}</Paragraph>
                      {purchase ? <Paragraph muted>{purchase}</Paragraph> : null}
                      <h1 class="vp-text" style={`margin:8px 0 8px;${font}font-size:20px;line-height:28px;font-weight:700;color:#111827;`}>
                        {question}
                      </h1>
                      {oneClick ? (
                        <Paragraph muted extra="margin-bottom:8px;">
                          {t(locale, "email.choose")}
                        </Paragraph>
                      ) : null}
                    </td>
                  </tr>
                  <tr>
                    <td align="center" style="padding:0 12px;">
                      {buttons}
                    </td>
                  </tr>
                  {ends ? (
                    <tr>
                      <td style="padding:4px 24px 0;">
                        <p class="vp-muted" style={`margin:0;${font}font-size:13px;line-height:18px;color:#4b5563;`}>
                          {ends[0]} · {ends[1]}
                        </p>
                      </td>
                    </tr>
                  ) : null}
                  <tr>
                    <td style="padding:24px 24px 24px;">
                      <Paragraph muted extra="margin:0;">
                        {t(locale, "email.followUp")}
                      </Paragraph>
                    </td>
                  </tr>
                </table>
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0} style="max-width:600px;">
                  <tr>
                    <td align="center" class="vp-muted" style={`padding:16px 24px;${font}font-size:13px;line-height:20px;color:#4b5563;`}>
                      {footer}
                      <br />
                      <a href={unsubscribeUrl} class="vp-muted" style="color:#4b5563;text-decoration:underline;">
                        {t(locale, "email.unsubscribe")}
                      </a>
                      <a href={honeypotUrl(surveyUrl)} tabindex={-1} aria-hidden="true" style="display:none;font-size:0;line-height:0;max-height:0;color:#f4f4f5;text-decoration:none;mso-hide:all;">
                        {raw("&#8203;")}
                      </a>
                    </td>
                  </tr>
                </table>
              </td>
            </tr>
          </table>
        </body>
      </html>
    </>,
  );

  return { subject, html, text };
}
