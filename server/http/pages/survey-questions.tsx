/** @jsxImportSource hono/jsx */
// One question of the survey form: a group of radio options (0–10, 1–5 with words, expectation, choice) or a text box,
// with its error message and the hints it is described by.
import type { Child, FC } from "hono/jsx";
import { SCALE_VALUES, SCORE_VALUES, scaleLabels, scoreLabel, t, type ScaleKind } from "../../../emails/i18n";
import { EXPECTATIONS, INTL_LOCALES, type Locale, type Question } from "../../domain/template-content";
import { COMMENT_MAX } from "../../domain/vocabulary";

const SCALE_OF: Record<"csat" | "benefit" | "cost" | "touchpoint", ScaleKind> = { csat: "csat", benefit: "agree", cost: "weight", touchpoint: "rating" };
export const inputId = (key: string) => `f-${key}`;
const errorId = (key: string) => `err-${key}`;
export const same = (a: string | number | undefined, b: string | number) => a !== undefined && String(a).trim() === String(b);
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

export const RadioQuestion: FC<QuestionProps & { question: Exclude<Question, { type: "text" }> }> = ({ locale, question, text, value, error, hintId }) => {
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

export const TextQuestion: FC<QuestionProps> = ({ locale, question, text, value, error }) => {
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
        {t(locale, "page.commentHint", { max: COMMENT_MAX.toLocaleString(INTL_LOCALES[locale]) })}
      </p>
    </div>
  );
};
