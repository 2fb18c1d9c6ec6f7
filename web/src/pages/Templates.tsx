// Survey templates: the list with status and version, and new templates started from a preset.
import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, errorMessage } from "../api";
import { ResourceView } from "../components/ResourceView";
import { ResourceTable } from "../components/ResourceTable";
import { formatDateTime } from "../format";
import { templatesApi, type Preset, type TemplateSummary } from "../templates-api";
import "../templates.css";

export const canEditTemplates = (role: string | undefined) => role === "admin" || role === "marketer";

export function StatusTag(props: { t: Pick<TemplateSummary, "status" | "version" | "hasDraft"> }) {
  return (
    <span class="status-tags">
      <span class="tag" classList={{ "tag-ok": props.t.status === "published", "tag-warn": props.t.status === "draft" }} data-testid="template-status">
        {props.t.status}
      </span>
      <Show when={props.t.version > 0}>
        <span class="tag">v{props.t.version}</span>
      </Show>
      <Show when={props.t.hasDraft && props.t.status === "published"}>
        <span class="tag tag-warn">unpublished changes</span>
      </Show>
    </span>
  );
}

export function Templates() {
  document.title = "Templates · ValuePulse";
  const navigate = useNavigate();
  const [list, { refetch }] = createResource(() => templatesApi.list());
  const [presets, { refetch: refetchPresets }] = createResource(() => templatesApi.presets());
  const [me] = createResource(() => api.me());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const startFrom = async (p: Preset) => {
    setBusy(true);
    setError(undefined);
    try {
      const t = await templatesApi.create({ name: p.name, content: p.content, rules: p.rules });
      navigate(`/templates/${t.id}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <header class="page-head">
        <div>
          <h1>Survey templates</h1>
          <p class="muted">What customers receive after a purchase. Published versions never change; each response records its version.</p>
        </div>
      </header>

      {/* A failed read must not take the page down: reading an errored resource throws. */}
      <Show when={!me.error && canEditTemplates(me()?.role)}>
        <section class="card presets" aria-labelledby="presets-title">
          <h2 id="presets-title">Start from a preset</h2>
          <Show when={error()}>
            <p class="note note-error" role="alert">
              {error()}
            </p>
          </Show>
          <ResourceView resource={presets} refetch={refetchPresets}>
            {(list) => (
              <ul class="preset-list">
                <For each={list()}>
                  {(p) => (
                    <li>
                      <button type="button" class="preset" disabled={busy()} onClick={() => startFrom(p)} data-testid={`preset-${p.id}`}>
                        <strong>{p.name}</strong>
                        <span class="muted">{p.description}</span>
                        <span class="muted">{p.content.questions.length} questions · English and Vietnamese</span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </ResourceView>
        </section>
      </Show>

      <section class="card" aria-labelledby="templates-title">
        <h2 id="templates-title">Templates</h2>
        <p class="muted">
          Each purchase gets at most one survey: of the published templates whose filters match it, the highest priority wins (a tie: the most recently published).
        </p>
        <ResourceTable
          resource={list}
          refetch={refetch}
          empty="No templates yet."
          class="keys templates-table"
          columns={["Name", "Status", "Priority", "Published", "Edited"]}
          row={(t) => (
            <tr data-testid="template-row">
              <td>
                <A href={`/templates/${t.id}`}>{t.name}</A>
              </td>
              <td>
                <StatusTag t={t} />
              </td>
              <td>{t.priority}</td>
              <td>{t.publishedAt ? formatDateTime(t.publishedAt) : "—"}</td>
              <td>{formatDateTime(t.updatedAt)}</td>
            </tr>
          )}
        />
      </section>
    </>
  );
}
