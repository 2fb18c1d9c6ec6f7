// Value analytics: NPS by customer value tier, revenue at risk, key drivers, expectation gaps, touchpoints, comment themes.
import { useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { api, errorMessage, type AnalyticsFilter, type LexiconEntries } from "../api";
import type { AtRiskPage, Drivers, ValueOverview } from "../../../server/http/schemas/analytics";
import { ErrorNote } from "../components/ErrorNote";
import { ScrollBox } from "../components/ResourceTable";
import { round } from "../format";
import { intlLocale, t } from "../i18n";
import { DAY_MS } from "../../../server/domain/time";
import { TOUCHPOINTS } from "../../../server/domain/template-content";
import { LOCALES, SEGMENT_DIMENSIONS, TIERS, VALUE_ANSWER_KEYS, VALUE_TYPES, type Locale, type SegmentDimension, type Tier, type ValueAnswerKey, type ValueType } from "../../../server/domain/vocabulary";

const RANGES = [
  ["all", "analytics.range.all"],
  ["30", "analytics.range.d30"],
  ["90", "analytics.range.d90"],
  ["365", "analytics.range.d365"],
] as const;
const tierLabel = (tier: string) => ((TIERS as readonly string[]).includes(tier) ? t(`analytics.tier.${tier as Tier}`) : tier);
const keyLabel = (key: string) => ((VALUE_ANSWER_KEYS as readonly string[]).includes(key) ? t(`analytics.key.${key as ValueAnswerKey}`) : key);
const valueTypeLabel = (v: string) => ((VALUE_TYPES as readonly string[]).includes(v) ? t(`analytics.valueType.${v as ValueType}`) : v);
const touchpointLabel = (v: string) => ((TOUCHPOINTS as readonly string[]).includes(v) ? t(`analytics.touchpoint.${v as (typeof TOUCHPOINTS)[number]}`) : v);
const isLocale = (v: string): v is Locale => (LOCALES as readonly string[]).includes(v);
/** A segment's name as a person reads it: tiers and languages translated, channels and templates as recorded. */
const segmentLabel = (dimension: string, segment: string) =>
  dimension === "tier" ? tierLabel(segment) : dimension === "locale" && isLocale(segment) ? t(`analytics.language.${segment}`) : segment;

/** The drivers' "why not yet" (domain/key-drivers.ts, reasonCode), in the user's language. */
function driversReason(d: Drivers): string {
  if (!d.reasonCode) return d.reason ?? "";
  return t(`analytics.driversReason.${d.reasonCode}`, { per: d.perPredictor, best: Math.max(0, ...d.dropped.map((x) => x.n)) });
}

/** Why a question is not among the drivers: too few answers, constant, or a duplicate of others. */
const droppedText = (x: Drivers["dropped"][number]) => t(`analytics.dropped.${x.reason}`, { key: keyLabel(x.key), n: x.n, of: (x.of ?? []).map(keyLabel).join(", ") });

/** Below the minimum n (the API's lowSample) a figure is not a finding: said next to it, not left to look like one. */
function FewAnswers(props: { nps: { lowSample?: boolean; responses: number } }) {
  return (
    // With no answer at all the dash says it already.
    <Show when={props.nps.lowSample && props.nps.responses > 0}>
      {" "}
      <span class="muted few-answers">{t("analytics.fewAnswers")}</span>
    </Show>
  );
}

const money = (minor: number, currency: string | null) => `${minor.toLocaleString(intlLocale())} ${currency ?? ""}`.trim();
/** Amounts in currencies other than the main one: shown beside it, never added to it. */
function otherCurrencies(byCurrency: Record<string, number>, main: string | null): string {
  const others = Object.entries(byCurrency).filter(([c, v]) => c !== main && v !== 0);
  return others.length ? ` (${t("analytics.otherCurrencies", { amounts: others.map(([c, v]) => money(v, c)).join(", ") })})` : "";
}
const percent = (x: number) => (x * 100).toFixed(1);

function DroppedDrivers(props: { d: Drivers }) {
  return (
    <Show when={props.d.dropped.length > 0}>
      <ul class="plain-list muted" data-testid="drivers-dropped">
        <For each={props.d.dropped}>{(x) => <li>{droppedText(x)}</li>}</For>
      </ul>
    </Show>
  );
}

export function Analytics() {
  createEffect(() => (document.title = `${t("analytics.title")} · ValuePulse`));
  // Filters live in the URL, so a view can be shared.
  const [params, setParams] = useSearchParams<{ range?: string; tier?: string }>();
  const filter = (): AnalyticsFilter => {
    const days = Number(params.range);
    return { ...(days ? { from: Date.now() - days * DAY_MS } : {}), ...(params.tier ? { tier: params.tier } : {}) };
  };
  const [overview] = createResource(filter, (f) => api.valueOverview(f));
  const [drivers] = createResource(filter, (f) => api.drivers(f));
  const [reliability] = createResource(filter, (f) => api.reliability(f));
  // Revenue at risk: 10 at first, more on demand; past the overview's first 100, page by page from the server.
  const [riskShown, setRiskShown] = createSignal(10);
  const [riskMore, setRiskMore] = createSignal<AtRiskPage["customers"]>([]);
  createEffect(() => (filter(), setRiskShown(10), setRiskMore([])));
  const riskList = (o: ValueOverview) => [...o.revenueAtRisk.customers, ...riskMore()];
  async function showMoreRisk(o: ValueOverview) {
    const want = riskShown() + 10;
    const loaded = riskList(o).length;
    if (want > loaded && loaded < o.revenueAtRisk.count) {
      const page = await api.atRisk(filter(), loaded);
      setRiskMore([...riskMore(), ...page.customers]);
    }
    setRiskShown(want);
  }
  const [gaps] = createResource(filter, (f) => api.expectations(f));
  const [themes, { refetch: refetchThemes }] = createResource(filter, (f) => api.themes(f));
  const [dimension, setDimension] = createSignal<SegmentDimension>("tier");
  const [segments] = createResource(() => ({ f: filter(), d: dimension() }), ({ f, d }) => api.segments(f, d));
  const loading = () => <p class="muted" role="status">{t("common.loading")}</p>;

  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("analytics.title")}</h1>
          <p class="muted">{t("analytics.intro")}</p>
        </div>
        <div class="filters">
          <label>
            {t("analytics.period")}{" "}
            <select value={params.range ?? "all"} onChange={(e) => setParams({ range: e.currentTarget.value === "all" ? undefined : e.currentTarget.value })}>
              <For each={RANGES}>{([k, key]) => <option value={k}>{t(key)}</option>}</For>
            </select>
          </label>
          <label>
            {t("analytics.tierFilter")}{" "}
            <select data-testid="tier-filter" value={params.tier ?? ""} onChange={(e) => setParams({ tier: e.currentTarget.value || undefined })}>
              <option value="">{t("analytics.everyone")}</option>
              <For each={TIERS}>{(k) => <option value={k}>{tierLabel(k)}</option>}</For>
            </select>
          </label>
        </div>
      </header>

      <Show when={overview.error}>
        <ErrorNote error={overview.error} />
      </Show>
      <Show when={overview.latest} fallback={<Show when={!overview.error}>{loading()}</Show>}>
        {(o) => (
          <div class="grid">
            <section class="card card-half" aria-labelledby="tiers-title">
              <h2 id="tiers-title">{t("analytics.tiersTitle")}</h2>
              <p class="muted">{t("analytics.tiersHelp")}</p>
              <p class="muted">
                {t("analytics.everyone")}: <strong data-testid="all-nps">{round(o().nps.score)}</strong>
                <FewAnswers nps={o().nps} /> · {t("analytics.topTier")}:{" "}
                <strong data-testid="top-tier-nps">{round(o().tiers.find((x) => x.tier === "top")?.nps.score)}</strong> · {t("analytics.revenueWeighted")}:{" "}
                <strong data-testid="revenue-weighted-nps">{round(o().revenueWeightedNps)}</strong>
              </p>
              <ScrollBox>
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("analytics.col.tier")}</th>
                      <th scope="col">{t("analytics.col.customers")}</th>
                      <th scope="col">{t("analytics.col.revenue")}</th>
                      <th scope="col">NPS</th>
                      <th scope="col">{t("analytics.col.answers")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={o().tiers}>
                      {(x) => (
                        <tr data-testid={`tier-${x.tier}`}>
                          <th scope="row">{tierLabel(x.tier)}</th>
                          <td>{x.customers.toLocaleString(intlLocale())}</td>
                          <td>
                            {money(x.revenue12m, o().currency)}
                            {otherCurrencies(x.revenueByCurrency, o().currency)}
                          </td>
                          <td>
                            {round(x.nps.score)}
                            {x.nps.marginOfError != null ? ` ± ${round(x.nps.marginOfError)}` : ""}
                            <FewAnswers nps={x.nps} />
                          </td>
                          <td>{x.nps.responses.toLocaleString(intlLocale())}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </ScrollBox>
            </section>
            <section class="card card-half" aria-labelledby="risk-title">
              <h2 id="risk-title">{t("analytics.riskTitle")}</h2>
              <p>
                <strong class="big-number" data-testid="revenue-at-risk">
                  {money(o().revenueAtRisk.total, o().currency)}
                </strong>
                <span data-testid="revenue-at-risk-other">
                  {otherCurrencies(Object.fromEntries(o().currencies.map((c) => [c.currency, c.total])), o().currency)}
                </span>
                <span class="muted"> {t("analytics.riskHelp")}</span>
              </p>
              <Show when={o().revenueAtRisk.customers.length > 0} fallback={<p class="muted">{t("analytics.noRisk")}</p>}>
                <ul class="plain-list">
                  <For each={riskList(o()).slice(0, riskShown())}>
                    {(c) => (
                      <li data-testid="risk-customer" class="risk-customer">
                        {c.name ?? c.email}{" "}
                        <span class="muted">({t("analytics.riskCustomer", { email: c.email, tier: tierLabel(c.tier), score: c.latestScore })})</span> —{" "}
                        {money(c.revenue12m, o().currency)}
                        {otherCurrencies(c.revenueByCurrency, o().currency)}
                      </li>
                    )}
                  </For>
                </ul>
                <p class="muted" data-testid="risk-shown">
                  {t("analytics.riskShown", { shown: Math.min(riskShown(), o().revenueAtRisk.count), count: o().revenueAtRisk.count })}{" "}
                  <Show when={riskShown() < o().revenueAtRisk.count}>
                    <button type="button" class="btn btn-small btn-ghost" data-testid="risk-more" onClick={() => void showMoreRisk(o())}>
                      {t("analytics.riskMore")}
                    </button>
                  </Show>
                </p>
              </Show>
            </section>
          </div>
        )}
      </Show>

      <div class="grid">
        <section class="card card-half" aria-labelledby="drivers-title">
          <h2 id="drivers-title">{t("analytics.driversTitle")}</h2>
          <Show when={drivers.error}>
            <ErrorNote error={drivers.error} />
          </Show>
          <Show when={drivers.latest} fallback={<Show when={!drivers.error}>{loading()}</Show>}>
            {(d) => (
              <Show
                when={d().drivers}
                fallback={
                  <>
                    <p class="muted" data-testid="drivers-empty">
                      {driversReason(d())}
                    </p>
                    <DroppedDrivers d={d()} />
                  </>
                }
              >
                {(list) => (
                  <>
                    <p class="muted">{t("analytics.driversHelp", { n: d().n })}</p>
                    <p data-testid="drivers-r2">{t("analytics.r2", { r2: percent(d().r2 ?? 0), low: percent(d().r2Low ?? 0), high: percent(d().r2High ?? 0) })}</p>
                    <ol class="drivers" data-testid="drivers">
                      <For each={list()}>
                        {(x) => (
                          <li>
                            <span class="bar-label">{keyLabel(x.key)}</span>{" "}
                            <span class="bar-track" aria-hidden="true">
                              <span class={`bar-fill ${x.beta < 0 ? "negative" : ""}`} style={{ width: `${Math.min(100, x.share)}%` }} />
                            </span>{" "}
                            <span>
                              {x.share.toFixed(0)} %{" "}
                              <span class="muted">
                                (R² {percent(x.weight)}: {t("analytics.interval", { low: percent(x.low), high: percent(x.high) })})
                              </span>
                            </span>
                          </li>
                        )}
                      </For>
                    </ol>
                    <DroppedDrivers d={d()} />
                  </>
                )}
              </Show>
            )}
          </Show>
          <Show when={reliability.latest?.scales.length}>
            <h3>{t("analytics.reliabilityTitle")}</h3>
            <ul class="plain-list" data-testid="reliability">
              <For each={reliability.latest!.scales}>
                {(s) => (
                  <li>
                    {keyLabel(s.scale)}:{" "}
                    {s.alpha === null ? (
                      <span class="muted">{t("analytics.reliabilityFew", { n: s.responses, min: reliability.latest!.minN })}</span>
                    ) : (
                      <>
                        α = {s.alpha.toFixed(2)} <span class="muted">({t("analytics.reliabilityItems", { k: s.items.length, n: s.responses })})</span>
                        <Show when={s.flagged}>
                          {" "}
                          <strong>{t("analytics.reliabilityLow")}</strong>
                        </Show>
                      </>
                    )}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
        <section class="card card-half" aria-labelledby="gaps-title">
          <h2 id="gaps-title">{t("analytics.gapsTitle")}</h2>
          <Show when={gaps.error}>
            <ErrorNote error={gaps.error} />
          </Show>
          <Show when={gaps.latest} fallback={<Show when={!gaps.error}>{loading()}</Show>}>
            {(g) => (
              <>
                <ScrollBox>
                  <table class="table">
                    <caption class="visually-hidden">{t("analytics.expectationsCaption")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("analytics.col.valueType")}</th>
                        <th scope="col">{t("analytics.col.worse")}</th>
                        <th scope="col">{t("analytics.col.asExpected")}</th>
                        <th scope="col">{t("analytics.col.better")}</th>
                        <th scope="col">{t("analytics.col.answers")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={g().expectations}>
                        {(e) => (
                          <tr data-testid={`gap-${e.valueType}`}>
                            <th scope="row">{valueTypeLabel(e.valueType)}</th>
                            <td>{e.worse}%</td>
                            <td>{e.as_expected}%</td>
                            <td>{e.better}%</td>
                            <td>{e.n}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </ScrollBox>
                <ScrollBox>
                  <table class="table">
                    <caption class="visually-hidden">{t("analytics.touchpointsCaption")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("analytics.col.touchpoint")}</th>
                        <th scope="col">{t("analytics.col.meanRating")}</th>
                        <th scope="col">{t("analytics.col.answers")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={g().touchpoints}>
                        {(tp) => (
                          <tr data-testid={`touchpoint-${tp.touchpoint}`}>
                            <th scope="row">{touchpointLabel(tp.touchpoint)}</th>
                            <td>{tp.mean ?? "—"}</td>
                            <td>{tp.n}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </ScrollBox>
              </>
            )}
          </Show>
        </section>
      </div>

      <section class="card" aria-labelledby="segments-title">
        <h2 id="segments-title">{t("analytics.segmentsTitle")}</h2>
        <label>
          {t("analytics.compareBy")}{" "}
          <select data-testid="segment-dimension" value={dimension()} onChange={(e) => setDimension(e.currentTarget.value as SegmentDimension)}>
            <For each={SEGMENT_DIMENSIONS}>{(d) => <option value={d}>{t(`analytics.dimension.${d}`)}</option>}</For>
          </select>
        </label>
        <Show when={segments.error}>
          <ErrorNote error={segments.error} />
        </Show>
        <Show when={segments.latest} fallback={<Show when={!segments.error}>{loading()}</Show>}>
          {(sg) => (
            <Show when={sg().segments.length > 0} fallback={<p class="muted">{t("analytics.noSegments")}</p>}>
              <ScrollBox>
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("analytics.col.segment")}</th>
                      <th scope="col">NPS</th>
                      <th scope="col">{t("analytics.col.rest")}</th>
                      <th scope="col">{t("analytics.col.difference")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={sg().segments}>
                      {(x) => (
                        <tr data-testid="segment">
                          <th scope="row">{segmentLabel(sg().dimension, x.segment)}</th>
                          <td>
                            {round(x.nps.score)} <span class="muted">(n = {x.nps.responses})</span>
                            <FewAnswers nps={x.nps} />
                          </td>
                          <td>
                            {round(x.rest.score)} <span class="muted">(n = {x.rest.responses})</span>
                            <FewAnswers nps={x.rest} />
                          </td>
                          <td>
                            {x.difference
                              ? t(x.difference.significant ? "analytics.beyondNoise" : "analytics.withinNoise", {
                                  d: `${x.difference.difference > 0 ? "+" : ""}${x.difference.difference}`,
                                })
                              : "—"}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </ScrollBox>
            </Show>
          )}
        </Show>
        <p class="muted">{t("analytics.segmentsHelp")}</p>
      </section>

      <section class="card" aria-labelledby="themes-title">
        <h2 id="themes-title">{t("analytics.themesTitle")}</h2>
        <Show when={themes.error}>
          <ErrorNote error={themes.error} retry={refetchThemes} />
        </Show>
        <Show when={themes.latest} fallback={<Show when={!themes.error}>{loading()}</Show>}>
          {(th) => (
            <>
              <p class="muted">{t("analytics.themesHelp", { n: th().comments.toLocaleString(intlLocale()) })}</p>
              <Show when={th().themes.length > 0} fallback={<p class="muted">{t("analytics.noThemes")}</p>}>
                <ul class="plain-list" data-testid="themes">
                  <For each={th().themes}>
                    {(x) => (
                      <li data-testid="theme">
                        <details>
                          <summary>
                            <strong>{x.phrase}</strong> —{" "}
                            {t("analytics.themeLine", { lift: `${x.lift > 0 ? "+" : ""}${x.lift}`, detractors: x.detractors, promoters: x.promoters })}
                            {x.target ? ` · ${keyLabel(x.target)}` : ""}
                          </summary>
                          <ul>
                            <For each={x.comments}>
                              {(c) => (
                                <li>
                                  “{c.comment}” <span class="muted">({c.score ?? "—"})</span>
                                </li>
                              )}
                            </For>
                          </ul>
                        </details>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
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
  const text = (l: LexiconEntries | undefined) =>
    Object.entries(l ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n");
  let area!: HTMLTextAreaElement;
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    const entries = Object.fromEntries(
      area.value
        .split("\n")
        .map((l) => l.split(":").map((x) => x.trim()))
        .filter(([k, v]) => k && v),
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
      <summary>{t("analytics.lexiconEdit")}</summary>
      <form onSubmit={save}>
        <label for="lexicon">
          {t("analytics.lexiconHelp")} <code>{VALUE_ANSWER_KEYS.join(", ")}</code>
        </label>
        <textarea id="lexicon" ref={area} rows={10} value={text(lexicon.latest)} />
        <Show when={error()}>
          {(m) => (
            <p class="note note-error" role="alert">
              {m()}
            </p>
          )}
        </Show>
        <Show when={saved()}>
          <p role="status">{t("analytics.lexiconSaved")}</p>
        </Show>
        <button type="submit" class="btn btn-primary">
          {t("analytics.lexiconSave")}
        </button>
      </form>
    </details>
  );
}
