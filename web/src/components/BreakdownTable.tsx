// Scores per segment of one dimension, with NPS bars to compare at a glance.
import { Show } from "solid-js";
import type { Breakdown } from "../api";
import { percent, round } from "../format";
import { t, type TextKey } from "../i18n";
import { Table } from "./ResourceTable";

export function BreakdownTable(props: { breakdown: Breakdown }) {
  return (
    <Show when={props.breakdown.segments.length > 0} fallback={<p class="muted">{t("live.segmentsEmpty")}</p>}>
      <Table
        rows={props.breakdown.segments}
        class="data-table"
        testid="breakdown"
        columns={[t(`live.dimensions.${props.breakdown.by}` as TextKey), t("live.columnResponses"), t("live.columnNps"), { label: t("live.columnRange"), class: "bar-col" }, t("live.columnCsat"), t("live.columnRatio"), t("itemBank.netValue")]}
        row={(s) => (
          <tr>
            <th scope="row">{s.label}</th>
            <td>
              {s.responses}
              <Show when={s.lowSample}>
                <span class="muted small" data-testid="segment-too-few"> · {t("compare.fewSide")}</span>
              </Show>
            </td>
            <td>
              {round(s.scores.nps.score)}
              {/* Below the minimum n the 95 % range says more than a ± that can read ±0 or ±196. */}
              <Show
                when={s.lowSample && s.scores.nps.interval}
                fallback={
                  <Show when={s.scores.nps.marginOfError != null}>
                    <span class="muted"> ±{round(s.scores.nps.marginOfError)}</span>
                  </Show>
                }
              >
                {(i) => <span class="muted"> ({t("live.range95", { low: round(i().low), high: round(i().high) })})</span>}
              </Show>
            </td>
            <td class="bar-col">
              <span class="nps-bar" aria-hidden="true">
                <span classList={{ "nps-bar-fill": true, neg: (s.scores.nps.score ?? 0) < 0 }} style={{ width: `${Math.abs(s.scores.nps.score ?? 0) / 2}%`, [(s.scores.nps.score ?? 0) < 0 ? "right" : "left"]: "50%" }} />
              </span>
            </td>
            <td>{percent(s.scores.csat.score)}</td>
            <td>{s.scores.ratio == null ? "—" : s.scores.ratio.toFixed(2)}</td>
            <td>{s.scores.netValue.value == null ? "—" : `${s.scores.netValue.value > 0 ? "+" : ""}${round(s.scores.netValue.value)}`}</td>
          </tr>
        )}
      />
    </Show>
  );
}
