// Set a password from an emailed link (invitation or reset). The token is in the URL fragment, which never reaches a server log.
import { A, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { api, errorMessage } from "../api";

export function SetPassword() {
  document.title = "Set your password · ValuePulse";
  const navigate = useNavigate();
  const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
  const [password, setPassword] = createSignal("");
  const [repeat, setRepeat] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (password() !== repeat()) return setError("The two passwords differ.");
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
      <form class="card login-card" onSubmit={submit} aria-labelledby="set-title">
        <h1 id="set-title">Set your password</h1>
        <Show when={token} fallback={<p class="note note-error">This link is incomplete. Open the link from the email again, or ask for a new one.</p>}>
          <div class="field">
            <label for="new-password">New password (at least 10 characters)</label>
            <input id="new-password" type="password" autocomplete="new-password" minLength={10} required value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="repeat-password">Repeat it</label>
            <input id="repeat-password" type="password" autocomplete="new-password" minLength={10} required value={repeat()} onInput={(e) => setRepeat(e.currentTarget.value)} />
          </div>
          <Show when={error()}>
            <p class="note note-error" role="alert">
              {error()}
            </p>
          </Show>
          <button type="submit" class="btn btn-primary" disabled={busy()}>
            {busy() ? "Saving…" : "Set password and sign in"}
          </button>
        </Show>
        <p class="muted">
          <A href="/login">Back to sign in</A>
        </p>
      </form>
    </main>
  );
}
