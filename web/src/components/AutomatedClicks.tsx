// How many email link clicks were set aside as a mail scanner's: reassurance that scanners do not skew the scores.
import { createResource, onCleanup, Show } from "solid-js";
import { api, type Filters } from "../api";
import { t } from "../i18n";

const REFRESH_MS = 15_000;

/**
 * Counts over the dashboard's date range; its other filters do not apply to clicks, and the line says so.
 * `hideWhenNone`: say nothing while there is nothing to say (a fresh install: no "0 from 0 emails").
 */
export function AutomatedClicks(props: { filters: Filters; hideWhenNone?: boolean }) {
  const [counts, { refetch }] = createResource(
    () => ({ from: props.filters.from, to: props.filters.to }),
    (range) => api.automatedClicks(range),
  );
  const timer = setInterval(() => refetch(), REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const otherFilters = () => Object.keys(props.filters).some((k) => k !== "from" && k !== "to");
  const quiet = () => props.hideWhenNone && (counts.latest?.scannedInvitations ?? 0) === 0;
  return (
    <Show when={!quiet()}>
      <p class="muted" title={t("live.clicksHint")}>
        {t("live.clicks")}{" "}
        <Show when={counts.latest} fallback={<span data-testid="automated-clicks">…</span>}>
          {(c) => (
            <>
              <span data-testid="automated-clicks">{c().automatedClicks}</span> {t("live.clicksFrom")} {c().scannedInvitations}{" "}
              {c().scannedInvitations === 1 ? t("live.clicksEmail") : t("live.clicksEmails")}
            </>
          )}
        </Show>
        <Show when={otherFilters()}>
          {" "}
          <span data-testid="clicks-scope">{t("live.clicksScope")}</span>
        </Show>
      </p>
    </Show>
  );
}
