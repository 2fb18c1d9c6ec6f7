/** @jsxImportSource hono/jsx */
// The survey page (works without JavaScript): the score preselected from the email, the follow-up questions, progress,
// the saved banner and errors. The other customer pages are beside it (thanks-, closed-, not-found-, unsubscribe-page.tsx),
// all in the shell of layout.tsx; the browser script is survey-script.ts.
//
// Two ways to use it from a route (both give a complete document, doctype included):
//   c.html(<SurveyPage {...model} />)   — JSX component (needs a .tsx route file)
//   c.html(renderSurveyPage(model))     — the same page as an HTML string, synchronously
import type { Child, FC } from "hono/jsx";
import { toHtml } from "../../../emails/html";
import { fillContentText } from "../../../emails/invitation";
import { formatDate, t } from "../../../emails/i18n";
import { LOCALES, oneClickQuestion, oneClickValues, type Locale, type TemplateContent } from "../../domain/template-content";
import { Layout } from "./layout";
import { SURVEY_SCRIPT } from "./survey-script.compiled";
import { RadioQuestion, TextQuestion, inputId, same } from "./survey-questions";

export type SurveyPageModel = {
  locale: Locale;
  content: TemplateContent;
  /** `/s/{token}`: the form posts here, and so does the one-time script for a preselected score. */
  postUrl: string;
  /** Current answers by question key, including the answer preselected from the email's link (`?score=N` or `?csat=N`). */
  answers: Partial<Record<string, string | number>>;
  /** True right after a successful POST: shows the "saved, you can change until …" banner. */
  saved: boolean;
  /** When the survey closes (epoch ms). */
  closesAt: number;
  /** Field key → message (already localized, e.g. `t(locale, "error.scoreRange")`) after a bad no-JS post. */
  errors: Record<string, string>;
  /** Each locale's URL of this page, for the language switch. */
  switchLocaleUrls: Record<Locale, string>;
  /** The customer answered on an earlier visit: says so and labels the button "Update". Optional. */
  previouslyAnswered?: boolean;
  /** IANA time zone for the close date; default UTC. */
  timeZone?: string;
  /** CSP nonce for the inline <style> and <script>, if the route sets a CSP. */
  nonce?: string;
  /**
   * The one-click answer (the first scale question's) came from the email's link and is not saved yet, so the script
   * posts it: after 3 s visible, with the first answer, or — by `navigator.sendBeacon` — when the page is hidden or
   * closed after ≥ 1 s visible. Default: whenever that question has an answer and the page is not the saved one.
   */
  scoreFromLink?: boolean;
  /** The purchase's item name, for `{product}` in question texts; null or absent: the locale's fallback ("product"). */
  productName?: string | null;
  /** false: no script at all (e.g. a preview in the template editor, where nothing must be posted). Default true. */
  interactive?: boolean;
};

/** Each locale's URL of a page, from how one is made (the language switch's links). */
export const localeUrls = (url: (locale: Locale) => string): Record<Locale, string> =>
  Object.fromEntries(LOCALES.map((l) => [l, url(l)])) as Record<Locale, string>;

const LocaleSwitch: FC<{ locale: Locale; urls: Record<Locale, string> }> = ({ locale, urls }) => (
  <nav aria-label={t(locale, "page.language")}>
    {LOCALES.map((l, i) => (
      <>
        {i > 0 ? " | " : null}
        {l === locale ? (
          <span lang={l} aria-current="page">
            <strong>{t(l, `locale.${l}`)}</strong>
          </span>
        ) : (
          <a href={urls[l]} lang={l} hreflang={l}>
            {t(l, `locale.${l}`)}
          </a>
        )}
      </>
    ))}
  </nav>
);

/** A section heading before a run of benefit or cost questions, so short statements like "The price I paid" read in context. */
const SECTION = {
  benefit: { heading: "page.benefitsHeading", hint: "page.benefitsHint" },
  cost: { heading: "page.costsHeading", hint: "page.costsHint" },
} as const;

/** How many of the template's questions have an answer (for the progress bar). */
export function answeredCount(content: TemplateContent, answers: Partial<Record<string, string | number>>): number {
  return content.questions.filter((q) => {
    const v = answers[q.key];
    return v !== undefined && String(v).trim() !== "";
  }).length;
}

/** The survey: score preselected from the email, follow-up questions, saved banner, errors. Complete HTML document. */
export const SurveyPage: FC<SurveyPageModel> = (model) => {
  const { locale, content, answers, errors } = model;
  const brand = content.brand.name;
  const fill = (text: string) => fillContentText(text, { brand, product: model.productName?.trim() || t(locale, "email.productFallback") });
  const date = formatDate(locale, model.closesAt, model.timeZone);
  const savedMessage = t(locale, "page.saved", { date });
  const oneClick = oneClickQuestion(content);
  const preValue = oneClick ? oneClickValues(oneClick).find((n) => same(answers[oneClick.key], n)) : undefined;
  const preselected = preValue !== undefined;
  const questionKeys = new Set(content.questions.map((q) => q.key));
  const errorEntries = Object.entries(errors);
  const textOf = (key: string) => {
    const q = content.questions.find((x) => x.key === key);
    return q ? fill(q.text[locale]) : null;
  };
  const total = content.questions.length;
  const answered = answeredCount(content, answers);
  const progressTemplate = t(locale, "page.progress", { answered: "{answered}", total: "{total}" });

  const fields: Child[] = [];
  let sectionHintId: string | undefined;
  content.questions.forEach((question, i) => {
    const previous = content.questions[i - 1];
    let hintId: string | undefined;
    if (question.type === "benefit" || question.type === "cost") {
      const section = SECTION[question.type];
      if (previous?.type !== question.type) sectionHintId = `hint-${question.type}-${i}`;
      hintId = sectionHintId;
      if (previous?.type !== question.type) {
        fields.push(
          <>
            <h2>{t(locale, section.heading)}</h2>
            <p class="hint" id={hintId}>
              {t(locale, section.hint)}
            </p>
          </>,
        );
      }
    }
    const props = { locale, text: fill(question.text[locale]), value: answers[question.key], error: errors[question.key], hintId };
    fields.push(question.type === "text" ? <TextQuestion {...props} question={question} /> : <RadioQuestion {...props} question={question} />);
  });

  return (
    <Layout
      locale={locale}
      title={t(locale, "page.title", { brand })}
      brand={brand}
      color={content.brand.color}
      nonce={model.nonce}
      nav={<LocaleSwitch locale={locale} urls={model.switchLocaleUrls} />}
      script={model.interactive === false ? undefined : SURVEY_SCRIPT}
    >
      <h1>{t(locale, "page.heading")}</h1>
      <div class="prog">
        <progress id="progress" max={total} value={answered} aria-labelledby="progress-text" />
        <p id="progress-text" data-tpl={progressTemplate}>
          {t(locale, "page.progress", { answered, total })}
        </p>
      </div>
      {errorEntries.length ? (
        <div class="sum" role="alert" aria-labelledby="sum-h">
          <h2 id="sum-h">{t(locale, "page.errorSummary")}</h2>
          <ul>
            {errorEntries.map(([key, message]) => (
              <li>
                {questionKeys.has(key) ? (
                  <a href={`#${inputId(key)}`}>
                    {textOf(key)} — {message}
                  </a>
                ) : (
                  message
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div id="status" class="note" role="status" data-saved={t(locale, "page.autosaved", { date })} data-failed={t(locale, "page.saveFailed")}>
        {model.saved ? savedMessage : ""}
      </div>
      {model.previouslyAnswered && !model.saved ? <p class="note info">{t(locale, "page.alreadySaved", { date })}</p> : null}
      {model.saved || model.previouslyAnswered ? null : <p>{t(locale, "page.intro")}</p>}
      <form id="survey" method="post" action={model.postUrl} enctype="application/x-www-form-urlencoded" data-pre={(model.scoreFromLink ?? preselected) && preselected && !model.saved ? String(preValue) : undefined} data-pre-key={(model.scoreFromLink ?? preselected) && preselected && !model.saved ? oneClick!.key : undefined}>
        <input type="hidden" name="locale" value={locale} />
        {fields}
        <button type="submit" class="btn">
          {t(locale, model.saved || model.previouslyAnswered ? "page.update" : "page.submit")}
        </button>
      </form>
      <p class="hint">{t(locale, "page.changeUntil", { date })}</p>
    </Layout>
  );
};

export const renderSurveyPage = (model: SurveyPageModel): string => toHtml(<SurveyPage {...model} />);
