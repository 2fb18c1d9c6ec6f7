// Set a password from an emailed link (invitation or reset). The token is in the URL fragment, which never reaches a server log.
// The rules are stated before anyone types (from the server's own constants), and checked here before sending.
import { A, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../../server/domain/password-rules";
import { api, errorMessage } from "../api";
import { LanguageSwitcher } from "../components/LanguageSwitcher";
import { t } from "../i18n";

export function SetPassword() {
  createEffect(() => (document.title = t("setPassword.docTitle")));
  const navigate = useNavigate();
  const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
  const [password, setPassword] = createSignal("");
  const [repeat, setRepeat] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (password().length < PASSWORD_MIN) return setError(t("setPassword.tooShort", { min: PASSWORD_MIN }));
    if (password() !== repeat()) return setError(t("setPassword.differ"));
    setBusy(true);
    setError(undefined);
    try {
      const { email } = await api.setPassword(token, password());
      await api.login(email, password());
      navigate("/live", { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <div class="login-tools">
        <LanguageSwitcher id="set-password-language" />
      </div>
      <form class="card login-card" onSubmit={submit} aria-labelledby="set-title" noValidate>
        <h1 id="set-title">{t("setPassword.title")}</h1>
        <Show when={token} fallback={<p class="note note-error">{t("setPassword.incomplete")}</p>}>
          <p class="muted" id="password-rules" data-testid="password-rules">
            {t("setPassword.rules", { min: PASSWORD_MIN, max: PASSWORD_MAX })}
          </p>
          <div class="field">
            <label for="new-password">{t("setPassword.newPassword")}</label>
            <input
              id="new-password"
              type="password"
              autocomplete="new-password"
              minLength={PASSWORD_MIN}
              maxLength={PASSWORD_MAX}
              required
              aria-describedby="password-rules"
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="repeat-password">{t("setPassword.repeat")}</label>
            <input
              id="repeat-password"
              type="password"
              autocomplete="new-password"
              maxLength={PASSWORD_MAX}
              required
              value={repeat()}
              onInput={(e) => setRepeat(e.currentTarget.value)}
            />
          </div>
          <Show when={error()}>
            <p class="note note-error" role="alert">
              {error()}
            </p>
          </Show>
          <button type="submit" class="btn btn-primary" disabled={busy()}>
            {busy() ? t("setPassword.saving") : t("setPassword.submit")}
          </button>
        </Show>
        <p class="muted">
          <A href="/login">{t("setPassword.back")}</A>
        </p>
      </form>
    </main>
  );
}
