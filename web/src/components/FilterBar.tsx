// Filters that apply to everything on the dashboard: date range, template, category, channel, locale, customer value tier.
import { createResource, For } from "solid-js";
import { api, type Dimension, type Filters } from "../api";
import { lastDays } from "../dashboard-filters";
import { t, type TextKey } from "../i18n";
import { TIERS } from "../../../server/domain/vocabulary";
import { LocaleOptions } from "./LocaleOptions";

const PRESETS = [7, 30, 90];

export function FilterBar(props: { filters: Filters; set: (change: Record<string, string | undefined>) => void }) {
  // Segment values seen so far (all time): the choices of each select.
  const options = (by: Dimension) => createResource(() => api.breakdown({}, by).then((b) => b.segments.map((s) => ({ key: s.key, label: s.label }))))[0];
  const choices = { template: options("template"), category: options("category"), channel: options("channel") };
  const select = (key: "template" | "category" | "channel") => (
    <label class="inline-field">
      <span>{t(`filters.${key}` as TextKey)}</span>
      <select value={props.filters[key] ?? ""} onChange={(e) => props.set({ [key]: e.currentTarget.value })} data-testid={`filter-${key}`}>
        <option value="">{t("filters.all")}</option>
        {/* A value from a shared URL stays selectable even if no answer has it (yet). */}
        <For each={[...(choices[key]() ?? []), ...(props.filters[key] && !choices[key]()?.some((c) => c.key === props.filters[key]) ? [{ key: props.filters[key]!, label: props.filters[key]! }] : [])]}>
          {/* `selected` per option: the select's value alone is lost when options arrive after it. */}
          {(c) => (
            <option value={c.key} selected={c.key === props.filters[key]}>
              {c.label}
            </option>
          )}
        </For>
      </select>
    </label>
  );
  return (
    <form class="filters card" role="search" aria-label={t("filters.label")} onSubmit={(e) => e.preventDefault()}>
      <label class="inline-field">
        <span>{t("filters.from")}</span>
        <input type="date" value={props.filters.from ?? ""} onChange={(e) => props.set({ from: e.currentTarget.value })} data-testid="filter-from" />
      </label>
      <label class="inline-field">
        <span>{t("filters.to")}</span>
        <input type="date" value={props.filters.to ?? ""} onChange={(e) => props.set({ to: e.currentTarget.value })} data-testid="filter-to" />
      </label>
      <div class="presets" role="group" aria-label={t("filters.quick")}>
        <For each={PRESETS}>
          {(days) => (
            <button type="button" class="btn btn-small" onClick={() => props.set(lastDays(days) as Record<string, string>)}>
              {t("filters.days", { n: days })}
            </button>
          )}
        </For>
      </div>
      {select("template")}
      {select("category")}
      {select("channel")}
      <label class="inline-field">
        <span>{t("filters.locale")}</span>
        <select value={props.filters.locale ?? ""} onChange={(e) => props.set({ locale: e.currentTarget.value })} data-testid="filter-locale">
          <option value="">{t("filters.all")}</option>
          <LocaleOptions />
        </select>
      </label>
      <label class="inline-field">
        <span>{t("filters.tier")}</span>
        <select value={props.filters.tier ?? ""} onChange={(e) => props.set({ tier: e.currentTarget.value })} data-testid="filter-tier">
          <option value="">{t("filters.everyone")}</option>
          <For each={TIERS}>
            {(tier) => (
              <option value={tier} selected={tier === props.filters.tier}>
                {t(`filters.tiers.${tier}`)}
              </option>
            )}
          </For>
        </select>
      </label>
      <button type="button" class="btn btn-ghost btn-small" onClick={() => props.set({ from: "", to: "", template: "", category: "", channel: "", locale: "", tier: "" })}>
        {t("filters.clear")}
      </button>
    </form>
  );
}
