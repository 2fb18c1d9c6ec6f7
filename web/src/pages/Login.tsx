// Sign-in form; on success goes to the page the user came from (?next=) or /live.
import { useNavigate, useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, onMount, Show } from "solid-js";
import { api, errorMessage } from "../api";
import { LanguageSwitcher } from "../components/LanguageSwitcher";
import { locale, t } from "../i18n";

/** Only same-site paths, so ?next= cannot send anyone to another site. */
function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/live";
}

export function Login() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const done = () => navigate(safeNext(params.next), { replace: true });

  createEffect(() => (document.title = t("login.docTitle")));
  // Already signed in: skip the form.
  onMount(() => api.session().then((s) => s.signedIn && done(), () => {}));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.login(email().trim(), password());
      done();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <div class="login-tools">
        <LanguageSwitcher id="login-language" />
      </div>
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t("login.title")}</h1>
        <div class="field">
          <label for="login-email">{t("login.email")}</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            autofocus
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="login-password">{t("login.password")}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <Show when={error()}>
          <p class="note note-error" role="alert" data-testid="login-error">
            {error()}
          </p>
        </Show>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("login.submitting") : t("login.submit")}
        </button>
        <ForgotPassword email={email().trim()} />
      </form>
    </main>
  );
}

/** Emails a reset link to the address typed above; the answer is the same whether or not it has an account. */
function ForgotPassword(props: { email: string }) {
  const [note, setNote] = createSignal<{ ok: boolean; text: string }>();
  const send = async () => {
    if (!props.email) return setNote({ ok: false, text: t("login.forgotNeedsEmail") });
    try {
      // The email comes in the language the page is in.
      await api.requestPasswordReset(props.email, locale());
      setNote({ ok: true, text: t("login.forgotSent", { email: props.email }) });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    }
  };
  return (
    <>
      <button type="button" class="btn btn-ghost btn-small" onClick={send} data-testid="forgot-password">
        {t("login.forgot")}
      </button>
      <Show when={note()}>
        {(n) => (
          <p class={`note ${n().ok ? "note-ok" : "note-error"}`} role={n().ok ? "status" : "alert"}>
            {n().text}
          </p>
        )}
      </Show>
    </>
  );
}
