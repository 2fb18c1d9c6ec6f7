// Horizontal 0–100 bars, one per named index (value types, cost kinds); null shows as "no data". With `figures`, each
// bar says its 95 % range and n below it, or "too few answers" below the minimum n.
import { For, Show } from "solid-js";
import { round } from "../format";
import { t } from "../i18n";

export function IndexBars<K extends string>(props: {
  values: Record<K, number | null>;
  labels: Record<K, { name: string; hint: string }>;
  tone: "benefit" | "cost";
  testid: string;
  figures?: Record<K, { responses: number; interval: { low: number; high: number } | null; lowSample?: boolean }>;
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
              <Show when={props.figures?.[k]?.responses}>
                <span class="muted small" style={{ "grid-column": "2 / 4" }} data-testid={`${props.testid}-${k}-range`}>
                  {props.figures![k].lowSample || !props.figures![k].interval
                    ? t("itemBank.tooFew", { n: props.figures![k].responses })
                    : t("itemBank.indexRange", { name: props.labels[k].name, low: round(props.figures![k].interval!.low), high: round(props.figures![k].interval!.high), n: props.figures![k].responses })}
                </span>
              </Show>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
