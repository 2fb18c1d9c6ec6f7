// Small dot + text telling whether the live stream is connected.
import type { LiveState } from "../live";

export function LiveStatus(props: { state: LiveState }) {
  return (
    <span class="live-status" data-state={props.state} role="status" title="Live updates over Server-Sent Events">
      <span class="live-dot" aria-hidden="true" />
      <span data-testid="live-status">{props.state === "live" ? "live" : "reconnecting…"}</span>
    </span>
  );
}
