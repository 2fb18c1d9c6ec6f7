// Alerts raised by the rules, newest first; new ones arrive over the live stream and stand out until opened.
import { For, Show } from "solid-js";
import type { Alert } from "../api";
import { formatRelative } from "../format";

export function AlertsPanel(props: { alerts: Alert[]; unseen: Set<string>; onOpen: (responseId: string) => void }) {
  return (
    <Show when={props.alerts.length > 0} fallback={<p class="muted">No alerts. Detractors and the rules you set raise them here at once.</p>}>
      <ul class="alerts" data-testid="alerts">
        <For each={props.alerts}>
          {(a) => (
            <li classList={{ alert: true, "alert-new": props.unseen.has(a.id) }} data-testid="alert-item">
              <button type="button" class="alert-button" onClick={() => props.onOpen(a.response.id)}>
                <span class="badge badge-detractor">{a.response.score ?? "—"}</span>
                <span class="alert-body">
                  <strong>{a.ruleName}</strong> · {a.response.customerName ?? a.response.customerEmail}
                  <span class="muted"> — {a.response.comment ?? "no comment"}</span>
                </span>
                <time class="muted">{formatRelative(a.createdAt)}</time>
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
