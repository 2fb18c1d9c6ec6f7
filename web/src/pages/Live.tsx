// Live dashboard: scores, trend, breakdown, comparison, alerts and the response feed for the filters in the URL, kept current over SSE.
import { createResource, createSignal, Match, onCleanup, Show, Switch } from "solid-js";
import { api, type Alert, type Dimension, type LiveEvent, type ResponseItem, type Scores } from "../api";
import { AlertsPanel } from "../components/AlertsPanel";
import { AutomatedClicks } from "../components/AutomatedClicks";
import { TopTierNps } from "../components/TopTierNps";
import { BreakdownTable } from "../components/BreakdownTable";
import { ComparePanel } from "../components/ComparePanel";
import { ErrorNote } from "../components/ErrorNote";
import { Feed } from "../components/Feed";
import { FilterBar } from "../components/FilterBar";
import { IndexBars } from "../components/IndexBars";
import { LiveStatus } from "../components/LiveStatus";
import { NpsMix } from "../components/NpsMix";
import { ResourceView } from "../components/ResourceView";
import { ResponsePanel } from "../components/ResponsePanel";
import { TrendChart } from "../components/TrendChart";
import { useDashboardParams } from "../dashboard-filters";
import { percent, round } from "../format";
import { createLiveStream } from "../live";

const VALUE_LABELS = {
  functional: { name: "Functional", hint: "Quality; works as promised; easy to buy and use" },
  social: { name: "Social", hint: "Feel accepted, make a good impression, share it proudly" },
  emotional: { name: "Emotional", hint: "Enjoyment, peace of mind, pride" },
  monetary: { name: "Monetary", hint: "Reasonably priced, good value for the money, fair promotions" },
} satisfies Record<keyof Scores["value"], { name: string; hint: string }>;

const COST_LABELS = {
  money: { name: "Money", hint: "The price paid" },
  time: { name: "Time", hint: "Time spent searching and waiting" },
  effort: { name: "Effort", hint: "Effort learning and using it" },
  risk: { name: "Risk", hint: "Worry about making a bad choice" },
} satisfies Record<keyof Scores["costs"], { name: string; hint: string }>;

const FEED_SIZE = 30;
type Bucket = "day" | "week" | "month";

/** Put `item` on top, replacing an older copy with the same id (a customer may change an answer). */
function upsert(list: ResponseItem[], item: ResponseItem): ResponseItem[] {
  const old = list.find((x) => x.id === item.id);
  if (old && old.updatedAt > item.updatedAt) return list;
  return [item, ...list.filter((x) => x.id !== item.id)].slice(0, FEED_SIZE);
}
const replace = (list: ResponseItem[], item: ResponseItem) => list.map((x) => (x.id === item.id ? item : x));

export function Live() {
  document.title = "Live · ValuePulse";
  const { filters, get, set } = useDashboardParams();
  const bucket = () => (get("bucket") ?? "day") as Bucket;
  const by = () => (get("by") ?? "channel") as Dimension;
  const selected = () => get("response");
  const feedQuery = () => ({ ...filters(), q: get("q"), group: get("group"), status: get("status"), limit: FEED_SIZE });
  const noFilters = () => Object.keys(filters()).length === 0;
  const feedUnfiltered = () => noFilters() && !get("q") && !get("group") && !get("status");

  const [scores, { mutate: setScores, refetch: refetchScores }] = createResource(filters, (f) => api.scores(f));
  const [trend, { refetch: refetchTrend }] = createResource(() => ({ f: filters(), b: bucket() }), (q) => api.trend(q.f, q.b));
  const [breakdown, { refetch: refetchBreakdown }] = createResource(() => ({ f: filters(), by: by() }), (q) => api.breakdown(q.f, q.by));
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
  const [alerts, { mutate: setAlerts, refetch: refetchAlerts }] = createResource(() => api.alerts(8));
  const [unseen, setUnseen] = createSignal(new Set<string>());
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
        await Promise.all([noFilters() ? null : refetchScores(), refetchTrend(), refetchBreakdown(), feedUnfiltered() ? null : refetchFeed()]);
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
        if (e.response && feedUnfiltered() && !feed.error && feed.latest) setFeed(upsert(feed.latest, e.response));
        void refresh();
      },
      alert(e: { alert: Alert }) {
        setAlerts((list) => [e.alert, ...(list ?? []).filter((a) => a.id !== e.alert.id)].slice(0, 8));
        setUnseen((s) => new Set(s).add(e.alert.id));
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
  const open = (id: string) => {
    setUnseen((s) => new Set([...s].filter((a) => alerts.latest?.find((x) => x.id === a)?.response.id !== id)));
    set({ response: id });
  };

  return (
    <>
      <header class="page-head">
        <h1>Live</h1>
        <div class="page-tools">
          <a class="btn btn-small" href={api.exportUrl({ ...filters(), q: get("q"), group: get("group"), status: get("status") })} download="" data-testid="export-csv">
            Export CSV
          </a>
          <LiveStatus state={state()} />
        </div>
      </header>

      <FilterBar filters={filters()} set={set} />

      <section class="card alerts-card" aria-labelledby="alerts-title">
        <h2 id="alerts-title">Alerts</h2>
        <Switch>
          <Match when={alerts.error}>
            <ErrorNote error={alerts.error} retry={refetchAlerts} />
          </Match>
          <Match when={alerts.latest}>{(list) => <AlertsPanel alerts={list()} unseen={unseen()} onOpen={open} />}</Match>
        </Switch>
      </section>

      <ResourceView resource={scores} refetch={refetchScores} loading="Loading scores…">
        {(s) => <ScoreCards scores={s()} stale={false} />}
      </ResourceView>

      <AutomatedClicks filters={filters()} />
      <TopTierNps filters={filters()} refresh={version()} />

      <section class="card trend-card" aria-labelledby="trend-title">
        <div class="panel-head">
          <h2 id="trend-title">Trend</h2>
          <label class="inline-field">
            <span>Per</span>
            <select value={bucket()} onChange={(e) => set({ bucket: e.currentTarget.value === "day" ? undefined : e.currentTarget.value })} data-testid="bucket">
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </label>
        </div>
        <Switch>
          <Match when={trend.error}>
            <ErrorNote error={trend.error} retry={refetchTrend} />
          </Match>
          <Match when={trend.latest}>
            {(t) => (
              <Show when={t().points.length > 0} fallback={<p class="muted">No responses for these filters yet.</p>}>
                <TrendChart trend={t()} />
              </Show>
            )}
          </Match>
        </Switch>
      </section>

      <div class="two-col">
        <section class="card" aria-labelledby="breakdown-title">
          <div class="panel-head">
            <h2 id="breakdown-title">Segments</h2>
            <label class="inline-field">
              <span>By</span>
              <select value={by()} onChange={(e) => set({ by: e.currentTarget.value === "channel" ? undefined : e.currentTarget.value })} data-testid="breakdown-by">
                <option value="channel">channel</option>
                <option value="category">category</option>
                <option value="locale">locale</option>
                <option value="template">template</option>
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

      <div classList={{ "feed-layout": true, "with-panel": !!selected() }}>
        <section class="card feed-card" aria-labelledby="feed-title">
          <h2 id="feed-title">Responses</h2>
          <form class="form-row compact" role="search" aria-label="Search responses" onSubmit={(e) => e.preventDefault()}>
            <input
              type="search"
              placeholder="Search comments"
              aria-label="Search comments"
              value={get("q") ?? ""}
              onInput={(e) => {
                const v = e.currentTarget.value;
                clearTimeout(searchTimer);
                searchTimer = setTimeout(() => set({ q: v }), 300);
              }}
              data-testid="feed-search"
            />
            <select value={get("group") ?? ""} onChange={(e) => set({ group: e.currentTarget.value })} aria-label="NPS group" data-testid="feed-group">
              <option value="">Everyone</option>
              <option value="detractor">Detractors (0–6)</option>
              <option value="passive">Passives (7–8)</option>
              <option value="promoter">Promoters (9–10)</option>
            </select>
            <select value={get("status") ?? ""} onChange={(e) => set({ status: e.currentTarget.value })} aria-label="Status" data-testid="feed-status-filter">
              <option value="">Any status</option>
              <option value="open">Open</option>
              <option value="in_progress">In progress</option>
              <option value="closed">Closed</option>
            </select>
          </form>
          <ResourceView resource={feed} refetch={refetchFeed}>
            {(items) => (
              <>
                <Feed items={feedItems(items())} onOpen={open} selected={selected()} />
                <Show when={next()}>
                  <button type="button" class="btn btn-small load-more" disabled={loadingMore()} onClick={loadMore} data-testid="load-more">
                    {loadingMore() ? "Loading…" : "Load older responses"}
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
              onClose={() => set({ response: undefined })}
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
  const sign = () => (nps().score == null ? "none" : nps().score! > 0 ? "pos" : nps().score! < 0 ? "neg" : "zero");
  return (
    <div class="grid" classList={{ stale: props.stale }} aria-busy={props.stale}>
      <section class="card card-nps" aria-labelledby="nps-title">
        <h2 id="nps-title">Net Promoter Score</h2>
        <p class="big-line">
          <span class={`big nps-${sign()}`} data-testid="nps-score">
            {round(nps().score)}
          </span>
          {nps().marginOfError != null && (
            <span class="moe" title="95% margin of error" data-testid="nps-margin">
              ± {round(nps().marginOfError)}
            </span>
          )}
        </p>
        <p class="muted">
          <span data-testid="nps-responses">{nps().responses}</span> {nps().responses === 1 ? "response" : "responses"}
        </p>
        <NpsMix nps={nps()} />
      </section>

      <section class="card" aria-labelledby="csat-title">
        <h2 id="csat-title">CSAT</h2>
        <p class="big-line">
          <span class="big" data-testid="csat-score">{percent(props.scores.csat.score)}</span>
        </p>
        <p class="muted">
          satisfied (4–5 of 5) · <span data-testid="csat-responses">{props.scores.csat.responses}</span> answers
        </p>
      </section>

      <section class="card" aria-labelledby="ratio-title">
        <h2 id="ratio-title">Value ratio</h2>
        <p class="big-line">
          <span class="big" classList={{ "nps-pos": (props.scores.ratio ?? 0) > 1, "nps-neg": props.scores.ratio != null && props.scores.ratio < 1 }} data-testid="value-ratio">
            {props.scores.ratio == null ? "—" : props.scores.ratio.toFixed(2)}
          </span>
        </p>
        <p class="muted">perceived benefit ÷ perceived cost; above 1, benefits outweigh costs</p>
      </section>

      <section class="card card-half" aria-labelledby="benefit-title">
        <h2 id="benefit-title">Benefit by value type</h2>
        <IndexBars values={props.scores.value} labels={VALUE_LABELS} tone="benefit" testid="value" />
      </section>

      <section class="card card-half" aria-labelledby="cost-title">
        <h2 id="cost-title">Cost by kind</h2>
        <IndexBars values={props.scores.costs} labels={COST_LABELS} tone="cost" testid="cost" />
      </section>
    </div>
  );
}
