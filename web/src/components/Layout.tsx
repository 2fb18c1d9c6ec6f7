// Signed-in shell: header with navigation, the user's email and Sign out; sends anyone signed out to /login.
import { A, useLocation, useNavigate, type RouteSectionProps } from "@solidjs/router";
import { createResource, Match, onCleanup, Show, Switch } from "solid-js";
import { api, isUnauthorized, onUnauthorized } from "../api";
import { ErrorNote } from "./ErrorNote";

export function Layout(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const toLogin = () => {
    const here = location.pathname + location.search;
    navigate(here === "/" || here === "/live" ? "/login" : `/login?next=${encodeURIComponent(here)}`, { replace: true });
  };
  onCleanup(onUnauthorized(toLogin));

  const [user, { refetch }] = createResource(() => api.me());

  const signOut = async () => {
    try {
      await api.logout();
    } finally {
      navigate("/login", { replace: true });
    }
  };

  return (
    <div class="app">
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <A href="/live" class="brand" aria-label="ValuePulse home">
          <svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <path d="M5 17h6l3-7 4 13 3-6h6" fill="none" stroke="white" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
          <span>ValuePulse</span>
        </A>
        <nav aria-label="Main">
          <A href="/live" activeClass="active">Live</A>
          <A href="/analytics" activeClass="active">Analytics</A>
          <A href="/mailbox" activeClass="active">Mailbox</A>
          <A href="/templates" activeClass="active">Templates</A>
          <A href="/keys" activeClass="active">API keys</A>
          <A href="/delivery" activeClass="active">Delivery</A>
          <A href="/suppressions" activeClass="active">Suppressions</A>
          <A href="/alerts" activeClass="active">Alerts</A>
          <A href="/data" activeClass="active">Import &amp; export</A>
          <A href="/webhooks" activeClass="active">Webhooks</A>
          <A href="/api-reference" activeClass="active">API reference</A>
          <Show when={user.state === "ready" && user().role === "admin"}><A href="/users" activeClass="active">Users</A><A href="/audit" activeClass="active">Audit log</A><A href="/privacy" activeClass="active">Privacy</A></Show>
          <A href="/sessions" activeClass="active">Sessions</A>
        </nav>
        <div class="account">
          <span class="account-email" data-testid="user-email">{user.state === "ready" ? user().email : ""}</span>
          <button type="button" class="btn btn-ghost btn-small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" class="page">
        <Switch>
          <Match when={user.error && !isUnauthorized(user.error)}>
            <ErrorNote error={user.error} retry={refetch} />
          </Match>
          <Match when={user.state === "ready"}>{props.children}</Match>
          <Match when={user.loading}>
            <p class="muted" aria-live="polite">Loading…</p>
          </Match>
        </Switch>
      </main>
    </div>
  );
}
