// Signed-in shell: header with the grouped navigation, the user's email and Sign out; sends anyone signed out to /login.
import { useLocation, useNavigate, type RouteSectionProps } from "@solidjs/router";
import { createResource, Match, onCleanup, Show, Switch } from "solid-js";
import { api, isUnauthorized, onUnauthorized } from "../api";
import { t } from "../i18n";
import { ErrorNote } from "./ErrorNote";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { MainNav } from "./MainNav";

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
      <a class="skip-link" href="#main">{t("nav.skipToContent")}</a>
      <header class="topbar">
        <MainNav role={user.state === "ready" ? user().role : undefined}>
          <div class="account">
            <LanguageSwitcher id="language-menu" saveToAccount />
            <span class="account-email" data-testid="user-email">{user.state === "ready" ? user().email : ""}</span>
            <button type="button" class="btn btn-ghost btn-small" onClick={signOut}>
              {t("nav.signOut")}
            </button>
          </div>
        </MainNav>
      </header>
      <main id="main" class="page">
        <Switch>
          <Match when={user.error && !isUnauthorized(user.error)}>
            <ErrorNote error={user.error} retry={refetch} />
          </Match>
          <Match when={user.state === "ready"}>{props.children}</Match>
          <Match when={user.loading}>
            <p class="muted" aria-live="polite">{t("common.loading")}</p>
          </Match>
        </Switch>
      </main>
    </div>
  );
}
