// My sessions: where I am signed in; end one, or sign out everywhere.
import { useNavigate } from "@solidjs/router";
import { createEffect, createResource, createSignal, Show } from "solid-js";
import { api, errorMessage } from "../api";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import { describeUserAgent } from "../user-agent";

/** "Chrome 131 on Windows"; the raw User-Agent when it names nothing known. */
function browserName(ua: string | null): string {
  if (!ua) return t("sessions.unknownBrowser");
  const { browser, system } = describeUserAgent(ua);
  if (browser && system) return t("sessions.browserOn", { browser, system });
  return browser ?? system ?? ua;
}

export function Sessions() {
  createEffect(() => (document.title = t("sessions.docTitle")));
  const navigate = useNavigate();
  const [sessions, { refetch }] = createResource(() => api.sessions());
  const [error, setError] = createSignal<string>();
  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      refetch();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const everywhere = async () => {
    await run(() => api.logoutAll());
    navigate("/login", { replace: true });
  };
  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("sessions.title")}</h1>
          <p class="muted">{t("sessions.intro")}</p>
        </div>
        <div class="page-tools">
          <button type="button" class="btn btn-danger-outline" onClick={everywhere} data-testid="logout-all">
            {t("sessions.signOutEverywhere")}
          </button>
        </div>
      </header>
      <Show when={error()}>
        <p class="note note-error" role="alert">
          {error()}
        </p>
      </Show>
      <section class="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("sessions.signedIn")}</h2>
        <ResourceTable
          resource={sessions}
          refetch={refetch}
          class="keys"
          columns={[t("sessions.browser"), t("sessions.signedInAt"), t("sessions.expires"), ACTIONS]}
          row={(s) => (
            <tr data-testid="session-row">
              <td>
                <span title={s.userAgent ?? undefined}>{browserName(s.userAgent)}</span>{" "}
                <Show when={s.current}>
                  <span class="tag tag-ok">{t("sessions.thisBrowser")}</span>
                </Show>
              </td>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>{formatDateTime(s.expiresAt)}</td>
              <td class="actions">
                <Show when={!s.current}>
                  <button type="button" class="btn btn-small btn-danger-outline" onClick={() => run(() => api.revokeSession(s.id))}>
                    {t("sessions.end")}
                  </button>
                </Show>
              </td>
            </tr>
          )}
        />
      </section>
    </>
  );
}
