// How many email link clicks were set aside as a mail scanner's: reassurance that scanners do not skew the scores.
import { createResource, onCleanup, Show } from "solid-js";
import { api, type Filters } from "../api";

const REFRESH_MS = 15_000;

/** Counts over the dashboard's date range (its other filters do not apply to clicks). */
export function AutomatedClicks(props: { filters: Filters }) {
  const [counts, { refetch }] = createResource(
    () => ({ from: props.filters.from, to: props.filters.to }),
    (range) => api.automatedClicks(range),
  );
  const timer = setInterval(() => refetch(), REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  return (
    <p class="muted" title="Mail scanners open every link of an email seconds after delivery. Their clicks are never answers and are counted apart here.">
      Clicks set aside as automated (mail scanners):{" "}
      <Show when={counts.latest} fallback={<span data-testid="automated-clicks">…</span>}>
        {(c) => (
          <>
            <span data-testid="automated-clicks">{c().automatedClicks}</span> from {c().scannedInvitations}{" "}
            {c().scannedInvitations === 1 ? "email" : "emails"}
          </>
        )}
      </Show>
    </p>
  );
}
