// The NPS of the top value tier next to everyone's, for the dashboard's filters: are the customers who matter most happy?
import { A } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { api, type Filters } from "../api";
import { round } from "../format";
import { t } from "../i18n";

/** The analytics overview takes every dashboard filter but the category (it reads customers, not purchase items). */
export function TopTierNps(props: { filters: Filters; refresh: number }) {
  const [overview] = createResource(
    () => {
      const { from, to, template, channel, locale, tier } = props.filters;
      return { query: { from, to, templateId: template, channel, locale, tier }, n: props.refresh };
    },
    ({ query }) => api.valueOverview(query),
  );
  return (
    <Show when={overview.latest}>
      {(o) => (
        <p class="muted" data-testid="top-tier-line">
          {t("live.topTier")} <strong data-testid="overview-top-tier-nps">{round(o().tiers.find((x) => x.tier === "top")?.nps.score)}</strong> · {t("live.everyone")}{" "}
          <strong data-testid="overview-nps">{round(o().nps.score)}</strong> · {t("live.revenueAtRisk")}{" "}
          <strong>
            {o().revenueAtRisk.total.toLocaleString()} {o().currency ?? ""}
          </strong>{" "}
          — <A href="/analytics">{t("live.valueAnalytics")}</A>
          <Show when={props.filters.category}>
            {" "}
            <span data-testid="top-tier-no-category">{t("live.topTierNoCategory")}</span>
          </Show>
        </p>
      )}
    </Show>
  );
}
