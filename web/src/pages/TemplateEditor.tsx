// The template editor: questions, wording in English and Vietnamese side by side, branding, sending rules, live preview
// (beside the form from 1200 px, a tab on a phone), test send, publish after a confirmation that names the templates it
// would take purchases from, and a guard against leaving with unsaved edits.
import { A, useBeforeLeave, useNavigate, useParams, type BeforeLeaveEventArgs } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";
import type { Question, QuestionType } from "../../../server/domain/template-content";
import { api, ApiError, errorMessage } from "../api";
import { ErrorNote } from "../components/ErrorNote";
import { ConfirmDialog } from "../components/template-editor/ConfirmDialog";
import { fieldId, fieldLabel, localizeError, validateTemplate, type FieldErrors } from "../components/template-editor/field-errors";
import { FieldError, LocalizedInput } from "../components/template-editor/LocalizedInput";
import { ItemBankPanel } from "../components/template-editor/ItemBankPanel";
import { PreviewPanel } from "../components/template-editor/PreviewPanel";
import { QuestionCard } from "../components/template-editor/QuestionCard";
import { newQuestion, QUESTION_TYPES, typeHint, typeLabel } from "../components/template-editor/questions";
import { RulesForm } from "../components/template-editor/RulesForm";
import { formatDateTime } from "../format";
import { DASHBOARD_LOCALES, t } from "../i18n";
import { templatesApi, type Overlap, type Preview, type TemplateDetail, type TemplateInput } from "../templates-api";
import { canEditTemplates, StatusTag } from "./Templates";
import "../templates.css";

export function TemplateEditor() {
  const params = useParams<{ id: string }>();
  const [template, { mutate, refetch }] = createResource(() => params.id, (id) => templatesApi.get(id));
  const [me] = createResource(() => api.me());
  return (
    <Show when={template.error ? template.error : undefined} fallback={
      <Show when={template.latest && me.state === "ready"} fallback={<EditorFrame />}>
        <Editor template={template.latest!} readOnly={!canEditTemplates(me()?.role) || template.latest!.status === "archived"} onSaved={(tpl) => mutate(tpl)} />
      </Show>
    }>
      {(e) => <ErrorNote error={e()} retry={refetch} />}
    </Show>
  );
}

/** While the template loads: the page's frame (breadcrumb, heading), so nothing jumps when it arrives. */
function EditorFrame() {
  return (
    <div class="editor" aria-busy="true">
      <header class="page-head">
        <div class="editor-title">
          <p class="muted">
            <A href="/templates">{t("editor.breadcrumb")}</A> /
          </p>
          <h1>{t("editor.loadingTitle")}</h1>
          <p class="muted" aria-live="polite">
            {t("common.loading")}
          </p>
        </div>
      </header>
    </div>
  );
}

const EMAIL_FIELDS = [
  ["subject", "editor.subject"],
  ["preheader", "editor.preheader"],
  ["intro", "editor.intro"],
  ["reminderSubject", "editor.reminderSubject"],
  ["reminderIntro", "editor.reminderIntro"],
] as const;

function Editor(props: { template: TemplateDetail; readOnly: boolean; onSaved: (t: TemplateDetail) => void }) {
  const navigate = useNavigate();
  const initial = (): TemplateInput => structuredClone({ name: props.template.name, content: props.template.content, rules: props.template.rules });
  const [draft, setDraft] = createStore<TemplateInput>(initial());
  const [dirty, setDirty] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal<string>();
  const [message, setMessage] = createSignal<{ kind: "ok" | "error"; text: string }>();
  const [newType, setNewType] = createSignal<QuestionType>("benefit");
  /** On a narrow screen the form and the preview are two tabs. */
  const [pane, setPane] = createSignal<"form" | "preview">("form");
  /** The publish confirmation: the overlaps found, or undefined while it is not asked. */
  const [confirmPublish, setConfirmPublish] = createSignal<Overlap[]>();
  const [leaving, setLeaving] = createSignal<BeforeLeaveEventArgs>();
  createEffect(() => (document.title = t("editor.pageTitle", { name: props.template.name })));

  // A different template (after duplicate) replaces the working copy.
  createEffect(on(() => props.template.id, () => {
    setDraft(reconcile(initial()));
    setDirty(false);
  }, { defer: true }));

  const errors = createMemo<FieldErrors>(() => ({ ...validateTemplate(JSON.parse(JSON.stringify(draft))), ...serverErrors() }));
  const errorCount = () => Object.keys(errors()).length;

  const edit = (fn: () => void) => {
    fn();
    setDirty(true);
    setServerErrors({});
    setMessage(undefined);
  };
  const setQuestion = (i: number, patch: Record<string, unknown>) =>
    edit(() => setDraft("content", "questions", i, (q) => ({ ...q, ...patch }) as Question));
  const moveQuestion = (i: number, delta: -1 | 1) =>
    edit(() =>
      setDraft("content", "questions", (qs) => {
        const next = [...qs];
        const [q] = next.splice(i, 1);
        next.splice(i + delta, 0, q!);
        return next;
      }),
    );
  const removeQuestion = (i: number) => edit(() => setDraft("content", "questions", (qs) => qs.filter((_, j) => j !== i)));
  const addQuestion = () =>
    edit(() =>
      setDraft("content", "questions", (qs) => {
        const q = newQuestion(newType(), qs);
        return q.type === "nps" ? [q, ...qs] : [...qs, q];
      }),
    );

  // Live preview: rendered by the server, a moment after the last valid edit.
  const [preview, setPreview] = createSignal<Preview>();
  const [previewError, setPreviewError] = createSignal<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  createEffect(() => {
    const snapshot = JSON.parse(JSON.stringify(draft)) as TemplateInput;
    const contentErrors = Object.keys(errors()).filter((k) => k.startsWith("content"));
    clearTimeout(timer);
    if (contentErrors.length > 0) {
      setPreviewError(t("editor.previewStale"));
      return;
    }
    const mine = ++seq;
    timer = setTimeout(async () => {
      try {
        const p = await templatesApi.preview(snapshot.content, Object.keys(errors()).some((k) => k.startsWith("rules")) ? undefined : snapshot.rules);
        if (mine === seq) {
          setPreview(p);
          setPreviewError(undefined);
        }
      } catch (e) {
        if (mine === seq) setPreviewError(errorMessage(e));
      }
    }, 300);
  });
  onCleanup(() => clearTimeout(timer));

  // Leaving with unsaved edits asks first: the browser's own prompt on closing or reloading the tab, ours on a link.
  const warn = (e: BeforeUnloadEvent) => {
    if (dirty()) e.preventDefault();
  };
  window.addEventListener("beforeunload", warn);
  onCleanup(() => window.removeEventListener("beforeunload", warn));
  useBeforeLeave((e) => {
    if (!dirty() || props.readOnly || e.defaultPrevented) return;
    e.preventDefault();
    setLeaving(e);
  });

  const run = async (label: string, fn: () => Promise<string | void>) => {
    setBusy(label);
    setMessage(undefined);
    try {
      const text = await fn();
      if (text) setMessage({ kind: "ok", text });
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && Array.isArray(e.details))
        setServerErrors(Object.fromEntries((e.details as { field: string; message: string }[]).map((d) => [d.field, localizeError(d.message)])));
      setMessage({ kind: "error", text: errorMessage(e) });
    } finally {
      setBusy(undefined);
    }
  };
  const saveIfDirty = async () => {
    if (!dirty()) return;
    const saved = await templatesApi.update(props.template.id, JSON.parse(JSON.stringify(unwrap(draft))));
    setDirty(false);
    props.onSaved(saved);
  };

  let summary: HTMLDivElement | undefined;
  /** With problems, an action says so where the problems are listed instead of doing nothing. */
  const blocked = () => {
    if (errorCount() === 0) return false;
    setPane("form");
    setMessage({ kind: "error", text: t("editor.fixFirst") });
    queueMicrotask(() => summary?.focus());
    return true;
  };
  const goToField = (path: string) => {
    setPane("form");
    queueMicrotask(() => {
      const el = document.getElementById(fieldId(path));
      el?.scrollIntoView({ block: "center" });
      el?.focus();
    });
  };

  const save = () => !blocked() && run("save", async () => (await saveIfDirty(), t("editor.saved")));
  // Publish: save, ask which published templates it would take purchases from, then confirm.
  const askPublish = () =>
    !blocked() &&
    run("publish", async () => {
      await saveIfDirty();
      setConfirmPublish(await templatesApi.overlaps(props.template.id));
    });
  const publish = () =>
    run("publish", async () => {
      setConfirmPublish(undefined);
      const tpl = await templatesApi.publish(props.template.id);
      props.onSaved(tpl);
      return t("editor.published", { n: tpl.version });
    });
  const testSend = () =>
    !blocked() &&
    run("test", async () => {
      await saveIfDirty();
      const r = await templatesApi.testSend(props.template.id, [...DASHBOARD_LOCALES]);
      return t("editor.testSent", { to: r.to });
    });
  const duplicate = () =>
    run("duplicate", async () => {
      if (!props.readOnly) await saveIfDirty();
      const tpl = await templatesApi.duplicate(props.template.id);
      navigate(`/templates/${tpl.id}`);
    });
  const archive = () =>
    run("archive", async () => {
      if (!confirm(t("editor.confirmArchive"))) return;
      props.onSaved(await templatesApi.archive(props.template.id));
      return t("editor.archived");
    });
  const remove = () =>
    run("delete", async () => {
      if (!confirm(t("editor.confirmDelete"))) return;
      await templatesApi.remove(props.template.id);
      setDirty(false);
      navigate("/templates");
    });

  const canPublish = () => !props.readOnly && (dirty() || props.template.hasDraft || props.template.version === 0);
  const nextVersion = () => props.template.version + 1;

  return (
    <div class="editor">
      <header class="page-head">
        <div class="editor-title">
          <p class="muted">
            <A href="/templates">{t("editor.breadcrumb")}</A> /
          </p>
          <h1>{draft.name || t("editor.untitled")}</h1>
          <p class="muted">
            <StatusTag t={props.template} />
            <Show when={props.template.publishedAt}> {t("editor.lastPublished", { date: formatDateTime(props.template.publishedAt!) })}</Show>
            <Show when={dirty()}>
              {" "}
              <span class="tag tag-warn" data-testid="unsaved">
                {t("editor.unsaved")}
              </span>
            </Show>
          </p>
        </div>
        <Show when={!props.readOnly}>
          <div class="page-tools">
            <button type="button" class="btn" disabled={!!busy() || !dirty()} onClick={save}>
              {t("editor.saveDraft")}
            </button>
            <button type="button" class="btn" disabled={!!busy()} onClick={testSend}>
              {t("editor.sendTest")}
            </button>
            <button type="button" class="btn btn-primary" disabled={!!busy() || !canPublish()} onClick={askPublish} data-testid="publish">
              {busy() === "publish" && !confirmPublish() ? t("editor.checking") : t("editor.publish")}
            </button>
            <Show
              when={props.template.version === 0}
              fallback={
                <button type="button" class="btn btn-ghost" disabled={!!busy()} onClick={archive}>
                  {t("editor.archive")}
                </button>
              }
            >
              <button type="button" class="btn btn-ghost btn-danger-outline" disabled={!!busy()} onClick={remove}>
                {t("editor.deleteDraft")}
              </button>
            </Show>
          </div>
        </Show>
      </header>
      <Show when={props.readOnly}>
        <p class="note">
          {props.template.status === "archived" ? t("editor.archivedNote") : t("editor.readOnlyNote")}
          <Show when={props.template.status === "archived"}>
            {" "}
            <button type="button" class="btn btn-small" disabled={!!busy()} onClick={duplicate}>
              {t("editor.duplicateToEdit")}
            </button>
          </Show>
        </p>
      </Show>
      <Show when={message()}>
        {(m) => (
          <p class="note" classList={{ "note-ok": m().kind === "ok", "note-error": m().kind === "error" }} role={m().kind === "error" ? "alert" : "status"} data-testid="editor-message">
            {m().text}
          </p>
        )}
      </Show>
      <Show when={errorCount() > 0 && !props.readOnly}>
        <div class="note note-error error-summary" role="region" aria-labelledby="error-summary-title" tabindex="-1" ref={summary} data-testid="error-summary">
          <h2 id="error-summary-title" class="error-summary-title">
            {errorCount() === 1 ? t("editor.problem") : t("editor.problems", { n: errorCount() })}
          </h2>
          <ul>
            <For each={Object.entries(errors())}>
              {([path, msg]) => (
                <li>
                  <a
                    href={`#${fieldId(path)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      goToField(path);
                    }}
                  >
                    {fieldLabel(path)}
                  </a>
                  : {msg}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>

      <div class="seg editor-switch" role="group" aria-label={t("editor.viewSwitch")}>
        <button type="button" class="btn btn-small" aria-pressed={pane() === "form"} aria-controls="editor-form" onClick={() => setPane("form")} data-testid="pane-form">
          {t("editor.viewForm")}
        </button>
        <button type="button" class="btn btn-small" aria-pressed={pane() === "preview"} aria-controls="editor-preview" onClick={() => setPane("preview")} data-testid="pane-preview">
          {t("editor.viewPreview")}
        </button>
      </div>

      <div class="editor-grid" data-pane={pane()}>
        <fieldset class="editor-form" id="editor-form" disabled={props.readOnly}>
          <section class="card" aria-labelledby="basics-title">
            <h2 id="basics-title">{t("editor.basics")}</h2>
            <div class="rules-grid">
              <label class="field">
                <span>{t("editor.templateName")}</span>
                <input id={fieldId("name")} value={draft.name} aria-invalid={errors().name ? "true" : undefined} aria-describedby={errors().name ? `${fieldId("name")}-err` : undefined} onInput={(e) => edit(() => setDraft("name", e.currentTarget.value))} />
                <FieldError path="name" errors={errors()} />
              </label>
              <label class="field">
                <span>{t("editor.brandName")}</span>
                <input
                  id={fieldId("content.brand.name")}
                  value={draft.content.brand.name}
                  aria-invalid={errors()["content.brand.name"] ? "true" : undefined}
                  aria-describedby={errors()["content.brand.name"] ? `${fieldId("content.brand.name")}-err` : undefined}
                  onInput={(e) => edit(() => setDraft("content", "brand", "name", e.currentTarget.value))}
                />
                <FieldError path="content.brand.name" errors={errors()} />
              </label>
              <div class="field">
                <label for={fieldId("content.brand.color")}>{t("editor.brandColour")}</label>
                <span class="with-suffix">
                  <input type="color" aria-label={t("editor.pickColour")} value={/^#[0-9a-f]{6}$/i.test(draft.content.brand.color) ? draft.content.brand.color : "#000000"} onInput={(e) => edit(() => setDraft("content", "brand", "color", e.currentTarget.value))} />
                  <input
                    id={fieldId("content.brand.color")}
                    value={draft.content.brand.color}
                    aria-invalid={errors()["content.brand.color"] ? "true" : undefined}
                    aria-describedby={errors()["content.brand.color"] ? `${fieldId("content.brand.color")}-err` : undefined}
                    onInput={(e) => edit(() => setDraft("content", "brand", "color", e.currentTarget.value))}
                  />
                </span>
                <FieldError path="content.brand.color" errors={errors()} />
              </div>
              <label class="field">
                <span>{t("editor.logoUrl")}</span>
                <input
                  id={fieldId("content.brand.logoUrl")}
                  value={draft.content.brand.logoUrl ?? ""}
                  placeholder={t("editor.none")}
                  aria-invalid={errors()["content.brand.logoUrl"] ? "true" : undefined}
                  aria-describedby={errors()["content.brand.logoUrl"] ? `${fieldId("content.brand.logoUrl")}-err` : undefined}
                  onInput={(e) => edit(() => setDraft("content", "brand", "logoUrl", e.currentTarget.value.trim() === "" ? null : e.currentTarget.value))}
                />
                <FieldError path="content.brand.logoUrl" errors={errors()} />
              </label>
            </div>
          </section>

          <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">{t("editor.email")}</h2>
            <label class="field">
              <span>{t("editor.senderName")}</span>
              <input
                id={fieldId("content.email.senderName")}
                value={draft.content.email.senderName}
                aria-invalid={errors()["content.email.senderName"] ? "true" : undefined}
                aria-describedby={errors()["content.email.senderName"] ? `${fieldId("content.email.senderName")}-err` : undefined}
                onInput={(e) => edit(() => setDraft("content", "email", "senderName", e.currentTarget.value))}
              />
              <FieldError path="content.email.senderName" errors={errors()} />
            </label>
            <For each={EMAIL_FIELDS}>
              {([key, label]) => (
                <LocalizedInput
                  label={t(label)}
                  path={`content.email.${key}`}
                  value={draft.content.email[key]}
                  errors={errors()}
                  multiline={key === "intro" || key === "reminderIntro"}
                  onInput={(locale, v) => edit(() => setDraft("content", "email", key, locale, v))}
                />
              )}
            </For>
          </section>

          <section class="card" aria-labelledby="questions-title">
            <h2 id="questions-title">{t("editor.questions")}</h2>
            <span id={fieldId("content.questions")} tabindex="-1" />
            <FieldError path="content.questions" errors={errors()} />
            <ol class="q-list">
              <For each={draft.content.questions}>
                {(q, i) => (
                  <QuestionCard
                    question={q}
                    index={i()}
                    count={draft.content.questions.length}
                    errors={errors()}
                    onChange={(patch) => setQuestion(i(), patch)}
                    onMove={(d) => moveQuestion(i(), d)}
                    onRemove={() => removeQuestion(i())}
                  />
                )}
              </For>
            </ol>
            <div class="form-row">
              <label class="field">
                <span>{t("editor.addQuestionLabel")}</span>
                <select value={newType()} onChange={(e) => setNewType(e.currentTarget.value as QuestionType)}>
                  <For each={QUESTION_TYPES}>
                    {(type) => (
                      <option value={type} disabled={(type === "nps" || type === "csat") && draft.content.questions.some((q) => q.type === type)}>
                        {typeLabel(type)} — {typeHint(type)}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <button type="button" class="btn" onClick={addQuestion}>
                {t("editor.addQuestion")}
              </button>
            </div>
          </section>

          <ItemBankPanel questions={draft.content.questions} disabled={props.readOnly} onAdd={(qs) => edit(() => setDraft("content", "questions", (cur) => [...cur, ...qs]))} />

          <section class="card" aria-labelledby="rules-title">
            <h2 id="rules-title">{t("editor.rules")}</h2>
            <RulesForm rules={draft.rules} errors={errors()} onChange={(patch) => edit(() => setDraft("rules", (r) => ({ ...r, ...patch })))} />
          </section>

          <Show when={props.template.versions.length > 0}>
            <section class="card" aria-labelledby="versions-title">
              <h2 id="versions-title">{t("editor.versions")}</h2>
              <p class="muted">{t("editor.versionsLead")}</p>
              <ul class="versions">
                <For each={props.template.versions}>
                  {(v) => (
                    <li>
                      <strong>v{v.version}</strong> {formatDateTime(v.publishedAt)}
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>

          <Show when={!props.readOnly}>
            <p class="muted">
              <button type="button" class="btn btn-small" disabled={!!busy()} onClick={duplicate}>
                {t("editor.duplicate")}
              </button>{" "}
              {t("editor.duplicateHint")}
            </p>
          </Show>
        </fieldset>

        <PreviewPanel id="editor-preview" preview={preview()} stale={!!previewError()} error={previewError()} />
      </div>

      <Show when={confirmPublish()} keyed>
        {(overlaps) => (
          <ConfirmDialog
            title={t("editor.publishDialogTitle", { n: nextVersion() })}
            confirm={overlaps.length > 0 ? t("editor.publishAnyway") : t("editor.publishConfirm")}
            danger={overlaps.length > 0}
            busy={!!busy()}
            testid="publish-dialog"
            onAnswer={(yes) => (yes ? void publish() : setConfirmPublish(undefined))}
          >
            <p>{t("editor.publishDialogLead")}</p>
            <Show when={overlaps.length > 0}>
              <div class="note note-warn" data-testid="overlap-warning">
                <p>{t("editor.overlapWarning")}</p>
                <ul>
                  <For each={overlaps}>{(o) => <li>{t("editor.overlapItem", { name: o.name, version: o.version, priority: o.priority })}</li>}</For>
                </ul>
                <p class="muted">{t("editor.overlapHint")}</p>
              </div>
            </Show>
          </ConfirmDialog>
        )}
      </Show>

      <Show when={leaving()} keyed>
        {(attempt) => (
          <ConfirmDialog
            title={t("editor.unsavedTitle")}
            confirm={t("editor.leave")}
            danger
            testid="leave-dialog"
            onAnswer={(yes) => {
              setLeaving(undefined);
              if (yes) {
                setDirty(false);
                attempt.retry(true);
              }
            }}
          >
            <p>{t("editor.confirmLeave")}</p>
          </ConfirmDialog>
        )}
      </Show>
    </div>
  );
}
