// My sessions: where I am signed in; end one, or sign out everywhere.
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { api, errorMessage } from "../api";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { formatDateTime } from "../format";

export function Sessions() {
  document.title = "Sessions · ValuePulse";
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
          <h1>Sessions</h1>
          <p class="muted">Each browser you signed in with. Sessions last 14 days.</p>
        </div>
        <div class="page-tools">
          <button type="button" class="btn btn-danger-outline" onClick={everywhere} data-testid="logout-all">
            Sign out everywhere
          </button>
        </div>
      </header>
      <Show when={error()}>
        <p class="note note-error" role="alert">
          {error()}
        </p>
      </Show>
      <section class="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Signed in</h2>
        <ResourceTable
          resource={sessions}
          refetch={refetch}
          class="keys"
          columns={["Browser", "Signed in", "Expires", ACTIONS]}
          row={(s) => (
            <tr data-testid="session-row">
              <td>
                {s.userAgent ?? "Unknown browser"} <Show when={s.current}><span class="tag tag-ok">this browser</span></Show>
              </td>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>{formatDateTime(s.expiresAt)}</td>
              <td class="actions">
                <Show when={!s.current}>
                  <button type="button" class="btn btn-small btn-danger-outline" onClick={() => run(() => api.revokeSession(s.id))}>
                    End session
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
