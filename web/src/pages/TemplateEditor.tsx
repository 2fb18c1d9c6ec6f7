// The template editor: questions, wording in English and Vietnamese side by side, branding, sending rules, live preview, test send, publish.
import { A, useNavigate, useParams } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";
import type { Question, QuestionType } from "../../../server/domain/template-content";
import { api, ApiError, errorMessage } from "../api";
import { ErrorNote } from "../components/ErrorNote";
import { fieldId, fieldLabel, validateTemplate, type FieldErrors } from "../components/template-editor/field-errors";
import { FieldError, LocalizedInput } from "../components/template-editor/LocalizedInput";
import { PreviewPanel } from "../components/template-editor/PreviewPanel";
import { QuestionCard } from "../components/template-editor/QuestionCard";
import { newQuestion, QUESTION_TYPES } from "../components/template-editor/questions";
import { RulesForm } from "../components/template-editor/RulesForm";
import { formatDateTime } from "../format";
import { templatesApi, type Preview, type TemplateDetail, type TemplateInput } from "../templates-api";
import { canEditTemplates, StatusTag } from "./Templates";
import "../templates.css";

export function TemplateEditor() {
  const params = useParams<{ id: string }>();
  const [template, { mutate, refetch }] = createResource(() => params.id, (id) => templatesApi.get(id));
  const [me] = createResource(() => api.me());
  return (
    <Show when={template.error ? template.error : undefined} fallback={
      <Show when={template.latest && me.state === "ready"} fallback={<p class="muted">Loading…</p>}>
        <Editor template={template.latest!} readOnly={!canEditTemplates(me()?.role) || template.latest!.status === "archived"} onSaved={(t) => mutate(t)} />
      </Show>
    }>
      {(e) => <ErrorNote error={e()} retry={refetch} />}
    </Show>
  );
}

function Editor(props: { template: TemplateDetail; readOnly: boolean; onSaved: (t: TemplateDetail) => void }) {
  const navigate = useNavigate();
  const initial = (): TemplateInput => structuredClone({ name: props.template.name, content: props.template.content, rules: props.template.rules });
  const [draft, setDraft] = createStore<TemplateInput>(initial());
  const [dirty, setDirty] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal<string>();
  const [message, setMessage] = createSignal<{ kind: "ok" | "error"; text: string }>();
  const [newType, setNewType] = createSignal<QuestionType>("benefit");
  document.title = `${props.template.name} · Templates · ValuePulse`;

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
      setPreviewError("The preview shows the last valid version: fix the errors to update it.");
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

  // Leaving the page with unsaved edits asks first.
  const warn = (e: BeforeUnloadEvent) => {
    if (dirty()) e.preventDefault();
  };
  window.addEventListener("beforeunload", warn);
  onCleanup(() => window.removeEventListener("beforeunload", warn));

  const run = async (label: string, fn: () => Promise<string | void>) => {
    setBusy(label);
    setMessage(undefined);
    try {
      const text = await fn();
      if (text) setMessage({ kind: "ok", text });
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && Array.isArray(e.details))
        setServerErrors(Object.fromEntries((e.details as { field: string; message: string }[]).map((d) => [d.field, d.message])));
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
  const save = () => run("save", async () => (await saveIfDirty(), "Draft saved."));
  const publish = () =>
    run("publish", async () => {
      await saveIfDirty();
      const t = await templatesApi.publish(props.template.id);
      props.onSaved(t);
      return `Published version ${t.version}. New purchases are invited with it.`;
    });
  const testSend = () =>
    run("test", async () => {
      await saveIfDirty();
      const r = await templatesApi.testSend(props.template.id, ["en", "vi"]);
      return `Test emails (English and Vietnamese) sent to ${r.to}.`;
    });
  const duplicate = () =>
    run("duplicate", async () => {
      const t = await templatesApi.duplicate(props.template.id);
      navigate(`/templates/${t.id}`);
    });
  const archive = () =>
    run("archive", async () => {
      if (!confirm("Archive this template? It will invite no one; surveys already sent keep working.")) return;
      props.onSaved(await templatesApi.archive(props.template.id));
      return "Archived.";
    });

  const remove = () =>
    run("delete", async () => {
      if (!confirm("Delete this draft? It was never published, so no survey uses it.")) return;
      await templatesApi.remove(props.template.id);
      navigate("/templates");
    });

  const canPublish = () => !props.readOnly && errorCount() === 0 && (dirty() || props.template.hasDraft || props.template.version === 0);

  return (
    <div class="editor">
      <header class="page-head">
        <div>
          <p class="muted">
            <A href="/templates">Templates</A> /
          </p>
          <h1>{draft.name || "Untitled"}</h1>
          <p class="muted">
            <StatusTag t={props.template} />
            <Show when={props.template.publishedAt}> Last published {formatDateTime(props.template.publishedAt)}.</Show>
            <Show when={dirty()}>
              <span class="tag tag-warn" data-testid="unsaved">unsaved</span>
            </Show>
          </p>
        </div>
        <Show when={!props.readOnly}>
          <div class="page-tools">
            <button type="button" class="btn" disabled={!!busy() || !dirty() || errorCount() > 0} onClick={save}>
              Save draft
            </button>
            <button type="button" class="btn" disabled={!!busy() || errorCount() > 0} onClick={testSend}>
              Send test to me
            </button>
            <button type="button" class="btn btn-primary" disabled={!!busy() || !canPublish()} onClick={publish}>
              Publish
            </button>
          </div>
        </Show>
        <div class="page-tools">
          <Show when={!props.readOnly}>
            <Show
              when={props.template.version === 0}
              fallback={
                <button type="button" class="btn btn-ghost" disabled={!!busy()} onClick={archive}>
                  Archive
                </button>
              }
            >
              <button type="button" class="btn btn-ghost btn-danger-outline" disabled={!!busy()} onClick={remove}>
                Delete draft
              </button>
            </Show>
          </Show>
        </div>
      </header>
      <Show when={props.readOnly}>
        <p class="note">
          {props.template.status === "archived" ? "This template is archived: it invites no one." : "You can look at templates; admins and marketers edit them."}
          <Show when={props.template.status === "archived"}>
            <button type="button" class="btn btn-small" disabled={!!busy()} onClick={duplicate}>
              Duplicate to edit
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
        <div class="note note-error error-summary" role="status" data-testid="error-summary">
          <strong>{errorCount()} {errorCount() === 1 ? "problem" : "problems"} to fix before saving:</strong>
          <ul>
            <For each={Object.entries(errors()).slice(0, 8)}>
              {([path, msg]) => (
                <li>
                  <a href={`#${fieldId(path)}`}>{fieldLabel(path)}</a>: {msg}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>

      <div class="editor-grid">
        <fieldset class="editor-form" disabled={props.readOnly}>
          <section class="card" aria-labelledby="basics-title">
            <h2 id="basics-title">Name and brand</h2>
            <div class="rules-grid">
              <label class="field">
                <span>Template name (dashboard only)</span>
                <input id={fieldId("name")} value={draft.name} onInput={(e) => edit(() => setDraft("name", e.currentTarget.value))} />
                <FieldError path="name" errors={errors()} />
              </label>
              <label class="field">
                <span>Brand name</span>
                <input id={fieldId("content.brand.name")} value={draft.content.brand.name} onInput={(e) => edit(() => setDraft("content", "brand", "name", e.currentTarget.value))} />
                <FieldError path="content.brand.name" errors={errors()} />
              </label>
              <label class="field">
                <span>Brand colour</span>
                <span class="with-suffix">
                  <input type="color" aria-label="Pick brand colour" value={/^#[0-9a-f]{6}$/i.test(draft.content.brand.color) ? draft.content.brand.color : "#000000"} onInput={(e) => edit(() => setDraft("content", "brand", "color", e.currentTarget.value))} />
                  <input id={fieldId("content.brand.color")} value={draft.content.brand.color} onInput={(e) => edit(() => setDraft("content", "brand", "color", e.currentTarget.value))} />
                </span>
                <FieldError path="content.brand.color" errors={errors()} />
              </label>
              <label class="field">
                <span>Logo URL (https)</span>
                <input
                  id={fieldId("content.brand.logoUrl")}
                  value={draft.content.brand.logoUrl ?? ""}
                  placeholder="none"
                  onInput={(e) => edit(() => setDraft("content", "brand", "logoUrl", e.currentTarget.value.trim() === "" ? null : e.currentTarget.value))}
                />
                <FieldError path="content.brand.logoUrl" errors={errors()} />
              </label>
            </div>
          </section>

          <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">Email</h2>
            <label class="field">
              <span>Sender name</span>
              <input id={fieldId("content.email.senderName")} value={draft.content.email.senderName} onInput={(e) => edit(() => setDraft("content", "email", "senderName", e.currentTarget.value))} />
              <FieldError path="content.email.senderName" errors={errors()} />
            </label>
            <For each={[["subject", "Subject"], ["preheader", "Preheader (inbox preview line)"], ["intro", "Introduction"], ["reminderSubject", "Reminder subject"], ["reminderIntro", "Reminder introduction"]] as const}>
              {([key, label]) => (
                <LocalizedInput
                  label={label}
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
            <h2 id="questions-title">Questions</h2>
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
                <span>Add a question</span>
                <select value={newType()} onChange={(e) => setNewType(e.currentTarget.value as QuestionType)}>
                  <For each={QUESTION_TYPES}>
                    {(t) => (
                      <option value={t.type} disabled={(t.type === "nps" || t.type === "csat") && draft.content.questions.some((q) => q.type === t.type)}>
                        {t.label} — {t.hint}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <button type="button" class="btn" onClick={addQuestion}>
                Add question
              </button>
            </div>
          </section>

          <section class="card" aria-labelledby="rules-title">
            <h2 id="rules-title">Sending rules</h2>
            <RulesForm rules={draft.rules} errors={errors()} onChange={(patch) => edit(() => setDraft("rules", (r) => ({ ...r, ...patch })))} />
          </section>

          <Show when={props.template.versions.length > 0}>
            <section class="card" aria-labelledby="versions-title">
              <h2 id="versions-title">Published versions</h2>
              <p class="muted">Each is frozen: invitations and responses keep the version they used.</p>
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
                Duplicate
              </button>{" "}
              makes a new draft from this working copy.
            </p>
          </Show>
        </fieldset>

        <PreviewPanel preview={preview()} stale={!!previewError()} error={previewError()} />
      </div>
    </div>
  );
}
