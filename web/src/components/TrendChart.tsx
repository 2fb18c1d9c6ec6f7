// Trend over time with uPlot: NPS, CSAT and each value type as lines, the response count as bars.
import { createEffect, onCleanup, onMount } from "solid-js";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Trend } from "../api";
import { t, type TextKey } from "../i18n";
import { timeAxisRange } from "../time-axis";
import { timeZone } from "../time-zone";
import { DAY_S } from "../../../server/domain/time";

const SERIES: { label: () => string; color: string; pick: (s: Trend["points"][number]["scores"]) => number | null }[] = [
  { label: () => "NPS", color: "#4f46e5", pick: (s) => s.nps.score },
  { label: () => t("live.seriesCsat"), color: "#0891b2", pick: (s) => s.csat.score },
  { label: () => t("live.values.functional"), color: "#16a34a", pick: (s) => s.value.functional },
  { label: () => t("live.values.social"), color: "#d97706", pick: (s) => s.value.social },
  { label: () => t("live.values.emotional"), color: "#db2777", pick: (s) => s.value.emotional },
  { label: () => t("live.values.monetary"), color: "#7c3aed", pick: (s) => s.value.monetary },
];

function toData(trend: Trend): uPlot.AlignedData {
  const pts = trend.points;
  return [pts.map((p) => p.start / 1000), pts.map((p) => p.responses), ...SERIES.map((s) => pts.map((p) => s.pick(p.scores)))];
}

const BUCKET_SECONDS = { day: DAY_S, week: 7 * DAY_S, month: 31 * DAY_S };

export function TrendChart(props: { trend: Trend }) {
  let box!: HTMLDivElement;
  let chart: uPlot | undefined;
  onMount(() => {
    const opts: uPlot.Options = {
      width: box.clientWidth || 800,
      height: 280,
      // Buckets start at midnight in the business's time zone: label them there, whatever the browser's zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone()),
      scales: { x: { time: true, range: (u, min, max) => timeAxisRange(u.data[0], min, max, BUCKET_SECONDS[props.trend.bucket]) }, score: { range: [-100, 100] }, count: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] } },
      axes: [
        {},
        { scale: "score", label: t("live.axisScore") },
        { scale: "count", side: 1, label: t("live.axisResponses"), grid: { show: false } },
      ],
      series: [
        { label: t("live.seriesBucket") },
        { label: t("live.seriesResponses"), scale: "count", fill: "rgba(120,130,150,0.25)", stroke: "rgba(120,130,150,0.6)", paths: uPlot.paths.bars!({ size: [0.6, 40] }), points: { show: false } },
        ...SERIES.map((s) => ({ label: s.label(), scale: "score", stroke: s.color, width: 2, spanGaps: true })),
      ],
    };
    chart = new uPlot(opts, toData(props.trend), box);
    const resize = new ResizeObserver(() => chart?.setSize({ width: box.clientWidth, height: 280 }));
    resize.observe(box);
    onCleanup(() => {
      resize.disconnect();
      chart?.destroy();
    });
  });
  createEffect(() => {
    const data = toData(props.trend);
    chart?.setData(data);
  });
  const summary = () => {
    const last = props.trend.points.at(-1);
    const bucket = t(`live.buckets.${props.trend.bucket}` as TextKey);
    const latest = last ? t("live.trendLatest", { nps: last.scores.nps.score ?? t("live.trendNone"), count: last.responses }) : "";
    return t("live.trendSummary", { bucket, n: props.trend.points.length }) + latest;
  };
  return <div ref={box} class="trend-chart" role="img" aria-label={summary()} data-testid="trend-chart" data-points={props.trend.points.length} />;
}
