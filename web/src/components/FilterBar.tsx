// Filters that apply to everything on the dashboard: date range, template, category, channel, locale, customer value tier.
import { createResource, For } from "solid-js";
import { api, type Dimension, type Filters } from "../api";
import { lastDays } from "../dashboard-filters";

const PRESETS = [
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
];

export function FilterBar(props: { filters: Filters; set: (change: Record<string, string | undefined>) => void }) {
  // Segment values seen so far (all time): the choices of each select.
  const options = (by: Dimension) => createResource(() => api.breakdown({}, by).then((b) => b.segments.map((s) => ({ key: s.key, label: s.label }))))[0];
  const choices = { template: options("template"), category: options("category"), channel: options("channel") };
  const select = (key: "template" | "category" | "channel", label: string) => (
    <label class="inline-field">
      <span>{label}</span>
      <select value={props.filters[key] ?? ""} onChange={(e) => props.set({ [key]: e.currentTarget.value })} data-testid={`filter-${key}`}>
        <option value="">All</option>
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
    <form class="filters card" role="search" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
      <label class="inline-field">
        <span>From</span>
        <input type="date" value={props.filters.from ?? ""} onChange={(e) => props.set({ from: e.currentTarget.value })} data-testid="filter-from" />
      </label>
      <label class="inline-field">
        <span>To</span>
        <input type="date" value={props.filters.to ?? ""} onChange={(e) => props.set({ to: e.currentTarget.value })} data-testid="filter-to" />
      </label>
      <div class="presets" role="group" aria-label="Quick ranges">
        <For each={PRESETS}>{(p) => <button type="button" class="btn btn-small" onClick={() => props.set(lastDays(p.days) as Record<string, string>)}>{p.label}</button>}</For>
      </div>
      {select("template", "Template")}
      {select("category", "Category")}
      {select("channel", "Channel")}
      <label class="inline-field">
        <span>Locale</span>
        <select value={props.filters.locale ?? ""} onChange={(e) => props.set({ locale: e.currentTarget.value })} data-testid="filter-locale">
          <option value="">All</option>
          <option value="en">English</option>
          <option value="vi">Tiếng Việt</option>
        </select>
      </label>
      <label class="inline-field">
        <span>Value tier</span>
        <select value={props.filters.tier ?? ""} onChange={(e) => props.set({ tier: e.currentTarget.value })} data-testid="filter-tier">
          <option value="">Everyone</option>
          <option value="top">Top</option>
          <option value="loyal">Loyal</option>
          <option value="new">New</option>
          <option value="at_risk">At risk</option>
          <option value="occasional">Occasional</option>
        </select>
      </label>
      <button type="button" class="btn btn-ghost btn-small" onClick={() => props.set({ from: "", to: "", template: "", category: "", channel: "", locale: "", tier: "" })}>
        Clear filters
      </button>
    </form>
  );
}
