// Horizontal 0–100 bars, one per named index (value types, cost kinds); null shows as "no data".
import { For } from "solid-js";
import { round } from "../format";
import { t } from "../i18n";

export function IndexBars<K extends string>(props: {
  values: Record<K, number | null>;
  labels: Record<K, { name: string; hint: string }>;
  tone: "benefit" | "cost";
  testid: string;
}) {
  const keys = () => Object.keys(props.labels) as K[];
  return (
    <ul class={`bars bars-${props.tone}`}>
      <For each={keys()}>
        {(k) => {
          const v = () => props.values[k];
          return (
            <li class="bar-row" title={props.labels[k].hint}>
              <span class="bar-label" id={`${props.testid}-${k}-label`}>{props.labels[k].name}</span>
              <span
                class="bar-track"
                role="meter"
                aria-labelledby={`${props.testid}-${k}-label`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={v() ?? 0}
                aria-valuetext={v() == null ? t("live.noData") : t("live.ofHundred", { n: round(v()) })}
              >
                <span class="bar-fill" style={{ width: `${Math.max(0, Math.min(100, v() ?? 0))}%` }} />
              </span>
              <span class="bar-value" data-testid={`${props.testid}-${k}`}>{round(v())}</span>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
