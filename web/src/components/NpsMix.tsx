// Promoters / passives / detractors as one stacked bar with a legend.
import { For } from "solid-js";
import type { Scores } from "../api";
import { t } from "../i18n";

export function NpsMix(props: { nps: Scores["nps"] }) {
  const parts = () => {
    const { promoters, passives, detractors } = props.nps;
    const total = promoters + passives + detractors;
    const pct = (n: number) => (total ? (n / total) * 100 : 0);
    return [
      { key: "promoters", label: t("live.promoters"), count: promoters, pct: pct(promoters) },
      { key: "passives", label: t("live.passives"), count: passives, pct: pct(passives) },
      { key: "detractors", label: t("live.detractors"), count: detractors, pct: pct(detractors) },
    ] as const;
  };
  return (
    <div class="mix">
      <div class="mix-bar" role="img" aria-label={parts().map((p) => `${p.count} ${p.label.toLowerCase()}`).join(", ")}>
        <For each={parts()}>{(p) => <span class={`mix-seg mix-${p.key}`} style={{ width: `${p.pct}%` }} />}</For>
      </div>
      <ul class="mix-legend">
        <For each={parts()}>
          {(p) => (
            <li>
              <span class={`dot mix-${p.key}`} aria-hidden="true" />
              {p.label} <strong data-testid={`nps-${p.key}`}>{p.count}</strong>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
