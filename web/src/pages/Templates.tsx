// Survey templates: the list with status and version, and new templates started from a preset (named first).
import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api, errorMessage } from "../api";
import { ResourceView } from "../components/ResourceView";
import { ResourceTable } from "../components/ResourceTable";
import { ConfirmDialog } from "../components/template-editor/ConfirmDialog";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import { templatesApi, type Preset, type TemplateSummary } from "../templates-api";
import "../templates.css";
import { roleMay } from "../../../server/domain/vocabulary";

export const canEditTemplates = (role: string | undefined) => roleMay(role, "editTemplates");

const PRESET_IDS = ["post_purchase_nps", "csat_only", "customer_value"] as const;
type PresetId = (typeof PRESET_IDS)[number];
const known = (id: string): id is PresetId => (PRESET_IDS as readonly string[]).includes(id);
/** A preset's name and description in the dashboard's language (the API's are English). */
export const presetName = (p: Pick<Preset, "id" | "name">) => (known(p.id) ? t(`templates.presetNames.${p.id}`) : p.name);
const presetDescription = (p: Pick<Preset, "id" | "description">) => (known(p.id) ? t(`templates.presetDescriptions.${p.id}`) : p.description);

export function StatusTag(props: { t: Pick<TemplateSummary, "status" | "version" | "hasDraft"> }) {
  return (
    <span class="status-tags">
      <span class="tag" classList={{ "tag-ok": props.t.status === "published", "tag-warn": props.t.status === "draft" }} data-testid="template-status" data-status={props.t.status}>
        {t(`templates.status.${props.t.status}`)}
      </span>
      <Show when={props.t.version > 0}>
        <span class="tag">v{props.t.version}</span>
      </Show>
      <Show when={props.t.hasDraft && props.t.status === "published"}>
        <span class="tag tag-warn">{t("templates.unpublishedChanges")}</span>
      </Show>
    </span>
  );
}

export function Templates() {
  document.title = t("templates.pageTitle");
  const navigate = useNavigate();
  const [list, { refetch }] = createResource(() => templatesApi.list());
  const [presets, { refetch: refetchPresets }] = createResource(() => templatesApi.presets());
  const [me] = createResource(() => api.me());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  /** The preset being named: a click asks for the new template's name before anything is created. */
  const [naming, setNaming] = createSignal<Preset>();

  const create = async (p: Preset, name: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await templatesApi.create({ name, content: p.content, rules: p.rules });
      setNaming(undefined);
      navigate(`/templates/${created.id}`);
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
          <h1>{t("templates.title")}</h1>
          <p class="muted">{t("templates.lead")}</p>
        </div>
      </header>

      {/* A failed read must not take the page down: reading an errored resource throws. */}
      <Show when={!me.error && canEditTemplates(me()?.role)}>
        <section class="card template-presets" aria-labelledby="presets-title">
          <h2 id="presets-title">{t("templates.presetsTitle")}</h2>
          <Show when={error() && !naming()}>
            <p class="note note-error" role="alert">
              {error()}
            </p>
          </Show>
          <ResourceView resource={presets} refetch={refetchPresets}>
            {(items) => (
              <ul class="preset-list">
                <For each={items()}>
                  {(p) => (
                    <li>
                      <button type="button" class="preset" disabled={busy()} onClick={() => (setError(undefined), setNaming(p))} data-testid={`preset-${p.id}`}>
                        <strong>{presetName(p)}</strong>
                        <span class="muted">{presetDescription(p)}</span>
                        <span class="muted">{t("templates.presetQuestions", { n: p.content.questions.length })}</span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </ResourceView>
        </section>
      </Show>

      <Show when={naming()} keyed>
        {(p) => (
          <ConfirmDialog
            title={t("templates.nameDialogTitle")}
            confirm={t("templates.create")}
            busy={busy()}
            testid="name-dialog"
            onAnswer={(yes, form) => {
              if (!yes) return setNaming(undefined);
              const name = String(new FormData(form!).get("name") ?? "").trim();
              if (name) void create(p, name);
            }}
          >
            <p class="muted">{t("templates.nameDialogLead", { preset: presetName(p) })}</p>
            <label class="field">
              <span>{t("templates.nameLabel")}</span>
              <input name="name" required maxLength={120} value={presetName(p)} autofocus onFocus={(e) => e.currentTarget.select()} />
            </label>
            <Show when={error()}>
              <p class="note note-error" role="alert">
                {error()}
              </p>
            </Show>
          </ConfirmDialog>
        )}
      </Show>

      <section class="card" aria-labelledby="templates-title">
        <h2 id="templates-title">{t("templates.listTitle")}</h2>
        <p class="muted">{t("templates.listLead")}</p>
        <ResourceTable
          resource={list}
          refetch={refetch}
          empty={t("templates.empty")}
          class="keys templates-table"
          columns={[t("templates.colName"), t("templates.colStatus"), t("templates.colPriority"), t("templates.colPublished"), t("templates.colEdited")]}
          row={(tpl) => (
            <tr data-testid="template-row">
              <td>
                <A href={`/templates/${tpl.id}`}>{tpl.name}</A>
              </td>
              <td>
                <StatusTag t={tpl} />
              </td>
              <td>{tpl.priority}</td>
              <td>{tpl.publishedAt ? formatDateTime(tpl.publishedAt) : "—"}</td>
              <td>{formatDateTime(tpl.updatedAt)}</td>
            </tr>
          )}
        />
      </section>
    </>
  );
}
