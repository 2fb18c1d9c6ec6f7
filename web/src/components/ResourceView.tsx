// A resource's states: its error (with "Try again"), "Loading…" until the first value, an empty list's note, then the content.
import { Match, Show, Switch, type Accessor, type JSX, type Resource } from "solid-js";
import { t } from "../i18n";
import { ErrorNote } from "./ErrorNote";

export function ResourceView<T>(props: {
  resource: Resource<T>;
  refetch: () => void;
  /** Shown instead of the content when the value is an empty list. */
  empty?: string;
  loading?: string;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.resource.error}>
        <ErrorNote error={props.resource.error} retry={props.refetch} />
      </Match>
      <Match when={props.resource.latest}>
        {(value) => (
          <Show when={props.empty === undefined || !isEmptyList(value())} fallback={<p class="muted">{props.empty}</p>}>
            {props.children(value)}
          </Show>
        )}
      </Match>
      <Match when={true}>
        <p class="muted" role="status">{props.loading ?? t("common.loading")}</p>
      </Match>
    </Switch>
  );
}

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;
