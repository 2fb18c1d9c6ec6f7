/** @jsxImportSource hono/jsx */
// Server-rendered customer pages: the survey (works without JavaScript), thank-you, closed, not-found and unsubscribe.
//
// Two ways to use each page from a route (both give a complete document, doctype included):
//   c.html(<SurveyPage {...model} />)   — JSX component (needs a .tsx route file)
//   c.html(renderSurveyPage(model))     — the same page as an HTML string, synchronously
// Pages make no external requests (inline CSS and JS only, no logo image) and send no Referer, so the token in the URL stays private.
// No style attributes: the inline <style> and <script> carry the route's CSP nonce, so the CSP needs no 'unsafe-inline'.
import type { Child, FC } from "hono/jsx";
import { raw } from "hono/html";
import { brandColors, fillContentText } from "../../../emails/invitation";
import { SCALE_VALUES, SCORE_VALUES, formatDate, scaleLabels, scoreLabel, t, type ScaleKind } from "../../../emails/i18n";
import { EXPECTATIONS, LOCALES, oneClickQuestion, oneClickValues, type Locale, type Question, type TemplateContent } from "../../domain/template-content";
import { COMMENT_MAX } from "../../domain/vocabulary";


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
  switchLocaleUrls: { en: string; vi: string };
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

// Phone-first; every tap target ≥ 48px; focus always visible; brand colour only as a background under a text colour chosen for contrast.
// On a phone a 1–5 scale is a row of numbers with its two end labels below (each option's label stays its accessible name);
// from 36rem up each option shows its label.
const CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f9fafb}
.bar{background:var(--b);color:var(--bt);padding:8px 16px;display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px}
.brand{font-weight:700;font-size:1.125rem}
.bar nav a,.bar nav span{display:inline-block;padding:10px 8px;min-height:44px;color:inherit}
main{max-width:42rem;margin:0 auto;padding:16px 16px 32px}
h1{font-size:1.5rem;line-height:1.25;margin:8px 0}
h2{font-size:1.25rem;margin:32px 0 0}
.hint{color:#4b5563;margin:4px 0 0}
fieldset{border:0;padding:0;margin:24px 0 0;min-width:0}
legend{font-weight:600;padding:0;margin-bottom:8px}
.req{font-weight:400;color:#4b5563}
.opts{display:grid;gap:8px}
.s11{grid-template-columns:repeat(6,1fr)}
.s5{grid-template-columns:repeat(5,1fr)}
.s1{grid-template-columns:1fr}
.s1 .o span{justify-content:flex-start;text-align:left}
.q{margin-top:24px}
.prog{margin:16px 0 0}
.prog progress{display:block;width:100%;height:12px;accent-color:var(--b)}
.prog p{margin:4px 0 0;font-size:.875rem;color:#4b5563}
.o em{font-style:normal;position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media(min-width:36rem){.s11{grid-template-columns:repeat(11,1fr)}.s5 .o span{flex-direction:column}.o em{position:static;width:auto;height:auto;clip:auto;white-space:normal;font-size:.875rem;font-weight:400}.s5+.ends{display:none}}
.o{position:relative;display:block}
.o input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.o span{display:flex;align-items:center;justify-content:center;min-height:48px;height:100%;padding:6px 8px;border:2px solid #6b7280;border-radius:8px;background:#fff;text-align:center;line-height:1.25}
.o input:checked+span{background:var(--b);color:var(--bt);border-color:#111827;font-weight:700}
.o input:focus-visible+span,textarea:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #111827;outline-offset:2px;box-shadow:0 0 0 5px #fff}
.bar a:focus-visible{outline-color:currentColor;box-shadow:none}
.err-note{border-left-color:#b91c1c;background:#fef2f2}
.ends{display:flex;justify-content:space-between;gap:16px;font-size:.875rem;color:#4b5563;margin-top:4px}
label.t{display:block;font-weight:600;margin-bottom:8px}
textarea{display:block;width:100%;min-height:8rem;font:inherit;padding:8px;border:2px solid #6b7280;border-radius:8px}
.btn{display:block;width:100%;margin-top:32px;min-height:48px;padding:12px 24px;font:inherit;font-weight:700;border:0;border-radius:8px;background:var(--b);color:var(--bt);cursor:pointer}
.note{margin:16px 0;padding:12px 16px;border-left:6px solid #15803d;background:#f0fdf4}
.note:empty{display:none}
.info{border-left-color:#1d4ed8;background:#eff6ff}
.err{color:#b91c1c;font-weight:600;margin:0 0 8px}
.sum{margin:16px 0;padding:12px 16px;border:3px solid #b91c1c;border-radius:8px;background:#fff}
.sum h2{margin:0 0 8px;font-size:1.125rem}
.sum a{color:#b91c1c;font-weight:600}
.bad textarea,.bad .o span{border-color:#b91c1c}
footer{max-width:42rem;margin:0 auto;padding:0 16px 32px;color:#4b5563;font-size:.875rem}
@media(forced-colors:active){.o input:checked+span{outline:4px solid CanvasText}}`;

// Progressive enhancement, same-origin only: each answer is saved as it is chosen (one JSON POST per change; typing in a
// text box waits for a pause), and the progress bar follows. The answer preselected from the email (data-pre, for the
// question data-pre-key) is posted after 3 s of the page being visible, with the customer's first answer, or when the
// page is hidden or closed after at least 1 s visible (a person who clicks "9" and closes the tab) — never on load:
// mail scanners open links and sometimes run scripts for a moment. Whatever is still unsent when the page goes away
// leaves by navigator.sendBeacon (a form body to ?beacon=1, answered 204). Without JavaScript the form posts everything.
export const SURVEY_SCRIPT = `(function(){var d=document,f=d.getElementById("survey");if(!f||!window.fetch||!window.JSON)return;
var st=d.getElementById("status"),bar=d.getElementById("progress"),out=d.getElementById("progress-text"),qs=f.querySelectorAll("[data-q]"),
pend={},busy=false,tt=0,pt=0,vs=0,pre=f.hasAttribute("data-pre"),pk=f.getAttribute("data-pre-key")||"score";
function answered(q){var x=q.querySelector("textarea");return x?x.value.trim()!=="":!!q.querySelector("input:checked")}
function progress(){var n=0;for(var i=0;i<qs.length;i++)if(answered(qs[i]))n++;if(bar)bar.value=n;
if(out)out.textContent=out.getAttribute("data-tpl").replace("{answered}",n).replace("{total}",qs.length)}
function say(k,bad){if(!st)return;st.textContent=st.getAttribute(k);st.className=bad?"note err-note":"note"}
function send(){clearTimeout(tt);if(busy)return;var body=pend,keys=Object.keys(body);if(!keys.length)return;pend={};busy=true;body.locale=f.elements.locale.value;
fetch(f.action,{method:"POST",credentials:"same-origin",headers:{"Content-Type":"application/json",Accept:"application/json"},body:JSON.stringify(body)})
.then(function(r){busy=false;if(!r.ok)throw r;say("data-saved");send()})
.catch(function(){busy=false;keys.forEach(function(k){if(!(k in pend))pend[k]=body[k]});say("data-failed",true)})}
function takePre(){if(!pre)return;pre=false;clearTimeout(pt);
var c=f.querySelector('input[name="'+pk+'"]:checked');if(c&&!(pk in pend))pend[pk]=Number(c.value)}
function beacon(){clearTimeout(tt);var keys=Object.keys(pend);if(!keys.length||!navigator.sendBeacon)return;var b=new URLSearchParams();
keys.forEach(function(k){b.append(k,pend[k])});b.append("locale",f.elements.locale.value);if(navigator.sendBeacon(f.action+"?beacon=1",b))pend={}}
function leave(){clearTimeout(pt);if(pre&&vs&&Date.now()-vs>=1000)takePre();vs=0;beacon()}
function vis(){clearTimeout(pt);if(d.visibilityState!=="visible")return leave();vs=Date.now();if(pre)pt=setTimeout(function(){takePre();send()},3000)}
function field(e){var x=e.target;if(!x||!x.name||x.name==="locale"||x.type==="radio"&&!x.checked)return;takePre();
if(x.tagName==="TEXTAREA"){pend[x.name]=x.value;clearTimeout(tt);tt=setTimeout(send,e.type==="input"?1000:0)}
else{pend[x.name]=/^\\d+$/.test(x.value)?Number(x.value):x.value;send()}progress()}
f.addEventListener("change",field);f.addEventListener("input",function(e){if(e.target.tagName==="TEXTAREA")field(e)});
f.addEventListener("submit",function(){pre=false;pend={};clearTimeout(pt);clearTimeout(tt)});
d.addEventListener("visibilitychange",vis);window.addEventListener("pagehide",leave);vis()})();`;

type LayoutProps = { locale: Locale; title: string; brand: string; color: string; nonce?: string; nav?: Child; script?: string; children?: Child };

/** The page shell shared by every customer page: doctype, lang, viewport, inline CSS, brand bar, main, footer. */
const Layout: FC<LayoutProps> = ({ locale, title, brand, color, nonce, nav, script, children }) => {
  const { background, foreground } = brandColors(color);
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={locale} dir="ltr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="robots" content="noindex,nofollow" />
          <meta name="referrer" content="no-referrer" />
          <meta name="color-scheme" content="light" />
          <title>{title}</title>
          <style nonce={nonce}>{raw(`:root{--b:${background};--bt:${foreground}}\n${CSS}`)}</style>
        </head>
        <body>
          <header class="bar">
            <span class="brand">{brand}</span>
            {nav}
          </header>
          <main>{children}</main>
          <footer>
            <p>{t(locale, "page.footer")}</p>
          </footer>
          {script ? <script nonce={nonce}>{raw(script)}</script> : null}
        </body>
      </html>
    </>
  );
};

const LocaleSwitch: FC<{ locale: Locale; urls: { en: string; vi: string } }> = ({ locale, urls }) => (
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

const SCALE_OF: Record<"csat" | "benefit" | "cost" | "touchpoint", ScaleKind> = { csat: "csat", benefit: "agree", cost: "weight", touchpoint: "rating" };
const inputId = (key: string) => `f-${key}`;
const errorId = (key: string) => `err-${key}`;
const same = (a: string | number | undefined, b: string | number) => a !== undefined && String(a).trim() === String(b);
const describedBy = (...ids: (string | null | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

type QuestionProps = { locale: Locale; question: Question; text: string; value: string | number | undefined; error?: string; hintId?: string };

/** One radio option: its value, what is shown, and (for bare numbers) the name a screen reader reads. */
type Option = { value: string; shown: Child; ariaLabel?: string };
type OptionSet = { options: Option[]; layout: "s11" | "s5" | "s1"; ends: [string, string] | null };

/** The options of a closed question, laid out for a phone: numbers in a row, words one per line. */
function optionsOf(locale: Locale, question: Exclude<Question, { type: "text" }>): OptionSet {
  if (question.type === "nps")
    return {
      options: SCORE_VALUES.map((n) => ({ value: String(n), shown: <span>{n}</span>, ariaLabel: scoreLabel(locale, n) })),
      layout: "s11",
      ends: [t(locale, "score.low"), t(locale, "score.high")],
    };
  if (question.type === "expectation")
    return { options: EXPECTATIONS.map((e) => ({ value: e, shown: <span>{t(locale, `expectation.${e}`)}</span> })), layout: "s1", ends: null };
  if (question.type === "choice")
    return { options: question.options.map((o) => ({ value: o.value, shown: <span>{o.label[locale]}</span> })), layout: "s1", ends: null };
  const labels = scaleLabels(locale, SCALE_OF[question.type]);
  return {
    options: SCALE_VALUES.map((n, i) => ({
      value: String(n),
      shown: (
        <span>
          <b>{n}</b>
          <em> {labels[i]}</em>
        </span>
      ),
    })),
    layout: "s5",
    ends: [labels[0]!, labels[labels.length - 1]!],
  };
}

const RadioQuestion: FC<QuestionProps & { question: Exclude<Question, { type: "text" }> }> = ({ locale, question, text, value, error, hintId }) => {
  const { options, layout, ends } = optionsOf(locale, question);
  return (
    <fieldset class={error ? "bad" : undefined} aria-describedby={describedBy(hintId, error ? errorId(question.key) : null)} data-q={question.key}>
      <legend>
        {text}
        {question.required ? <span class="req"> {t(locale, "page.required")}</span> : null}
      </legend>
      {error ? (
        <p class="err" id={errorId(question.key)}>
          {error}
        </p>
      ) : null}
      <div class={`opts ${layout}`}>
        {options.map((o, i) => (
          <label class="o">
            <input
              type="radio"
              name={question.key}
              value={o.value}
              id={i === 0 ? inputId(question.key) : undefined}
              checked={same(value, o.value)}
              required={question.required && i === 0 /* one is enough: it makes the whole group required */}
              aria-label={o.ariaLabel}
            />
            {o.shown}
          </label>
        ))}
      </div>
      {ends ? (
        <div class="ends" aria-hidden="true">
          <span>{ends[0]}</span>
          <span>{ends[1]}</span>
        </div>
      ) : null}
    </fieldset>
  );
};

const TextQuestion: FC<QuestionProps> = ({ locale, question, text, value, error }) => {
  const id = inputId(question.key);
  const hintId = `hint-${question.key}`;
  return (
    <div class={error ? "q bad" : "q"} data-q={question.key}>
      <label class="t" for={id}>
        {text}
        {question.required ? <span class="req"> {t(locale, "page.required")}</span> : null}
      </label>
      {error ? (
        <p class="err" id={errorId(question.key)}>
          {error}
        </p>
      ) : null}
      <textarea
        id={id}
        name={question.key}
        maxlength={COMMENT_MAX}
        rows={5}
        required={question.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(hintId, error ? errorId(question.key) : null)}
      >
        {value === undefined ? "" : String(value)}
      </textarea>
      <p class="hint" id={hintId}>
        {t(locale, "page.commentHint", { max: COMMENT_MAX.toLocaleString(locale === "vi" ? "vi-VN" : "en-US") })}
      </p>
    </div>
  );
};

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

type SimplePageProps = { locale: Locale; content?: TemplateContent; nonce?: string };
const brandOf = (content?: TemplateContent) => ({ brand: content?.brand.name ?? "ValuePulse", color: content?.brand.color ?? "#4f46e5" });

/** After a successful final submit (alternative to re-rendering SurveyPage with saved=true): thanks, the close date, a link back. */
export const ThanksPage: FC<SimplePageProps & { surveyUrl: string; closesAt: number; timeZone?: string }> = ({ locale, content, nonce, surveyUrl, closesAt, timeZone }) => {
  const { brand, color } = brandOf(content);
  return (
    <Layout locale={locale} title={t(locale, "thanks.title")} brand={brand} color={color} nonce={nonce}>
      <h1>{t(locale, "thanks.title")}</h1>
      <div class="note" role="status">
        {t(locale, "thanks.body")} {t(locale, "page.changeUntil", { date: formatDate(locale, closesAt, timeZone) })}
      </div>
      <p>
        <a href={surveyUrl}>{t(locale, "thanks.change")}</a>
      </p>
    </Layout>
  );
};

/** Unknown or forged survey link (route answers 404). */
export const NotFoundPage: FC<SimplePageProps> = ({ locale, content, nonce }) => {
  const { brand, color } = brandOf(content);
  return (
    <Layout locale={locale} title={t(locale, "notFound.title")} brand={brand} color={color} nonce={nonce}>
      <h1>{t(locale, "notFound.title")}</h1>
      <p>{t(locale, "notFound.body")}</p>
    </Layout>
  );
};

/** Survey closed or expired (route answers 410). */
export const ClosedPage: FC<SimplePageProps & { answered?: boolean }> = ({ locale, content, nonce, answered }) => {
  const { brand, color } = brandOf(content);
  return (
    <Layout locale={locale} title={t(locale, "closed.title")} brand={brand} color={color} nonce={nonce}>
      <h1>{t(locale, "closed.title")}</h1>
      <p>{t(locale, "closed.body")}</p>
      {answered ? <p>{t(locale, "closed.answered")}</p> : null}
    </Layout>
  );
};

export type UnsubscribePageModel = SimplePageProps & {
  /** `/u/{token}` */
  postUrl: string;
  /** false: GET, shows the confirm button; true: unsubscribed (just now, or earlier) — shows the re-subscribe button. */
  done: boolean;
  /** Unsubscribed on an earlier visit: says "You are unsubscribed" rather than "You have been unsubscribed". */
  already?: boolean;
  /** After POST `/u/{token}/resubscribe`. */
  resubscribed?: boolean;
};

/**
 * GET /u/{token}: a one-button form that POSTs to confirm (a GET never unsubscribes: mail scanners open links).
 * The form sends `List-Unsubscribe=One-Click`, the same body as an RFC 8058 one-click POST, so the route handles both alike.
 * Once unsubscribed, the page offers a re-subscribe button (a POST to `/u/{token}/resubscribe`).
 */
export const UnsubscribeConfirmPage: FC<UnsubscribePageModel> = ({ locale, content, nonce, postUrl, done, already, resubscribed }) => {
  const { brand, color } = brandOf(content);
  const title = t(locale, resubscribed ? "unsubscribe.resubscribedTitle" : done ? (already ? "unsubscribe.alreadyTitle" : "unsubscribe.doneTitle") : "unsubscribe.title");
  return (
    <Layout locale={locale} title={title} brand={brand} color={color} nonce={nonce}>
      <h1>{title}</h1>
      {resubscribed ? (
        <p role="status">{t(locale, "unsubscribe.resubscribedBody")}</p>
      ) : done ? (
        <>
          <p role="status">{t(locale, "unsubscribe.doneBody")}</p>
          <form method="post" action={`${postUrl}/resubscribe`} enctype="application/x-www-form-urlencoded">
            <input type="hidden" name="locale" value={locale} />
            <p class="hint">{t(locale, "unsubscribe.resubscribeHint")}</p>
            <button type="submit" class="btn">
              {t(locale, "unsubscribe.resubscribe")}
            </button>
          </form>
        </>
      ) : (
        <>
          <p>{content ? t(locale, "unsubscribe.bodyBrand", { brand }) : t(locale, "unsubscribe.body")}</p>
          <form method="post" action={postUrl} enctype="application/x-www-form-urlencoded">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" class="btn">
              {t(locale, "unsubscribe.button")}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
};

/** Every component above renders synchronously; this turns one into its HTML string. */
function toHtml(element: unknown): string {
  const out: unknown = String(element);
  if (typeof out !== "string" || out === "[object Promise]") throw new Error("page rendered asynchronously");
  return out;
}

export const renderSurveyPage = (model: SurveyPageModel): string => toHtml(<SurveyPage {...model} />);
export const renderThanksPage = (model: SimplePageProps & { surveyUrl: string; closesAt: number; timeZone?: string }): string =>
  toHtml(<ThanksPage {...model} />);
export const renderNotFoundPage = (locale: Locale, content?: TemplateContent, nonce?: string): string =>
  toHtml(<NotFoundPage locale={locale} content={content} nonce={nonce} />);
export const renderClosedPage = (locale: Locale, content?: TemplateContent, opts: { nonce?: string; answered?: boolean } = {}): string =>
  toHtml(<ClosedPage locale={locale} content={content} nonce={opts.nonce} answered={opts.answered} />);
export const renderUnsubscribePage = (model: UnsubscribePageModel): string => toHtml(<UnsubscribeConfirmPage {...model} />);
