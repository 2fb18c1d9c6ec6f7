// Value analytics: NPS by customer value tier, revenue at risk, key drivers, expectation gaps, touchpoints, comment themes.
import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, errorMessage, type AnalyticsFilter, type LexiconEntries } from "../api";
import { ErrorNote } from "../components/ErrorNote";
import { round } from "../format";

const DAY = 86_400_000;
const RANGES = { all: "All time", "30": "Last 30 days", "90": "Last 90 days", "365": "Last 12 months" } as const;
const TIER_LABELS = { top: "Top", loyal: "Loyal", new: "New", at_risk: "At risk", occasional: "Occasional" } as const;
const KEY_LABELS: Record<string, string> = {
  benefit_functional: "Functional benefit",
  benefit_social: "Social benefit",
  benefit_emotional: "Emotional benefit",
  benefit_monetary: "Monetary benefit",
  cost_money: "Money cost",
  cost_time: "Time cost",
  cost_effort: "Effort cost",
  cost_risk: "Risk cost",
};
const TOUCHPOINT_LABELS: Record<string, string> = { learning: "Learning about it", buying: "Buying", delivery_use: "Delivery and use", after_sales: "After-sales" };
const money = (minor: number, currency: string | null) => `${minor.toLocaleString()} ${currency ?? ""}`.trim();
const signed = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

export function Analytics() {
  document.title = "Value analytics · ValuePulse";
  // Filters live in the URL, so a view can be shared.
  const [params, setParams] = useSearchParams<{ range?: string; tier?: string }>();
  const filter = (): AnalyticsFilter => {
    const days = Number(params.range);
    return { ...(days ? { from: Date.now() - days * DAY } : {}), ...(params.tier ? { tier: params.tier } : {}) };
  };
  const [overview] = createResource(filter, (f) => api.valueOverview(f));
  const [drivers] = createResource(filter, (f) => api.drivers(f));
  const [gaps] = createResource(filter, (f) => api.expectations(f));
  const [themes, { refetch: refetchThemes }] = createResource(filter, (f) => api.themes(f));
  const [dimension, setDimension] = createSignal("tier");
  const [segments] = createResource(() => ({ f: filter(), d: dimension() }), ({ f, d }) => api.segments(f, d));

  return (
    <>
      <header class="page-head">
        <div>
          <h1>Value analytics</h1>
          <p class="muted">Which value customers get, what drives their loyalty, and which customers matter most.</p>
        </div>
        <div class="filters">
          <label>
            Period{" "}
            <select value={params.range ?? "all"} onChange={(e) => setParams({ range: e.currentTarget.value === "all" ? undefined : e.currentTarget.value })}>
              <For each={Object.entries(RANGES)}>{([k, label]) => <option value={k}>{label}</option>}</For>
            </select>
          </label>
          <label>
            Tier{" "}
            <select data-testid="tier-filter" value={params.tier ?? ""} onChange={(e) => setParams({ tier: e.currentTarget.value || undefined })}>
              <option value="">Everyone</option>
              <For each={Object.entries(TIER_LABELS)}>{([k, label]) => <option value={k}>{label}</option>}</For>
            </select>
          </label>
        </div>
      </header>

      <Show when={overview.error}>
        <ErrorNote error={overview.error} />
      </Show>
      <Show when={overview.latest}>
        {(o) => (
          <div class="grid">
            <section class="card card-half" aria-labelledby="tiers-title">
              <h2 id="tiers-title">NPS by customer value tier</h2>
              <p class="muted">
                Everyone: <strong data-testid="all-nps">{round(o().nps.score)}</strong> · Top tier:{" "}
                <strong data-testid="top-tier-nps">{round(o().tiers.find((t) => t.tier === "top")?.nps.score)}</strong> · Revenue-weighted:{" "}
                <strong data-testid="revenue-weighted-nps">{round(o().revenueWeightedNps)}</strong>
              </p>
              <table class="table">
                <thead>
                  <tr><th scope="col">Tier</th><th scope="col">Customers</th><th scope="col">Revenue (12 months)</th><th scope="col">NPS</th><th scope="col">Answers</th></tr>
                </thead>
                <tbody>
                  <For each={o().tiers}>
                    {(t) => (
                      <tr data-testid={`tier-${t.tier}`}>
                        <th scope="row">{TIER_LABELS[t.tier]}</th>
                        <td>{t.customers}</td>
                        <td>{money(t.revenue12m, o().currency)}</td>
                        <td>{round(t.nps.score)}{t.nps.marginOfError != null ? ` ± ${round(t.nps.marginOfError)}` : ""}</td>
                        <td>{t.nps.responses}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
            <section class="card card-half" aria-labelledby="risk-title">
              <h2 id="risk-title">Revenue at risk</h2>
              <p>
                <strong class="big-number" data-testid="revenue-at-risk">{money(o().revenueAtRisk.total, o().currency)}</strong>
                <span class="muted"> from customers whose latest answer is a detractor's (their last 12 months of revenue)</span>
              </p>
              <ul class="plain-list">
                <For each={o().revenueAtRisk.customers.slice(0, 10)}>
                  {(c) => (
                    <li data-testid="risk-customer">
                      {c.name ?? c.email} <span class="muted">({c.email}, {TIER_LABELS[c.tier]}, scored {c.latestScore})</span> — {money(c.revenue12m, o().currency)}
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </div>
        )}
      </Show>

      <div class="grid">
        <section class="card card-half" aria-labelledby="drivers-title">
          <h2 id="drivers-title">What to improve first: key drivers</h2>
          <Show when={drivers.latest}>
            {(d) => (
              <Show
                when={d().drivers}
                fallback={<p class="muted" data-testid="drivers-empty">Not enough answers yet: {d().n} complete, {d().minN} needed. {d().reason}</p>}
              >
                {(list) => (
                  <>
                    <p class="muted">Standardized regression of the 0–10 answer on each benefit and cost answer, n = {d().n}; the band is 95 %.</p>
                    <ol class="drivers" data-testid="drivers">
                      <For each={list()}>
                        {(x) => (
                          <li>
                            <span class="bar-label">{KEY_LABELS[x.key] ?? x.key}</span>{" "}
                            <span class="bar-track" aria-hidden="true"><span class={`bar-fill ${x.beta < 0 ? "negative" : ""}`} style={{ width: `${Math.min(100, Math.abs(x.beta) * 100)}%` }} /></span>{" "}
                            <span>{signed(x.beta)} <span class="muted">({signed(x.low)} to {signed(x.high)})</span></span>
                          </li>
                        )}
                      </For>
                    </ol>
                  </>
                )}
              </Show>
            )}
          </Show>
        </section>
        <section class="card card-half" aria-labelledby="gaps-title">
          <h2 id="gaps-title">Expectations and the journey</h2>
          <Show when={gaps.latest}>
            {(g) => (
              <>
                <table class="table">
                  <thead><tr><th scope="col">Value type</th><th scope="col">Worse</th><th scope="col">As expected</th><th scope="col">Better</th><th scope="col">Answers</th></tr></thead>
                  <tbody>
                    <For each={g().expectations}>
                      {(e) => (
                        <tr data-testid={`gap-${e.valueType}`}>
                          <th scope="row">{e.valueType}</th><td>{e.worse}%</td><td>{e.as_expected}%</td><td>{e.better}%</td><td>{e.n}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <table class="table">
                  <thead><tr><th scope="col">Touchpoint</th><th scope="col">Mean rating (1–5)</th><th scope="col">Answers</th></tr></thead>
                  <tbody>
                    <For each={g().touchpoints}>
                      {(tp) => (
                        <tr data-testid={`touchpoint-${tp.touchpoint}`}>
                          <th scope="row">{TOUCHPOINT_LABELS[tp.touchpoint]}</th><td>{tp.mean ?? "—"}</td><td>{tp.n}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </>
            )}
          </Show>
        </section>
      </div>

      <section class="card" aria-labelledby="segments-title">
        <h2 id="segments-title">Segments against everyone else</h2>
        <label>
          Compare by{" "}
          <select data-testid="segment-dimension" value={dimension()} onChange={(e) => setDimension(e.currentTarget.value)}>
            <option value="tier">Value tier</option>
            <option value="channel">Channel</option>
            <option value="locale">Language</option>
            <option value="template">Template</option>
          </select>
        </label>
        <Show when={segments.latest}>
          {(sg) => (
            <table class="table">
              <thead><tr><th scope="col">Segment</th><th scope="col">NPS</th><th scope="col">Everyone else</th><th scope="col">Difference</th></tr></thead>
              <tbody>
                <For each={sg().segments}>
                  {(x) => (
                    <tr data-testid="segment">
                      <th scope="row">{TIER_LABELS[x.segment as keyof typeof TIER_LABELS] ?? x.segment}</th>
                      <td>{round(x.nps.score)} <span class="muted">(n = {x.nps.responses})</span></td>
                      <td>{round(x.rest.score)} <span class="muted">(n = {x.rest.responses})</span></td>
                      <td>{x.difference ? `${x.difference.difference > 0 ? "+" : ""}${x.difference.difference} pts — ${x.difference.significant ? "beyond the noise" : "within the noise"}` : "—"}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </Show>
        <p class="muted">Two-sample z-test on NPS with the trinomial variance; a difference is called beyond the noise at 95 %.</p>
      </section>

      <section class="card" aria-labelledby="themes-title">
        <h2 id="themes-title">Comment themes</h2>
        <Show when={themes.latest}>
          {(th) => (
            <>
              <p class="muted">{th().comments} comments. A positive lift: detractors say it more than promoters; negative: promoters do. Vietnamese is matched with or without tone marks.</p>
              <ul class="plain-list" data-testid="themes">
                <For each={th().themes}>
                  {(x) => (
                    <li data-testid="theme">
                      <details>
                        <summary>
                          <strong>{x.phrase}</strong> — lift {x.lift > 0 ? "+" : ""}{x.lift} pts · {x.detractors} detractors, {x.promoters} promoters
                          {x.target ? ` · ${KEY_LABELS[x.target] ?? x.target}` : ""}
                        </summary>
                        <ul>
                          <For each={x.comments}>{(c) => <li>“{c.comment}” <span class="muted">({c.score ?? "—"})</span></li>}</For>
                        </ul>
                      </details>
                    </li>
                  )}
                </For>
              </ul>
            </>
          )}
        </Show>
        <LexiconEditor onSaved={() => refetchThemes()} />
      </section>
    </>
  );
}

/** The phrase → value type lexicon, one "phrase: target" per line (admins and marketers may save). */
function LexiconEditor(props: { onSaved: () => void }) {
  const [lexicon, { mutate }] = createResource(() => api.lexicon());
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);
  const text = (l: LexiconEntries | undefined) => Object.entries(l ?? {}).map(([k, v]) => `${k}: ${v}`).join("\n");
  let area!: HTMLTextAreaElement;
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    const entries = Object.fromEntries(
      area.value.split("\n").map((l) => l.split(":").map((x) => x.trim())).filter(([k, v]) => k && v),
    ) as LexiconEntries;
    try {
      mutate(await api.saveLexicon(entries));
      setSaved(true);
      props.onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <details class="lexicon">
      <summary>Edit the theme lexicon</summary>
      <form onSubmit={save}>
        <label for="lexicon">One <code>phrase: target</code> per line; targets: {Object.keys(KEY_LABELS).join(", ")}.</label>
        <textarea id="lexicon" ref={area} rows={10} value={text(lexicon.latest)} />
        <Show when={error()}>{(m) => <p class="error" role="alert">{m()}</p>}</Show>
        <Show when={saved()}><p role="status">Saved.</p></Show>
        <button type="submit" class="btn btn-primary">Save lexicon</button>
      </form>
    </details>
  );
}
