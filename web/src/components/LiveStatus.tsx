// Small dot + text telling whether the live stream is connected.
import { t } from "../i18n";
import type { LiveState } from "../live";

export function LiveStatus(props: { state: LiveState }) {
  return (
    <span class="live-status" data-state={props.state} role="status" title={t("live.state.hint")}>
      <span class="live-dot" aria-hidden="true" />
      <span data-testid="live-status">{props.state === "live" ? t("live.state.live") : t("live.state.reconnecting")}</span>
    </span>
  );
}
