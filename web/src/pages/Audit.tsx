// Audit log (admins): who did what, when, with the record before and after.
import { createEffect, createResource, createSignal, Show } from "solid-js";
import { api, type AuditEntry } from "../api";
import { Table } from "../components/ResourceTable";
import { ResourceView } from "../components/ResourceView";
import { formatDateTime } from "../format";
import { t } from "../i18n";

const PAGE = 100;
const show = (v: Record<string, unknown> | null) => (v ? JSON.stringify(v) : "—");

export function Audit() {
  createEffect(() => (document.title = `${t("audit.title")} · ValuePulse`));
  const [before, setBefore] = createSignal<string | undefined>();
  // A resource skips fetching while its source is falsy: "" stands for "the newest page".
  const [entries, { refetch }] = createResource(() => before() ?? "", (b): Promise<AuditEntry[]> => api.audit(PAGE, b || undefined));
  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("audit.title")}</h1>
          <p class="muted">{t("audit.intro")}</p>
        </div>
        <div class="page-tools">
          <Show when={before()}>
            <button type="button" class="btn btn-ghost" onClick={() => setBefore(undefined)}>
              {t("audit.newest")}
            </button>
          </Show>
        </div>
      </header>
      <section class="card" aria-label={t("audit.title")}>
        <ResourceView resource={entries} refetch={refetch} empty={t("audit.empty")}>
          {(list) => (
            <>
              <Table
                rows={list()}
                class="keys"
                testid="audit-table"
                columns={[t("audit.col.when"), t("audit.col.who"), t("audit.col.address"), t("audit.col.action"), t("audit.col.target"), t("audit.col.before"), t("audit.col.after")]}
                row={(e) => (
                  <tr data-testid="audit-row">
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.actorLabel}</td>
                    <td>{e.address ?? "—"}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.targetType} <small class="muted">{e.targetId ?? ""}</small>
                    </td>
                    <td class="audit-json">
                      <code>{show(e.before)}</code>
                    </td>
                    <td class="audit-json">
                      <code>{show(e.after)}</code>
                    </td>
                  </tr>
                )}
              />
              <Show when={list().length === PAGE}>
                <button type="button" class="btn btn-ghost" onClick={() => setBefore(list()[list().length - 1]!.id)}>
                  {t("audit.older")}
                </button>
              </Show>
            </>
          )}
        </ResourceView>
      </section>
    </>
  );
}
