// The dashboard's language menu: the browser's language, English or Tiếng Việt. Signed in, the choice is saved
// on the user (PATCH /api/v1/auth/me) so it follows them to any browser; on the sign-in pages it stays in this browser.
import { createSignal, Show } from "solid-js";
import { api } from "../api";
import { browserLocale, isLocale, LOCALE_NAMES, preference, setLocale, t } from "../i18n";
import { LocaleOptions } from "./LocaleOptions";

export function LanguageSwitcher(props: { id: string; saveToAccount?: boolean }) {
  const [notSaved, setNotSaved] = createSignal(false);
  const change = async (value: string) => {
    const choice = isLocale(value) ? value : null;
    setLocale(choice);
    setNotSaved(false);
    if (!props.saveToAccount) return;
    try {
      await api.updateMe({ locale: choice });
    } catch {
      setNotSaved(true);
    }
  };
  return (
    <span class="language">
      <label for={props.id} class="visually-hidden">
        {t("common.language")}
      </label>
      <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
        <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" stroke-width="1.5" />
        <path d="M2.5 10h15M10 2.5c2.2 2.3 2.2 12.7 0 15M10 2.5c-2.2 2.3-2.2 12.7 0 15" fill="none" stroke="currentColor" stroke-width="1.5" />
      </svg>
      <select id={props.id} value={preference() ?? ""} onChange={(e) => change(e.currentTarget.value)} data-testid="language">
        <option value="">{t("account.languageAuto", { name: LOCALE_NAMES[browserLocale()] })}</option>
        <LocaleOptions />
      </select>
      <Show when={notSaved()}>
        <span class="error-inline" role="alert">
          {t("account.languageNotSaved")}
        </span>
      </Show>
    </span>
  );
}
