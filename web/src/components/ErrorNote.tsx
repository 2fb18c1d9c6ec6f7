// An error message with an optional "Try again" button.
import { Show } from "solid-js";
import { errorMessage } from "../api";

export function ErrorNote(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="note note-error" role="alert">
      <span>{errorMessage(props.error)}</span>
      <Show when={props.retry}>
        {(retry) => (
          <button type="button" class="btn btn-small" onClick={() => retry()()}>
            Try again
          </button>
        )}
      </Show>
    </div>
  );
}
