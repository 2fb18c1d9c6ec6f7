// One question in the editor: its key, whether it is required, its type's settings, its text per locale, and moving it.
import { For, Show } from "solid-js";
import { COST_KINDS, emptyLocalizedText, TOUCHPOINTS, VALUE_TYPES, type Question } from "../../../../server/domain/template-content";
import { fieldId, type FieldErrors } from "./field-errors";
import { FieldError, LocalizedInput } from "./LocalizedInput";
import { typeLabel } from "./questions";
import { t, t as translate } from "../../i18n";

export function QuestionCard(props: {
  question: Question;
  index: number;
  count: number;
  errors: FieldErrors;
  onChange: (patch: Record<string, unknown>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const path = () => `content.questions.${props.index}`;
  const q = () => props.question;
  // A value-model key follows its type, so answers keep landing in the right column.
  const retype = (field: "valueType" | "costKind", value: string, prefix: string) => {
    const patch: Record<string, unknown> = { [field]: value };
    if (q().key.startsWith(prefix)) patch.key = `${prefix}${value}`;
    props.onChange(patch);
  };
  const setOption = (i: number, patch: Record<string, unknown>) => {
    const cur = q();
    if (cur.type !== "choice") return;
    props.onChange({ options: cur.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  };

  return (
    <li class="q-card" data-testid="question" aria-label={t("editor.question.label", { n: props.index + 1, type: typeLabel(q().type) })}>
      <div class="q-head">
        <span class="q-num">{props.index + 1}</span>
        <strong>{typeLabel(q().type)}</strong>
        <FieldError path={`${path()}.type`} errors={props.errors} />
        <span class="q-tools">
          <button type="button" class="btn btn-small btn-ghost" disabled={props.index === 0} onClick={() => props.onMove(-1)} aria-label={t("editor.question.moveUp", { n: props.index + 1 })}>
            ↑
          </button>
          <button type="button" class="btn btn-small btn-ghost" disabled={props.index === props.count - 1} onClick={() => props.onMove(1)} aria-label={t("editor.question.moveDown", { n: props.index + 1 })}>
            ↓
          </button>
          <button type="button" class="btn btn-small btn-danger-outline" onClick={() => props.onRemove()} aria-label={t("editor.question.removeLabel", { n: props.index + 1 })}>
            {t("editor.question.remove")}
          </button>
        </span>
      </div>
      <div class="q-settings">
        <label class="field">
          <span>{t("editor.question.key")}</span>
          <input
            id={fieldId(`${path()}.key`)}
            value={q().key}
            disabled={q().type === "nps" || q().type === "csat"}
            aria-invalid={props.errors[`${path()}.key`] ? "true" : undefined}
            aria-describedby={props.errors[`${path()}.key`] ? `${fieldId(`${path()}.key`)}-err` : undefined}
            onInput={(e) => props.onChange({ key: e.currentTarget.value })}
          />
          <FieldError path={`${path()}.key`} errors={props.errors} />
        </label>
        <Show when={q().type === "benefit" || q().type === "expectation"}>
          <label class="field">
            <span>{t("editor.question.valueType")}</span>
            <select
              value={(q() as { valueType: string }).valueType}
              onChange={(e) => retype("valueType", e.currentTarget.value, q().type === "benefit" ? "benefit_" : "expect_")}
            >
              <For each={VALUE_TYPES}>{(v) => <option value={v}>{t(`editor.valueTypes.${v}`)}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={q().type === "cost"}>
          <label class="field">
            <span>{t("editor.question.costKind")}</span>
            <select value={(q() as { costKind: string }).costKind} onChange={(e) => retype("costKind", e.currentTarget.value, "cost_")}>
              <For each={COST_KINDS}>{(k) => <option value={k}>{t(`editor.costKinds.${k}`)}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={q().type === "touchpoint"}>
          <label class="field">
            <span>{t("editor.question.journeyStep")}</span>
            <select value={(q() as { touchpoint: string }).touchpoint} onChange={(e) => props.onChange({ touchpoint: e.currentTarget.value })}>
              <For each={TOUCHPOINTS}>{(t) => <option value={t}>{translate(`editor.touchpoints.${t}`)}</option>}</For>
            </select>
          </label>
        </Show>
        <label class="check">
          <input type="checkbox" checked={q().required} onChange={(e) => props.onChange({ required: e.currentTarget.checked })} />
          {t("editor.question.required")}
        </label>
      </div>
      <LocalizedInput
        label={t("editor.question.text")}
        path={`${path()}.text`}
        value={q().text}
        errors={props.errors}
        multiline
        hint={t("editor.question.textHint")}
        onInput={(locale, value) => props.onChange({ text: { ...q().text, [locale]: value } })}
      />
      <Show when={q().type === "choice" ? (q() as Extract<Question, { type: "choice" }>) : undefined}>
        {(choice) => (
          <div class="q-options">
            <FieldError path={`${path()}.options`} errors={props.errors} />
            <For each={choice().options}>
              {(option, i) => (
                <div class="q-option">
                  <label class="field">
                    <span>{t("editor.question.optionValue")}</span>
                    <input
                      id={fieldId(`${path()}.options.${i()}.value`)}
                      value={option.value}
                      aria-invalid={props.errors[`${path()}.options.${i()}.value`] ? "true" : undefined}
                      onInput={(e) => setOption(i(), { value: e.currentTarget.value })}
                    />
                    <FieldError path={`${path()}.options.${i()}.value`} errors={props.errors} />
                  </label>
                  <LocalizedInput
                    label={t("editor.question.option", { n: i() + 1 })}
                    path={`${path()}.options.${i()}.label`}
                    value={option.label}
                    errors={props.errors}
                    onInput={(locale, value) => setOption(i(), { label: { ...option.label, [locale]: value } })}
                  />
                  <button
                    type="button"
                    class="btn btn-small btn-ghost"
                    disabled={choice().options.length <= 2}
                    onClick={() => props.onChange({ options: choice().options.filter((_, j) => j !== i()) })}
                  >
                    {t("editor.question.removeOption")}
                  </button>
                </div>
              )}
            </For>
            <button
              type="button"
              class="btn btn-small"
              disabled={choice().options.length >= 12}
              onClick={() => props.onChange({ options: [...choice().options, { value: `option_${choice().options.length + 1}`, label: emptyLocalizedText() }] })}
            >
              {t("editor.question.addOption")}
            </button>
          </div>
        )}
      </Show>
    </li>
  );
}
