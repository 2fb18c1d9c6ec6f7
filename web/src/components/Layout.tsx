// Signed-in shell: header with the grouped navigation, the user's email and Sign out; sends anyone signed out to /login.
import { useLocation, useNavigate, type RouteSectionProps } from "@solidjs/router";
import { createResource, Match, onCleanup, Show, Switch } from "solid-js";
import { api, isUnauthorized, onUnauthorized, type User } from "../api";
import { t } from "../i18n";
import { ErrorNote } from "./ErrorNote";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { MainNav } from "./MainNav";
import { PageBoundary } from "./PageBoundary";

const ROLE_KEY = "vp.role";
type Role = User["role"];
const lastRole = (): Role | undefined => {
  try {
    return (sessionStorage.getItem(ROLE_KEY) as Role | null) ?? undefined;
  } catch {
    return undefined;
  }
};
const rememberRole = (role: Role) => {
  try {
    sessionStorage.setItem(ROLE_KEY, role);
  } catch {
    // Private mode: the next load shows placeholders instead.
  }
};

/** The page's shape while the user loads: a heading and cards in grey, announced as loading. */
function PageSkeleton() {
  return (
    <div class="page-skeleton" aria-busy="true" data-testid="page-skeleton">
      <p class="visually-hidden" role="status">
        {t("common.loading")}
      </p>
      <div class="skeleton skeleton-title" />
      <div class="skeleton-cards">
        <div class="skeleton skeleton-card" />
        <div class="skeleton skeleton-card" />
        <div class="skeleton skeleton-card" />
      </div>
      <div class="skeleton skeleton-block" />
    </div>
  );
}

export function Layout(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const toLogin = () => {
    const here = location.pathname + location.search;
    navigate(here === "/" || here === "/live" ? "/login" : `/login?next=${encodeURIComponent(here)}`, { replace: true });
  };
  onCleanup(onUnauthorized(toLogin));

  const [user, { refetch }] = createResource(() =>
    api.me().then((u) => {
      rememberRole(u.role);
      return u;
    }),
  );
  // While /me loads, the frame shows the navigation of the role this tab last saw (only which links show; the server decides access).
  const role = () => (user.state === "ready" ? user().role : lastRole());

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
        <MainNav role={role()}>
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
          <Match when={user.state === "ready"}>
            <PageBoundary>{props.children}</PageBoundary>
          </Match>
          <Match when={user.loading}>
            <PageSkeleton />
          </Match>
        </Switch>
      </main>
    </div>
  );
}
