// Compare: this period vs the previous one, or segment vs segment, with the difference and whether it exceeds the noise.
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { api, type Comparison, type Dimension, type Filters } from "../api";
import { lastDays } from "../dashboard-filters";
import { percent, round } from "../format";
import { t, type TextKey } from "../i18n";
import { ErrorNote } from "./ErrorNote";
import { BREAKDOWN_CHOICES } from "../dimensions";

type Mode = "period" | "segment";

export function ComparePanel(props: { filters: Filters; version: number }) {
  const [mode, setMode] = createSignal<Mode>("period");
  const [by, setBy] = createSignal<Dimension>("channel");
  const [a, setA] = createSignal("");
  const [b, setB] = createSignal("");
  // The segments to choose from are those within the filters, so they follow them.
  const [segments] = createResource(() => ({ by: by(), f: props.filters }), (q) => api.breakdown(q.f, q.by).then((r) => r.segments));

  // A period comparison needs a range: without one, the last 30 days.
  const periodFilters = () => (props.filters.from && props.filters.to ? props.filters : { ...props.filters, ...lastDays(30) });
  const [result, { refetch }] = createResource(
    () => ({ mode: mode(), by: by(), a: a(), b: b(), f: props.filters, v: props.version }),
    async (q): Promise<Comparison | null> => {
      if (q.mode === "period") return api.compare(periodFilters());
      if (!q.a || !q.b) return null;
      return api.compare({ ...q.f, by: q.by, a: q.a, b: q.b });
    },
  );

  return (
    <section class="card compare" aria-labelledby="compare-title" data-testid="compare">
      <h2 id="compare-title">{t("compare.title")}</h2>
      <div class="form-row compact">
        <label class="inline-field">
          <span>{t("compare.mode")}</span>
          <select value={mode()} onChange={(e) => setMode(e.currentTarget.value as Mode)} data-testid="compare-mode">
            <option value="period">{t("compare.period")}</option>
            <option value="segment">{t("compare.segment")}</option>
          </select>
        </label>
        <Show when={mode() === "segment"}>
          <label class="inline-field">
            <span>{t("compare.by")}</span>
            <select value={by()} onChange={(e) => (setBy(e.currentTarget.value as Dimension), setA(""), setB(""))}>
              <For each={BREAKDOWN_CHOICES}>{(d) => <option value={d}>{t(`live.dimensions.${d}`)}</option>}</For>
            </select>
          </label>
          <For each={[["A", a, setA] as const, ["B", b, setB] as const]}>
            {([label, get, set]) => (
              <label class="inline-field">
                <span>{label}</span>
                <select value={get()} onChange={(e) => set(e.currentTarget.value)} data-testid={`compare-${label.toLowerCase()}`}>
                  <option value="">{t("compare.choose")}</option>
                  <For each={segments() ?? []}>
                    {(s) => (
                      <option value={s.key} selected={s.key === get()}>
                        {s.label}
                      </option>
                    )}
                  </For>
                </select>
              </label>
            )}
          </For>
        </Show>
      </div>
      <Switch>
        <Match when={result.error}>
          <ErrorNote error={result.error} retry={refetch} />
        </Match>
        <Match when={result.latest === null}>
          <p class="muted">{t("compare.chooseTwo")}</p>
        </Match>
        <Match when={result.latest && result.latest.a.responses + result.latest.b.responses === 0}>
          <p class="muted" data-testid="compare-empty">{t("compare.empty")}</p>
        </Match>
        <Match when={result.latest}>{(c) => <CompareTable c={c()} mode={mode()} />}</Match>
      </Switch>
      <Show when={mode() === "period" && !(props.filters.from && props.filters.to)}>
        <p class="muted small">{t("compare.noRange")}</p>
      </Show>
    </section>
  );
}

const signed = (n: number | null, digits = 0) => (n == null ? "—" : `${n > 0 ? "+" : ""}${n.toFixed(digits)}`);

function CompareTable(props: { c: Comparison; mode: Mode }) {
  // The server names a period's sides in English; segments by their values, shown as they are.
  const sideName = (side: Comparison["a"], period: TextKey) => (props.mode === "period" ? t(period) : side.label);
  const verdict = (sig: boolean | null) => (sig == null ? t("compare.tooFew") : sig ? t("compare.larger") : t("compare.within"));
  const rows = () => [
    { name: "NPS", id: "nps", a: round(props.c.a.scores.nps.score), b: round(props.c.b.scores.nps.score), d: signed(props.c.difference.nps.difference), noise: props.c.difference.nps },
    { name: "CSAT", id: "csat", a: percent(props.c.a.scores.csat.score), b: percent(props.c.b.scores.csat.score), d: signed(props.c.difference.csat.difference), noise: props.c.difference.csat },
    ...(["functional", "social", "emotional", "monetary"] as const).map((v) => ({
      name: t("compare.benefit", { name: t(`live.values.${v}` as TextKey) }),
      id: v,
      a: round(props.c.a.scores.value[v]),
      b: round(props.c.b.scores.value[v]),
      d: signed(props.c.difference.value[v] ?? null),
      noise: null,
    })),
    { name: t("compare.ratio"), id: "ratio", a: props.c.a.scores.ratio?.toFixed(2) ?? "—", b: props.c.b.scores.ratio?.toFixed(2) ?? "—", d: signed(props.c.difference.ratio, 2), noise: null },
    { name: t("itemBank.netValue"), id: "net-value", a: signed(props.c.a.scores.netValue.value), b: signed(props.c.b.scores.netValue.value), d: signed(props.c.difference.netValue), noise: null },
  ];
  return (
    // Focusable, so a keyboard can scroll it when it is wider than a phone.
    <div class="table-wrap" tabindex="0" role="region" aria-label={t("compare.title")}>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t("compare.measure")}</th>
            <For each={[[props.c.a, "compare.thisPeriod"], [props.c.b, "compare.previousPeriod"]] as const}>
              {([side, period]) => (
                <th scope="col">
                  {sideName(side, period)} <span class="muted">(n = {side.responses}{side.lowSample ? `, ${t("compare.fewSide")}` : ""})</span>
                </th>
              )}
            </For>
            <th scope="col">{t("compare.difference")}</th>
            <th scope="col">{t("compare.noise")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td>{r.a}</td>
                <td>{r.b}</td>
                <td data-testid={r.id === "nps" ? "compare-nps-diff" : undefined}>{r.d}</td>
                <td>
                  <Show when={r.noise} fallback={<span class="muted">—</span>}>
                    {(n) => (
                      <span classList={{ tag: true, "tag-ok": n().significant === true }} title={n().marginOfError == null ? "" : t("compare.points", { n: n().marginOfError! })}>
                        {verdict(n().significant)}
                        {n().marginOfError != null ? ` (±${Math.round(n().marginOfError!)})` : ""}
                      </span>
                    )}
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
