// Live dashboard: NPS, CSAT, value ratio, benefit and cost indexes, comment feed — kept current over SSE.
import { createResource, createSignal, For, Match, onCleanup, Switch, untrack } from "solid-js";
import { api, type LiveEvent, type ResponseItem, type Scores, type TimeRange } from "../api";
import { AutomatedClicks } from "../components/AutomatedClicks";
import { ErrorNote } from "../components/ErrorNote";
import { Feed } from "../components/Feed";
import { IndexBars } from "../components/IndexBars";
import { LiveStatus } from "../components/LiveStatus";
import { NpsMix } from "../components/NpsMix";
import { percent, round } from "../format";
import { createLiveStream } from "../live";

const DAY = 86_400_000;
const RANGES = {
  all: { label: "All time", ms: null },
  "24h": { label: "Last 24 hours", ms: DAY },
  "7d": { label: "Last 7 days", ms: 7 * DAY },
  "30d": { label: "Last 30 days", ms: 30 * DAY },
  "90d": { label: "Last 90 days", ms: 90 * DAY },
} as const;
type RangeKey = keyof typeof RANGES;
const timeRange = (key: RangeKey): TimeRange | undefined => {
  const ms = RANGES[key].ms;
  if (ms == null) return undefined;
  const to = Date.now();
  return { from: to - ms, to };
};

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

const FEED_SIZE = 20;
const FEED_MAX = 50;

/** Put `item` on top, replacing an older copy with the same id (a customer may change an answer). */
function upsert(list: ResponseItem[], item: ResponseItem): ResponseItem[] {
  const old = list.find((x) => x.id === item.id);
  if (old && old.updatedAt > item.updatedAt) return list;
  return [item, ...list.filter((x) => x.id !== item.id)].slice(0, FEED_MAX);
}

export function Live() {
  document.title = "Live · ValuePulse";
  const [range, setRange] = createSignal<RangeKey>("all");

  // Bumped by every live event: a fetch of all-time scores that started before it is older than it.
  let liveSeq = 0;
  const [scores, { mutate: setScores, refetch: refetchScores }] = createResource(range, async (key): Promise<Scores> => {
    const seq = liveSeq;
    const fetched = await api.scores(timeRange(key));
    const live: Scores | undefined = untrack(() => (scores.error ? undefined : scores.latest));
    return key === "all" && seq !== liveSeq && live ? live : fetched;
  });

  // Live responses that arrive while the feed is loading are re-applied on top of what it loads.
  let arrivedDuringFetch: ResponseItem[] = [];
  const [feed, { mutate: setFeed, refetch: refetchFeed }] = createResource(async () => {
    arrivedDuringFetch = [];
    const list = await api.responses(FEED_SIZE);
    return arrivedDuringFetch.reduce(upsert, list);
  });

  // A filtered period cannot use the stream's all-time scores: refetch it, at most once a second.
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  const refetchSoon = () => {
    refetchTimer ??= setTimeout(() => {
      refetchTimer = undefined;
      refetchScores();
    }, 1000);
  };
  onCleanup(() => clearTimeout(refetchTimer));

  const onEvent = (e: LiveEvent) => {
    liveSeq++;
    if (range() === "all") setScores(e.scores);
    else refetchSoon();
    if (e.response) {
      arrivedDuringFetch.push(e.response);
      if (!feed.error && feed.latest) setFeed(upsert(feed.latest, e.response));
    }
  };
  const state = createLiveStream(onEvent, () => refetchFeed());

  return (
    <>
      <header class="page-head">
        <h1>Live</h1>
        <div class="page-tools">
          <label class="inline-field">
            <span>Period</span>
            <select value={range()} onChange={(e) => setRange(e.currentTarget.value as RangeKey)} data-testid="range">
              <For each={Object.entries(RANGES)}>{([key, r]) => <option value={key}>{r.label}</option>}</For>
            </select>
          </label>
          <LiveStatus state={state()} />
        </div>
      </header>

      <Switch>
        <Match when={scores.error}>
          <ErrorNote error={scores.error} retry={refetchScores} />
        </Match>
        <Match when={scores.latest}>{(s) => <ScoreCards scores={s()} stale={scores.loading} />}</Match>
        <Match when={true}>
          <p class="muted">Loading scores…</p>
        </Match>
      </Switch>

      <AutomatedClicks range={timeRange(range())} />

      <section class="card feed-card" aria-labelledby="feed-title">
        <h2 id="feed-title">Latest comments</h2>
        <Switch>
          <Match when={feed.error}>
            <ErrorNote error={feed.error} retry={refetchFeed} />
          </Match>
          <Match when={feed.latest}>{(items) => <Feed items={items()} />}</Match>
          <Match when={true}>
            <p class="muted">Loading…</p>
          </Match>
        </Switch>
      </section>
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
