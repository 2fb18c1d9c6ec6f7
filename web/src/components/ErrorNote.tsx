// An error message (in the user's language, naming the failing fields: error-text.ts) with an optional "Try again" button.
import { Show } from "solid-js";
import { describeError } from "../error-text";
import { t } from "../i18n";

export function ErrorNote(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="note note-error" role="alert">
      <span>{describeError(props.error)}</span>
      <Show when={props.retry}>
        {(retry) => (
          <button type="button" class="btn btn-small" onClick={() => retry()()}>
            {t("common.retry")}
          </button>
        )}
      </Show>
    </div>
  );
}
