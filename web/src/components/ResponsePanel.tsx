// One response in the closed loop, as a modal dialog: its answers, alerts, notes and replies; open a case, assign, note, reply by email, resolve.
import { createResource, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { createAction } from "../action";
import { api, type CaseStatusChange, type ResponseItem } from "../api";
import { formatDateTime, formatDuration } from "../format";
import { t } from "../i18n";
import { statusLabel } from "./Feed";
import { ResourceView } from "./ResourceView";

/**
 * A native <dialog> opened with showModal(): in view at any width (a drawer on the right, the whole screen on a
 * phone), focus moves into it and stays there, Escape and the close button close it; the page puts focus back.
 */
export function ResponsePanel(props: { id: string; version: number; onClose: () => void; onChanged: (r: ResponseItem) => void }) {
  const [detail, { refetch, mutate }] = createResource(() => ({ id: props.id, v: props.version }), (q) => api.response(q.id));
  const [assignees] = createResource(() => api.assignees());
  const [me] = createResource(() => api.me());
  /**
   * A change, then the response read again and shown here and in the feed; `run` resolves false (and `error` says
   * why) when it failed. Read by hand, not with refetch(): a live event may start another read meanwhile, and
   * refetch() then resolves with the resource still holding the old response.
   */
  const { busy, error, run: act } = createAction(async (change: () => Promise<unknown>) => {
    await change();
    const fresh = await api.response(props.id);
    mutate(fresh);
    props.onChanged(fresh.response);
  });
  let dialog!: HTMLDialogElement;
  let closeButton!: HTMLButtonElement;
  onMount(() => {
    if (!dialog.open) dialog.showModal();
    closeButton.focus();
  });
  let removed = false;
  onCleanup(() => {
    removed = true;
    if (dialog.open) dialog.close();
  });
  const setStatus = (status: CaseStatusChange) => (r: ResponseItem) => act(() => api.updateResponse(r.id, { status }));
  /** The page behind is inert, but Tab past the last control would leave for the browser's own bar: go round instead. */
  const trapTab = (e: KeyboardEvent) => {
    if (e.key !== "Tab") return;
    const focusable = [...dialog.querySelectorAll<HTMLElement>("button, select, textarea, input, a[href], [tabindex]:not([tabindex='-1'])")].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) (e.preventDefault(), last?.focus());
    else if (!e.shiftKey && document.activeElement === last) (e.preventDefault(), first?.focus());
  };

  return (
    <dialog
      ref={dialog}
      class="response-dialog"
      aria-labelledby="response-title"
      data-testid="response-panel"
      // Escape: close through the page (the URL drops ?response=), which removes the dialog.
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      // Chrome closes a dialog without a cancelable "cancel" on a second quick Escape: follow it.
      onClose={() => !removed && props.onClose()}
      onClick={(e) => e.target === dialog && props.onClose()}
      onKeyDown={trapTab}
    >
      <div class="dialog-head">
        <h2 id="response-title">{t("response.title")}</h2>
        <button ref={closeButton} type="button" class="btn btn-small" onClick={props.onClose} aria-label={t("response.closeLabel")} data-testid="panel-close">
          <span aria-hidden="true">✕</span> {t("response.close")}
        </button>
      </div>
      <div class="dialog-body">
        <ResourceView resource={detail} refetch={refetch}>
          {(d) => {
            const r = () => d().response;
            return (
              <>
                <p class="big-line">
                  <span class="big">{r().score ?? "—"}</span>
                  <span class="case-line">
                    <span class="muted">{t("response.caseLabel")}:</span>{" "}
                    <span class={`tag status-${r().status}`} data-testid="panel-status">
                      {statusLabel(r().status)}
                    </span>
                  </span>
                </p>
                <p class="feed-comment">{r().comment ?? <span class="muted">{t("response.noComment")}</span>}</p>
                <dl class="mail-meta">
                  <dt>{t("response.customer")}</dt>
                  <dd>{r().customerName ? `${r().customerName} <${r().customerEmail}>` : r().customerEmail}</dd>
                  <dt>{t("response.order")}</dt>
                  <dd>
                    {r().orderId} · {r().channel ?? t("response.noChannel")} · {r().category ?? t("response.noCategory")} · {r().locale}
                  </dd>
                  <dt>{t("response.answered")}</dt>
                  <dd>{formatDateTime(r().answeredAt)}</dd>
                  <Show when={r().timeToCloseMs != null}>
                    <dt>{t("response.resolved")}</dt>
                    <dd>{t("response.resolvedAfter", { at: formatDateTime(r().closedAt), time: formatDuration(r().timeToCloseMs!) })}</dd>
                  </Show>
                  <Show when={d().alerts.length > 0}>
                    <dt>{t("response.alerts")}</dt>
                    <dd>{d().alerts.map((a) => a.ruleName).join(", ")}</dd>
                  </Show>
                </dl>

                <Show
                  when={r().status !== "none"}
                  fallback={
                    <div class="case-actions">
                      <p class="muted small">{t("response.noCaseHint")}</p>
                      <button type="button" class="btn btn-primary btn-small" disabled={busy()} onClick={() => setStatus("open")(r())} data-testid="open-case">
                        {t("response.openCase")}
                      </button>
                    </div>
                  }
                >
                  <div class="form-row compact case-actions">
                    <label class="inline-field">
                      <span>{t("response.assignee")}</span>
                      <select
                        value={r().assigneeId ?? ""}
                        disabled={busy()}
                        onChange={(e) => act(() => api.updateResponse(r().id, { assigneeId: e.currentTarget.value || null }))}
                        data-testid="assignee"
                      >
                        <option value="">{t("response.nobody")}</option>
                        {/* `selected` per option: the people load after the select has its value. */}
                        <For each={assignees() ?? []}>
                          {(u) => (
                            <option value={u.id} selected={u.id === r().assigneeId}>
                              {u.name ?? u.email}
                            </option>
                          )}
                        </For>
                      </select>
                    </label>
                    <Show when={me() && r().assigneeId !== me()!.id}>
                      <button type="button" class="btn btn-small" disabled={busy()} onClick={() => act(() => api.updateResponse(r().id, { assigneeId: me()!.id }))}>
                        {t("response.assignToMe")}
                      </button>
                    </Show>
                    {/* Resolving sits with the case's other actions, away from the dialog's close button. */}
                    <Show
                      when={r().status !== "closed"}
                      fallback={
                        <button type="button" class="btn btn-small" disabled={busy()} onClick={() => setStatus("open")(r())} data-testid="reopen-case">
                          {t("response.reopen")}
                        </button>
                      }
                    >
                      <button type="button" class="btn btn-primary btn-small" disabled={busy()} onClick={() => setStatus("closed")(r())} data-testid="resolve-case">
                        {t("response.resolve")}
                      </button>
                    </Show>
                  </div>
                </Show>

                <Show when={error()}>
                  <p class="note note-error" role="alert">
                    {error()}
                  </p>
                </Show>

                <h3 class="subhead">{t("response.notes")}</h3>
                <Show when={d().notes.length > 0} fallback={<p class="muted">{t("response.noNotes")}</p>}>
                  <ol class="notes">
                    <For each={d().notes}>
                      {(n) => (
                        <li classList={{ "note-item": true, reply: n.kind === "reply" }} data-testid="note">
                          <span class="tag">{n.kind === "reply" ? t("response.emailed") : t("response.internal")}</span>{" "}
                          <span class="muted">
                            {n.authorEmail ?? t("response.byApi")} · {formatDateTime(n.createdAt)}
                          </span>
                          <p>{n.body}</p>
                        </li>
                      )}
                    </For>
                  </ol>
                </Show>

                <TextForm id="note-body" label={t("response.noteLabel")} rows={2} submit={t("response.addNote")} busy={busy()} send={(body) => act(() => api.addNote(r().id, body))} />
                <TextForm id="reply-body" label={t("response.replyLabel")} rows={3} submit={t("response.sendReply")} busy={busy()} send={(body) => act(() => api.reply(r().id, body))} />

              </>
            );
          }}
        </ResourceView>
      </div>
    </dialog>
  );
}

/** A text box and its button: sends the trimmed text, and empties the box once `send` went through. */
function TextForm(props: { id: string; label: string; rows: number; submit: string; busy: boolean; send: (body: string) => Promise<boolean> }) {
  const [text, setText] = createSignal("");
  return (
    <form
      class="field"
      onSubmit={async (e) => {
        e.preventDefault();
        const body = text().trim();
        if (body && (await props.send(body))) setText("");
      }}
    >
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} rows={props.rows} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit" class="btn btn-small" disabled={props.busy || !text().trim()}>
        {props.submit}
      </button>
    </form>
  );
}
