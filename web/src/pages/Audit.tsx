// Audit log (admins): who did what, when, with the record before and after.
import { createResource, createSignal, Show } from "solid-js";
import { api, type AuditEntry } from "../api";
import { Table } from "../components/ResourceTable";
import { ResourceView } from "../components/ResourceView";
import { formatDateTime } from "../format";

const PAGE = 100;
const show = (v: Record<string, unknown> | null) => (v ? JSON.stringify(v) : "—");

export function Audit() {
  document.title = "Audit log · ValuePulse";
  const [before, setBefore] = createSignal<string | undefined>();
  // A resource skips fetching while its source is falsy: "" stands for "the newest page".
  const [entries, { refetch }] = createResource(() => before() ?? "", (b): Promise<AuditEntry[]> => api.audit(PAGE, b || undefined));
  return (
    <>
      <header class="page-head">
        <div>
          <h1>Audit log</h1>
          <p class="muted">Every admin action: users, roles, API keys, privacy requests and settings.</p>
        </div>
        <div class="page-tools">
          <Show when={before()}>
            <button type="button" class="btn btn-ghost" onClick={() => setBefore(undefined)}>
              Newest
            </button>
          </Show>
        </div>
      </header>
      <section class="card">
        <ResourceView resource={entries} refetch={refetch} empty="Nothing recorded yet.">
          {(list) => (
            <>
              <Table
                rows={list()}
                class="keys"
                testid="audit-table"
                columns={["When", "Who", "Action", "Target", "Before", "After"]}
                row={(e) => (
                  <tr data-testid="audit-row">
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.actorLabel}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.targetType} <small class="muted">{e.targetId ?? ""}</small>
                    </td>
                    <td>
                      <code>{show(e.before)}</code>
                    </td>
                    <td>
                      <code>{show(e.after)}</code>
                    </td>
                  </tr>
                )}
              />
              <Show when={list().length === PAGE}>
                <button type="button" class="btn btn-ghost" onClick={() => setBefore(list()[list().length - 1]!.id)}>
                  Older
                </button>
              </Show>
            </>
          )}
        </ResourceView>
      </section>
    </>
  );
}
