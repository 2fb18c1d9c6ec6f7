// Sending rules: trigger and delay, reminder, close, throttle, sample rate, filters and priority.
import { createSignal, For } from "solid-js";
import { LOCALES, type Locale, type TemplateRules } from "../../../../server/domain/template-content";
import { t } from "../../i18n";
import { fieldId, type FieldErrors } from "./field-errors";
import { FieldError } from "./LocalizedInput";

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

export function RulesForm(props: { rules: TemplateRules; errors: FieldErrors; onChange: (patch: Partial<TemplateRules>) => void }) {
  const r = () => props.rules;
  const [unit, setUnit] = createSignal<"hours" | "days">(props.rules.delayHours % 24 === 0 ? "days" : "hours");
  const delayShown = () => (unit() === "days" ? r().delayHours / 24 : r().delayHours);
  const num = (path: keyof TemplateRules, label: string, opts: { min?: number; max?: number; suffix?: string; nullable?: boolean } = {}) => (
    <label class="field">
      <span>{label}</span>
      <span class="with-suffix">
        <input
          id={fieldId(`rules.${path}`)}
          type="number"
          min={opts.min}
          max={opts.max}
          value={(r()[path] as number | null) ?? ""}
          placeholder={opts.nullable ? t("editor.none") : undefined}
          aria-invalid={props.errors[`rules.${path}`] ? "true" : undefined}
          aria-describedby={props.errors[`rules.${path}`] ? `${fieldId(`rules.${path}`)}-err` : undefined}
          onInput={(e) => {
            const v = e.currentTarget.value;
            props.onChange({ [path]: v === "" && opts.nullable ? null : e.currentTarget.valueAsNumber } as Partial<TemplateRules>);
          }}
        />
        {opts.suffix}
      </span>
      <FieldError path={`rules.${path}`} errors={props.errors} />
    </label>
  );
  const setFilter = (patch: Partial<TemplateRules["filters"]>) => props.onChange({ filters: { ...r().filters, ...patch } });

  return (
    <div class="rules">
      <div class="rules-grid">
        <label class="field">
          <span>{t("editor.rulesForm.sendAfter")}</span>
          <select id={fieldId("rules.trigger")} value={r().trigger} onChange={(e) => props.onChange({ trigger: e.currentTarget.value as TemplateRules["trigger"] })}>
            <option value="fulfillment">{t("editor.rulesForm.triggerFulfillment")}</option>
            <option value="purchase">{t("editor.rulesForm.triggerPurchase")}</option>
          </select>
        </label>
        <label class="field">
          <span>{t("editor.rulesForm.delay")}</span>
          <span class="with-suffix">
            <input
              id={fieldId("rules.delayHours")}
              type="number"
              min={0}
              value={delayShown()}
              aria-invalid={props.errors["rules.delayHours"] ? "true" : undefined}
              onInput={(e) => props.onChange({ delayHours: Math.round(e.currentTarget.valueAsNumber * (unit() === "days" ? 24 : 1)) })}
            />
            <select aria-label={t("editor.rulesForm.delayUnit")} value={unit()} onChange={(e) => setUnit(e.currentTarget.value as "hours" | "days")}>
              <option value="hours">{t("editor.rulesForm.hours")}</option>
              <option value="days">{t("editor.rulesForm.days")}</option>
            </select>
          </span>
          <FieldError path="rules.delayHours" errors={props.errors} />
        </label>
        {num("reminderAfterDays", t("editor.rulesForm.reminder"), { min: 1, max: 30, suffix: t("editor.rulesForm.reminderSuffix"), nullable: true })}
        {num("closeAfterDays", t("editor.rulesForm.close"), { min: 1, max: 365, suffix: t("editor.rulesForm.days") })}
        {num("throttleDays", t("editor.rulesForm.throttle"), { min: 0, max: 730, suffix: t("editor.rulesForm.days") })}
        <label class="field">
          <span>{t("editor.rulesForm.throttleScope")}</span>
          <select value={r().throttleScope} onChange={(e) => props.onChange({ throttleScope: e.currentTarget.value as TemplateRules["throttleScope"] })}>
            <option value="template">{t("editor.rulesForm.scopeTemplate")}</option>
            <option value="all">{t("editor.rulesForm.scopeAll")}</option>
          </select>
        </label>
        {num("sampleRate", t("editor.rulesForm.sampleRate"), { min: 1, max: 100, suffix: t("editor.rulesForm.sampleSuffix") })}
        {num("priority", t("editor.rulesForm.priority"), { min: 0, max: 1000, suffix: t("editor.rulesForm.prioritySuffix") })}
      </div>
      <fieldset class="filters">
        <legend>{t("editor.rulesForm.filters")}</legend>
        <div class="rules-grid">
          <label class="field">
            <span>{t("editor.rulesForm.categories")}</span>
            <input id={fieldId("rules.filters.categories")} value={r().filters.categories.join(", ")} onChange={(e) => setFilter({ categories: list(e.currentTarget.value) })} />
            <FieldError path="rules.filters.categories" errors={props.errors} />
          </label>
          <label class="field">
            <span>{t("editor.rulesForm.channels")}</span>
            <input id={fieldId("rules.filters.channels")} value={r().filters.channels.join(", ")} onChange={(e) => setFilter({ channels: list(e.currentTarget.value) })} />
            <FieldError path="rules.filters.channels" errors={props.errors} />
          </label>
          <div class="field">
            <span id="locales-label">{t("editor.rulesForm.locales")}</span>
            <span class="inline-field" role="group" aria-labelledby="locales-label">
              <For each={LOCALES}>
                {(l: Locale) => (
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={r().filters.locales.includes(l)}
                      onChange={(e) => setFilter({ locales: e.currentTarget.checked ? [...r().filters.locales, l] : r().filters.locales.filter((x) => x !== l) })}
                    />
                    {t(`editor.localeName.${l}`)}
                  </label>
                )}
              </For>
            </span>
          </div>
          <label class="field">
            <span>{t("editor.rulesForm.minAmount")}</span>
            <input
              id={fieldId("rules.filters.minAmount")}
              type="number"
              min={0}
              placeholder={t("editor.any")}
              value={r().filters.minAmount ?? ""}
              onInput={(e) => setFilter({ minAmount: e.currentTarget.value === "" ? null : e.currentTarget.valueAsNumber })}
            />
            <FieldError path="rules.filters.minAmount" errors={props.errors} />
          </label>
        </div>
      </fieldset>
    </div>
  );
}
