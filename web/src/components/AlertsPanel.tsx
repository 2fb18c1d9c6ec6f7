// Alerts raised by the rules for the responses the filters select, newest first; new ones arrive over the live stream and stand out until opened.
import { For, Show } from "solid-js";
import type { Alert } from "../api";
import { formatRelative } from "../format";
import { t } from "../i18n";
import { isDefaultAlertRule } from "../../../server/domain/alert-defaults";

export function AlertsPanel(props: { alerts: Alert[]; unseen: Set<string>; filtered: boolean; onOpen: (responseId: string) => void }) {
  return (
    <>
      <Show when={props.filtered}>
        <p class="muted small" data-testid="alerts-filtered">
          {t("alerts.filtered")}
        </p>
      </Show>
      <Show when={props.alerts.length > 0} fallback={<p class="muted">{props.filtered ? t("alerts.emptyFiltered") : t("alerts.empty")}</p>}>
        <ul class="alerts" data-testid="alerts">
          <For each={props.alerts}>
            {(a) => (
              <li classList={{ alert: true, "alert-new": props.unseen.has(a.id) }} data-testid="alert-item">
                <button type="button" class="alert-button" onClick={() => props.onOpen(a.response.id)} aria-haspopup="dialog" data-view={a.response.id}>
                  <span class="badge badge-detractor">{a.response.score ?? "—"}</span>
                  <span class="alert-body">
                    <strong>{isDefaultAlertRule({ id: a.ruleId, name: a.ruleName }) ? t("access.defaultDetractorRule") : a.ruleName}</strong> · {a.response.customerName ?? a.response.customerEmail}
                    <span class="muted"> — {a.response.comment ?? t("alerts.noComment")}</span>
                  </span>
                  <Show when={props.unseen.has(a.id)}>
                    <span class="tag status-open">{t("alerts.newAlert")}</span>
                  </Show>
                  <time class="muted">{formatRelative(a.createdAt)}</time>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
