// Sending rules: trigger and delay, reminder, close, throttle, sample rate, filters and priority.
import { createSignal, For } from "solid-js";
import { LOCALE_NAMES, LOCALES, type Locale, type TemplateRules } from "../../../../server/domain/template-content";
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
          placeholder={opts.nullable ? "none" : undefined}
          aria-invalid={props.errors[`rules.${path}`] ? "true" : undefined}
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
          <span>Send after</span>
          <select id={fieldId("rules.trigger")} value={r().trigger} onChange={(e) => props.onChange({ trigger: e.currentTarget.value as TemplateRules["trigger"] })}>
            <option value="fulfillment">fulfilment (or purchase while not fulfilled)</option>
            <option value="purchase">purchase</option>
          </select>
        </label>
        <label class="field">
          <span>Delay</span>
          <span class="with-suffix">
            <input
              id={fieldId("rules.delayHours")}
              type="number"
              min={0}
              value={delayShown()}
              aria-invalid={props.errors["rules.delayHours"] ? "true" : undefined}
              onInput={(e) => props.onChange({ delayHours: Math.round(e.currentTarget.valueAsNumber * (unit() === "days" ? 24 : 1)) })}
            />
            <select aria-label="Delay unit" value={unit()} onChange={(e) => setUnit(e.currentTarget.value as "hours" | "days")}>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
          </span>
          <FieldError path="rules.delayHours" errors={props.errors} />
        </label>
        {num("reminderAfterDays", "One reminder after", { min: 1, max: 30, suffix: "days without an answer", nullable: true })}
        {num("closeAfterDays", "Close the survey after", { min: 1, max: 365, suffix: "days" })}
        {num("throttleDays", "Don't invite the same customer again within", { min: 0, max: 730, suffix: "days" })}
        <label class="field">
          <span>…counting invitations of</span>
          <select value={r().throttleScope} onChange={(e) => props.onChange({ throttleScope: e.currentTarget.value as TemplateRules["throttleScope"] })}>
            <option value="template">this template</option>
            <option value="all">all templates</option>
          </select>
        </label>
        {num("sampleRate", "Sample rate", { min: 1, max: 100, suffix: "% of matching purchases" })}
        {num("priority", "Priority", { min: 0, max: 1000, suffix: "(higher wins)" })}
      </div>
      <fieldset class="filters">
        <legend>Which purchases (empty = any)</legend>
        <div class="rules-grid">
          <label class="field">
            <span>Categories (comma-separated)</span>
            <input value={r().filters.categories.join(", ")} onChange={(e) => setFilter({ categories: list(e.currentTarget.value) })} />
            <FieldError path="rules.filters.categories" errors={props.errors} />
          </label>
          <label class="field">
            <span>Channels (comma-separated)</span>
            <input value={r().filters.channels.join(", ")} onChange={(e) => setFilter({ channels: list(e.currentTarget.value) })} />
            <FieldError path="rules.filters.channels" errors={props.errors} />
          </label>
          <div class="field">
            <span>Customer locales</span>
            <span class="inline-field">
              <For each={LOCALES}>
                {(l: Locale) => (
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={r().filters.locales.includes(l)}
                      onChange={(e) => setFilter({ locales: e.currentTarget.checked ? [...r().filters.locales, l] : r().filters.locales.filter((x) => x !== l) })}
                    />
                    {LOCALE_NAMES[l]}
                  </label>
                )}
              </For>
            </span>
          </div>
          <label class="field">
            <span>Minimum amount (minor units, e.g. VND or cents)</span>
            <input
              id={fieldId("rules.filters.minAmount")}
              type="number"
              min={0}
              placeholder="any"
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
