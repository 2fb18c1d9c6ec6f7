// One customer-facing text in English and Vietnamese side by side; a missing locale shows its error next to the field.
import { For, Show } from "solid-js";
import { LOCALES, type Locale, type LocalizedText } from "../../../../server/domain/template-content";
import { t } from "../../i18n";
import { fieldId, type FieldErrors } from "./field-errors";

export function LocalizedInput(props: {
  label: string;
  path: string;
  value: LocalizedText | undefined;
  errors: FieldErrors;
  multiline?: boolean;
  hint?: string;
  onInput: (locale: Locale, value: string) => void;
}) {
  return (
    <div class="loc-field" role="group" aria-label={props.label}>
      <div class="loc-label">
        {props.label}
        <Show when={props.hint}>
          <span class="muted"> — {props.hint}</span>
        </Show>
      </div>
      <div class="loc-pair">
        <For each={LOCALES}>
          {(locale) => {
            const path = `${props.path}.${locale}`;
            const error = () => props.errors[path];
            const common = () => ({
              id: fieldId(path),
              lang: locale,
              "aria-invalid": error() ? ("true" as const) : undefined,
              "aria-describedby": error() ? `${fieldId(path)}-err` : undefined,
              "aria-label": t("editor.fields.withLocale", { field: props.label, locale: t(`editor.localeName.${locale}`) }),
            });
            return (
              <div class="loc-cell" classList={{ invalid: !!error() }}>
                <span class="loc-tag" aria-hidden="true">{t(`editor.localeTag.${locale}`)}</span>
                <Show
                  when={props.multiline}
                  fallback={<input type="text" {...common()} value={props.value?.[locale] ?? ""} onInput={(e) => props.onInput(locale, e.currentTarget.value)} />}
                >
                  <textarea rows={2} {...common()} value={props.value?.[locale] ?? ""} onInput={(e) => props.onInput(locale, e.currentTarget.value)} />
                </Show>
                <Show when={error()}>
                  <p class="field-error" id={`${fieldId(path)}-err`}>
                    {error()}
                  </p>
                </Show>
              </div>
            );
          }}
        </For>
      </div>
    </div>
  );
}

/** A single-value field with its error next to it. */
export function FieldError(props: { path: string; errors: FieldErrors }) {
  return (
    <Show when={props.errors[props.path]}>
      <p class="field-error" id={`${fieldId(props.path)}-err`}>
        {props.errors[props.path]}
      </p>
    </Show>
  );
}
