// Sign-in form; on success goes to the page the user came from (?next=) or /live.
import { useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { api, errorMessage } from "../api";

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

  document.title = "Sign in · ValuePulse";
  // Already signed in: skip the form.
  onMount(() => api.me().then(done, () => {}));

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
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to ValuePulse</h1>
        <div class="field">
          <label for="login-email">Email</label>
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
          <label for="login-password">Password</label>
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
          {busy() ? "Signing in…" : "Sign in"}
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
    if (!props.email) return setNote({ ok: false, text: "Type your email above first." });
    try {
      await api.requestPasswordReset(props.email);
      setNote({ ok: true, text: `If ${props.email} has an account, a reset link is on its way. It works once, for an hour.` });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    }
  };
  return (
    <>
      <button type="button" class="btn btn-ghost btn-small" onClick={send} data-testid="forgot-password">
        Forgot your password?
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
