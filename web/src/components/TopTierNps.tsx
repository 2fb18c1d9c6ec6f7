// The NPS of the top value tier next to everyone's: are the customers who matter most happy?
import { A } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { api, type Filters } from "../api";
import { round } from "../format";

export function TopTierNps(props: { filters: Filters; refresh: number }) {
  const [overview] = createResource(
    () => ({ from: props.filters.from ? Date.parse(props.filters.from) : undefined, n: props.refresh }),
    ({ from }) => api.valueOverview(from !== undefined ? { from } : {}),
  );
  return (
    <Show when={overview.latest}>
      {(o) => (
        <p class="muted" data-testid="top-tier-line">
          NPS of the top value tier: <strong data-testid="overview-top-tier-nps">{round(o().tiers.find((t) => t.tier === "top")?.nps.score)}</strong> · everyone:{" "}
          <strong>{round(o().nps.score)}</strong> · revenue at risk: <strong>{o().revenueAtRisk.total.toLocaleString()} {o().currency ?? ""}</strong> —{" "}
          <A href="/analytics">value analytics</A>
        </p>
      )}
    </Show>
  );
}
