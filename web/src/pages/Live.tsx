// Live dashboard: scores, trend, breakdown, comparison, alerts and the response feed for the filters in the URL, kept current over SSE.
import { createEffect, createMemo, createResource, createSignal, For, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import { api, type Alert, type Dimension, type LiveEvent, type ResponseItem, type Scores } from "../api";
import { AlertsPanel } from "../components/AlertsPanel";
import { AutomatedClicks } from "../components/AutomatedClicks";
import { TopTierNps } from "../components/TopTierNps";
import { BreakdownTable } from "../components/BreakdownTable";
import { ComparePanel } from "../components/ComparePanel";
import { ErrorNote } from "../components/ErrorNote";
import { Feed, statusLabel } from "../components/Feed";
import { FilterBar } from "../components/FilterBar";
import { GettingStarted } from "../components/GettingStarted";
import { IndexBars } from "../components/IndexBars";
import { LiveStatus } from "../components/LiveStatus";
import { NpsMix } from "../components/NpsMix";
import { ResourceView } from "../components/ResourceView";
import { ResponsePanel } from "../components/ResponsePanel";
import { TrendChart } from "../components/TrendChart";
import { useDashboardParams } from "../dashboard-filters";
import { percent, round } from "../format";
import { locale, t, type TextKey } from "../i18n";
import { CASE_STATUSES } from "../../../server/domain/vocabulary";
import { BREAKDOWN_CHOICES } from "../dimensions";
import { createLiveStream } from "../live";
import "../live.css";

const labels = <K extends string>(section: "values" | "costs", keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, { name: t(`live.${section}.${k}` as TextKey), hint: t(`live.${section}.${k}Hint` as TextKey) }])) as Record<K, { name: string; hint: string }>;
const VALUE_KEYS = ["functional", "social", "emotional", "monetary"] as const satisfies readonly (keyof Scores["value"])[];
const COST_KEYS = ["money", "time", "effort", "risk"] as const satisfies readonly (keyof Scores["costs"])[];
const ALERTS_SHOWN = 8;

/** Net value (benefit index − cost index) beside the ratio: the gap in index points, with its 95 % range or "too few answers". */
function NetValueLine(props: { net: Scores["netValue"] | undefined }) {
  const signed = (x: number | null | undefined) => (x == null ? "—" : `${x > 0 ? "+" : ""}${round(x)}`);
  return (
    <Show when={props.net && props.net.value !== null}>
      <p data-testid="net-value">
        <strong>{t("itemBank.netValue")}</strong>{" "}
        <span classList={{ "nps-pos": (props.net!.value ?? 0) > 0, "nps-neg": (props.net!.value ?? 0) < 0 }} data-testid="net-value-figure">
          {signed(props.net!.value)}
        </span>{" "}
        <span class="muted small" data-testid="net-value-range">
          {props.net!.lowSample || !props.net!.interval
            ? t("itemBank.tooFew", { n: props.net!.responses })
            : t("itemBank.range", { low: signed(props.net!.interval.low), high: signed(props.net!.interval.high) })}
        </span>
      </p>
      <p class="muted small">{t("itemBank.netValueHint")}</p>
    </Show>
  );
}
const SAME = { equals: (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) };

const FEED_SIZE = 30;
type Bucket = "day" | "week" | "month";

/**
 * Put `item` on top, replacing an older copy with the same id (a customer may change an answer). A copy of the same
 * answer stays: it may already show a later change of its case, which does not move updatedAt.
 */
function upsert(list: ResponseItem[], item: ResponseItem): ResponseItem[] {
  const old = list.find((x) => x.id === item.id);
  if (old && old.updatedAt >= item.updatedAt) return list;
  return [item, ...list.filter((x) => x.id !== item.id)].slice(0, FEED_SIZE);
}
const replace = (list: ResponseItem[], item: ResponseItem) => list.map((x) => (x.id === item.id ? item : x));

export function Live() {
  const { filters, get, set } = useDashboardParams();
  const bucket = () => (get("bucket") ?? "day") as Bucket;
  const by = () => (get("by") ?? "channel") as Dimension;
  const selected = () => get("response");
  // Each read's query changes only when its parameters do: opening a response (?response=) re-reads nothing, so a
  // read started then cannot land after a change to the response and show it as it was.
  const feedQuery = createMemo(() => ({ ...filters(), q: get("q"), group: get("group"), status: get("status"), limit: FEED_SIZE }), undefined, SAME);
  const noFilters = () => Object.keys(filters()).length === 0;
  const feedUnfiltered = () => noFilters() && !get("q") && !get("group") && !get("status");

  const [scores, { mutate: setScores, refetch: refetchScores }] = createResource(filters, (f) => api.scores(f));
  const [trend, { refetch: refetchTrend }] = createResource(createMemo(() => ({ f: filters(), b: bucket() }), undefined, SAME), (q) => api.trend(q.f, q.b));
  const [breakdown, { refetch: refetchBreakdown }] = createResource(createMemo(() => ({ f: filters(), by: by() }), undefined, SAME), (q) => api.breakdown(q.f, q.by));
  // Older pages ("Load more") are kept apart from the live head of the feed; a new query starts over.
  const [older, setOlder] = createSignal<ResponseItem[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [feed, { mutate: setFeed, refetch: refetchFeed }] = createResource(feedQuery, async (q) => {
    const page = await api.feed(q);
    setOlder([]);
    setNext(page.next);
    return page.responses;
  });
  const [loadingMore, setLoadingMore] = createSignal(false);
  const loadMore = async () => {
    const cursor = next();
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.feed({ ...feedQuery(), cursor });
      setOlder((list) => [...list, ...page.responses]);
      setNext(page.next);
    } finally {
      setLoadingMore(false);
    }
  };
  const feedItems = (head: ResponseItem[]) => {
    const seen = new Set(head.map((r) => r.id));
    return [...head, ...older().filter((r) => !seen.has(r.id))];
  };
  // Alerts follow the filters too: those of the responses they select.
  const [alerts, { mutate: setAlerts, refetch: refetchAlerts }] = createResource(filters, (f) => api.alerts(ALERTS_SHOWN, f));
  const [unseen, setUnseen] = createSignal(new Set<string>());
  // Until the first answer: the getting-started panel instead of empty numbers.
  const [firstAnswer] = createResource(() => api.feed({ limit: 1 }).then((p) => p.responses.length > 0));
  const [answeredLive, setAnsweredLive] = createSignal(false);
  const hasAnswers = () => answeredLive() || firstAnswer.latest === true;

  // New alerts count in the tab title until seen: the alerts card on screen in a visible tab.
  const [newAlerts, setNewAlerts] = createSignal(0);
  const [alertsInView, setAlertsInView] = createSignal(false);
  const [tabVisible, setTabVisible] = createSignal(document.visibilityState === "visible");
  const alertsSeen = () => alertsInView() && tabVisible();
  createEffect(() => alertsSeen() && setNewAlerts(0));
  createEffect(() => (document.title = newAlerts() > 0 ? t("live.pageTitleCount", { n: newAlerts() }) : t("live.pageTitle")));
  const onVisibility = () => setTabVisible(document.visibilityState === "visible");
  document.addEventListener("visibilitychange", onVisibility);
  onCleanup(() => document.removeEventListener("visibilitychange", onVisibility));
  let alertsCard!: HTMLElement;
  onMount(() => {
    const observer = new IntersectionObserver((entries) => setAlertsInView(entries.some((e) => e.isIntersecting)));
    observer.observe(alertsCard);
    onCleanup(() => observer.disconnect());
  });
  /** Bumped after live changes: the comparison and the open response re-read. */
  const [version, setVersion] = createSignal(0);

  // Live events trigger one refresh at a time; events during a refresh cause exactly one more.
  let refreshing = false;
  let again = false;
  const refresh = async () => {
    if (refreshing) return void (again = true);
    refreshing = true;
    try {
      do {
        again = false;
        await Promise.all([noFilters() ? null : refetchScores(), refetchTrend(), refetchBreakdown(), feedUnfiltered() ? null : refetchFeed(), noFilters() ? null : refetchAlerts()]);
        setVersion((v) => v + 1);
      } while (again);
    } catch {
      // Each resource shows its own error.
    } finally {
      refreshing = false;
    }
  };

  const state = createLiveStream(
    {
      scores(e: LiveEvent) {
        // The stream carries all-time scores: shown at once when nothing is filtered.
        if (noFilters()) setScores(e.scores);
        if (e.response) setAnsweredLive(true);
        if (e.response && feedUnfiltered() && !feed.error && feed.latest) setFeed(upsert(feed.latest, e.response));
        void refresh();
      },
      alert(e: { alert: Alert }) {
        // Filtered, the list is re-read with the other panels (the alert may not be one of the filters').
        if (noFilters()) setAlerts((list) => [e.alert, ...(list ?? []).filter((a) => a.id !== e.alert.id)].slice(0, ALERTS_SHOWN));
        setUnseen((s) => new Set(s).add(e.alert.id));
        if (!alertsSeen()) setNewAlerts((n) => n + 1);
      },
      response(e: { response: ResponseItem }) {
        if (!feed.error && feed.latest) setFeed(replace(feed.latest, e.response));
        setOlder((list) => replace(list, e.response));
        if (get("status")) void refresh();
        if (selected() === e.response.id) setVersion((v) => v + 1);
      },
    },
    () => {
      // Back after a drop: re-read everything that may have changed meanwhile.
      void refetchScores();
      void refetchAlerts();
      void refresh();
      void refetchFeed();
    },
  );

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(searchTimer));
  /** What had focus when a response was opened: focus goes back there when its dialog closes. */
  let opener: HTMLElement | null = null;
  const open = (id: string) => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setUnseen((s) => new Set([...s].filter((a) => alerts.latest?.find((x) => x.id === a)?.response.id !== id)));
    set({ response: id });
  };
  const close = (id: string) => {
    set({ response: undefined });
    const back = opener?.isConnected ? opener : document.querySelector<HTMLElement>(`[data-view="${CSS.escape(id)}"]`);
    opener = null;
    requestAnimationFrame(() => back?.focus());
  };

  return (
    <>
      <header class="page-head">
        <h1>{t("live.title")}</h1>
        <div class="page-tools">
          <a class="btn btn-small" href={api.exportUrl({ ...filters(), q: get("q"), group: get("group"), status: get("status") })} download="" data-testid="export-csv">
            {t("live.exportCsv")}
          </a>
          <LiveStatus state={state()} />
        </div>
      </header>

      <Show when={firstAnswer.latest === false && !answeredLive()}>
        <GettingStarted />
      </Show>

      <FilterBar filters={filters()} set={set} />

      <section class="card alerts-card" aria-labelledby="alerts-title" ref={alertsCard} data-testid="alerts-card">
        <h2 id="alerts-title">{t("alerts.title")}</h2>
        <Switch>
          <Match when={alerts.error}>
            <ErrorNote error={alerts.error} retry={refetchAlerts} />
          </Match>
          <Match when={alerts.latest}>{(list) => <AlertsPanel alerts={list()} unseen={unseen()} filtered={!noFilters()} onOpen={open} />}</Match>
        </Switch>
      </section>

      <ResourceView resource={scores} refetch={refetchScores} loading={t("live.loadingScores")}>
        {(s) => <ScoreCards scores={s()} stale={false} />}
      </ResourceView>

      <AutomatedClicks filters={filters()} hideWhenNone={!hasAnswers()} />
      <Show when={hasAnswers()}>
        <TopTierNps filters={filters()} refresh={version()} />
      </Show>

      <section class="card trend-card" aria-labelledby="trend-title">
        <div class="panel-head">
          <h2 id="trend-title">{t("live.trend")}</h2>
          <label class="inline-field">
            <span>{t("live.per")}</span>
            <select value={bucket()} onChange={(e) => set({ bucket: e.currentTarget.value === "day" ? undefined : e.currentTarget.value })} data-testid="bucket">
              <option value="day">{t("live.buckets.day")}</option>
              <option value="week">{t("live.buckets.week")}</option>
              <option value="month">{t("live.buckets.month")}</option>
            </select>
          </label>
        </div>
        <Switch>
          <Match when={trend.error}>
            <ErrorNote error={trend.error} retry={refetchTrend} />
          </Match>
          <Match when={trend.latest}>
            {(tr) => (
              <Show when={tr().points.length > 0} fallback={<p class="muted">{t("live.trendEmpty")}</p>}>
                {/* uPlot draws its labels once: a new chart when the language changes. */}
                <Show when={locale()} keyed>
                  {(_lang) => <TrendChart trend={tr()} />}
                </Show>
              </Show>
            )}
          </Match>
        </Switch>
      </section>

      <div class="two-col">
        <section class="card" aria-labelledby="breakdown-title">
          <div class="panel-head">
            <h2 id="breakdown-title">{t("live.segments")}</h2>
            <label class="inline-field">
              <span>{t("live.by")}</span>
              <select value={by()} onChange={(e) => set({ by: e.currentTarget.value === "channel" ? undefined : e.currentTarget.value })} data-testid="breakdown-by">
                <For each={BREAKDOWN_CHOICES}>{(d) => <option value={d}>{t(`live.dimensions.${d}`)}</option>}</For>
              </select>
            </label>
          </div>
          <Switch>
            <Match when={breakdown.error}>
              <ErrorNote error={breakdown.error} retry={refetchBreakdown} />
            </Match>
            <Match when={breakdown.latest}>{(b) => <BreakdownTable breakdown={b()} />}</Match>
          </Switch>
        </section>
        <ComparePanel filters={filters()} version={version()} />
      </div>

      <div class="feed-layout">
        <section class="card feed-card" aria-labelledby="feed-title">
          <h2 id="feed-title">{t("feed.title")}</h2>
          <form class="form-row compact" role="search" aria-label={t("feed.searchForm")} onSubmit={(e) => e.preventDefault()}>
            <input
              type="search"
              placeholder={t("feed.search")}
              aria-label={t("feed.search")}
              aria-describedby="feed-search-hint"
              value={get("q") ?? ""}
              onInput={(e) => {
                const v = e.currentTarget.value;
                clearTimeout(searchTimer);
                searchTimer = setTimeout(() => set({ q: v }), 300);
              }}
              data-testid="feed-search"
            />
            <select value={get("group") ?? ""} onChange={(e) => set({ group: e.currentTarget.value })} aria-label={t("feed.group")} data-testid="feed-group">
              <option value="">{t("feed.everyone")}</option>
              <option value="detractor">{t("feed.detractors")}</option>
              <option value="passive">{t("feed.passives")}</option>
              <option value="promoter">{t("feed.promoters")}</option>
            </select>
            <select value={get("status") ?? ""} onChange={(e) => set({ status: e.currentTarget.value })} aria-label={t("feed.caseFilter")} data-testid="feed-status-filter">
              <option value="">{t("feed.anyCase")}</option>
              <For each={CASE_STATUSES}>
                {(st) => (
                  <option value={st} selected={get("status") === st}>
                    {statusLabel(st)}
                  </option>
                )}
              </For>
            </select>
          </form>
          <p class="muted small" id="feed-search-hint">
            {t("feed.searchHint")}
          </p>
          <ResourceView resource={feed} refetch={refetchFeed}>
            {(items) => (
              <>
                <Feed items={feedItems(items())} onOpen={open} selected={selected()} />
                <Show when={next()}>
                  <button type="button" class="btn btn-small load-more" disabled={loadingMore()} onClick={loadMore} data-testid="load-more">
                    {loadingMore() ? t("feed.loadingMore") : t("feed.loadMore")}
                  </button>
                </Show>
              </>
            )}
          </ResourceView>
        </section>
        <Show when={selected()}>
          {(id) => (
            <ResponsePanel
              id={id()}
              version={version()}
              onClose={() => close(id())}
              onChanged={(r) => !feed.error && feed.latest && setFeed(replace(feed.latest, r))}
            />
          )}
        </Show>
      </div>
    </>
  );
}

function ScoreCards(props: { scores: Scores; stale: boolean }) {
  const nps = () => props.scores.nps;
  const csat = () => props.scores.csat;
  // Below the minimum n (the API's lowSample) a figure is no finding: "too few answers" takes the headline.
  const few = () => nps().lowSample === true && nps().responses > 0;
  const sign = () => (nps().score == null ? "none" : nps().score! > 0 ? "pos" : nps().score! < 0 ? "neg" : "zero");
  return (
    <div class="grid" classList={{ stale: props.stale }} aria-busy={props.stale}>
      <section class="card card-nps" aria-labelledby="nps-title">
        <h2 id="nps-title">{t("live.nps")}</h2>
        <Show
          when={few()}
          fallback={
            <p class="big-line">
              <span class={`big nps-${sign()}`} data-testid="nps-score">
                {round(nps().score)}
              </span>
              {nps().marginOfError != null && (
                <span class="moe" title={t("live.margin")} data-testid="nps-margin">
                  ± {round(nps().marginOfError)}
                </span>
              )}
            </p>
          }
        >
          <p class="too-few" data-testid="nps-too-few">{t("live.tooFew", { n: nps().responses })}</p>
          <p class="muted small">
            {t("live.soFar")} <span data-testid="nps-score">{round(nps().score)}</span> · {t("live.range95", { low: round(nps().interval?.low), high: round(nps().interval?.high) })}
          </p>
        </Show>
        <p class="muted">
          <span data-testid="nps-responses">{nps().responses}</span> {nps().responses === 1 ? t("live.response") : t("live.responses")}
        </p>
        <NpsMix nps={nps()} />
      </section>

      <section class="card" aria-labelledby="csat-title">
        <h2 id="csat-title">{t("live.csat")}</h2>
        <Show
          when={csat().lowSample && csat().responses > 0}
          fallback={
            <p class="big-line">
              <span class="big" data-testid="csat-score">{percent(csat().score)}</span>
            </p>
          }
        >
          <p class="too-few" data-testid="csat-too-few">{t("live.tooFew", { n: csat().responses })}</p>
          <p class="muted small">
            {t("live.soFar")} <span data-testid="csat-score">{percent(csat().score)}</span> · {t("live.range95", { low: percent(csat().interval?.low), high: percent(csat().interval?.high) })}
          </p>
        </Show>
        <p class="muted">
          {t("live.satisfied")} <span data-testid="csat-responses">{csat().responses}</span> {csat().responses === 1 ? t("live.answer") : t("live.answers")}
        </p>
      </section>

      <section class="card" aria-labelledby="ratio-title">
        <h2 id="ratio-title">{t("live.ratio")}</h2>
        <Show
          when={few()}
          fallback={
            <p class="big-line">
              <span class="big" classList={{ "nps-pos": (props.scores.ratio ?? 0) > 1, "nps-neg": props.scores.ratio != null && props.scores.ratio < 1 }} data-testid="value-ratio">
                {props.scores.ratio == null ? "—" : props.scores.ratio.toFixed(2)}
              </span>
            </p>
          }
        >
          <p class="too-few">{t("live.tooFew", { n: nps().responses })}</p>
          <p class="muted small">
            {t("live.soFar")} <span data-testid="value-ratio">{props.scores.ratio == null ? "—" : props.scores.ratio.toFixed(2)}</span>
          </p>
        </Show>
        <Show when={props.scores.valueRatio?.interval}>
          {(iv) => (
            <p class="muted small" data-testid="value-ratio-range">
              {t("itemBank.rangeRatio", { low: iv().low.toFixed(2), high: iv().high.toFixed(2) })}
            </p>
          )}
        </Show>
        <p class="muted">{t("live.ratioHint")}</p>
        <NetValueLine net={props.scores.netValue} />
        <p class="muted small" data-testid="ratio-read">{t("itemBank.ratioRead")}</p>
      </section>
      <Show when={few()}>
        <p class="note card-full" role="note" data-testid="figures-too-few">{t("live.tooFewFigures", { n: nps().responses })}</p>
      </Show>

      <section class="card card-half" aria-labelledby="benefit-title">
        <h2 id="benefit-title">{t("live.benefitTitle")}</h2>
        <IndexBars values={props.scores.value} labels={labels("values", VALUE_KEYS)} tone="benefit" testid="value" figures={props.scores.valueIndexes} />
      </section>

      <section class="card card-half" aria-labelledby="cost-title">
        <h2 id="cost-title">{t("live.costTitle")}</h2>
        <IndexBars values={props.scores.costs} labels={labels("costs", COST_KEYS)} tone="cost" testid="cost" figures={props.scores.costIndexes} />
      </section>
    </div>
  );
}
