// One <option> per dashboard language, each named in its own language: every language select uses these.
import { For } from "solid-js";
import { DASHBOARD_LOCALES, LOCALE_NAMES } from "../i18n";

export function LocaleOptions() {
  return (
    <For each={DASHBOARD_LOCALES}>
      {(l) => (
        <option value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      )}
    </For>
  );
}
