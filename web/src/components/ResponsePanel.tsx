// One response in the closed loop: its answers, alerts, notes and replies; assign, note, reply by email, close.
import { createResource, createSignal, For, Show } from "solid-js";
import { createAction } from "../action";
import { api, type ResponseItem } from "../api";
import { formatDateTime, formatDuration } from "../format";
import { STATUS_LABELS } from "./Feed";
import { ResourceView } from "./ResourceView";

export function ResponsePanel(props: { id: string; version: number; onClose: () => void; onChanged: (r: ResponseItem) => void }) {
  const [detail, { refetch }] = createResource(() => ({ id: props.id, v: props.version }), (q) => api.response(q.id));
  const [assignees] = createResource(() => api.assignees());
  const [me] = createResource(() => api.me());
  /** A change, then its result shown; `run` resolves false (and `error` says why) when it failed. */
  const { busy, error, run: act } = createAction(async (change: () => Promise<unknown>) => {
    await change();
    await refetch();
    const r = detail.latest?.response;
    if (r) props.onChanged(r);
  });

  return (
    <aside class="card response-panel" aria-labelledby="response-title" data-testid="response-panel">
      <div class="panel-head">
        <h2 id="response-title">Response</h2>
        <button type="button" class="btn btn-ghost btn-small" onClick={props.onClose} aria-label="Close the response">
          ✕
        </button>
      </div>
      <ResourceView resource={detail} refetch={refetch}>
        {(d) => {
          const r = () => d().response;
          return (
            <>
              <p class="big-line">
                <span class="big">{r().score ?? "—"}</span>
                <span class={`tag status-${r().status}`} data-testid="panel-status">{STATUS_LABELS[r().status]}</span>
              </p>
              <p class="feed-comment">{r().comment ?? <span class="muted">No comment</span>}</p>
              <dl class="mail-meta">
                <dt>Customer</dt>
                <dd>{r().customerName ? `${r().customerName} <${r().customerEmail}>` : r().customerEmail}</dd>
                <dt>Order</dt>
                <dd>{r().orderId} · {r().channel ?? "no channel"} · {r().category ?? "no category"} · {r().locale}</dd>
                <dt>Answered</dt>
                <dd>{formatDateTime(r().answeredAt)}</dd>
                <Show when={r().timeToCloseMs != null}>
                  <dt>Closed</dt>
                  <dd>{formatDateTime(r().closedAt)} (after {formatDuration(r().timeToCloseMs!)})</dd>
                </Show>
                <Show when={d().alerts.length > 0}>
                  <dt>Alerts</dt>
                  <dd>{d().alerts.map((a) => a.ruleName).join(", ")}</dd>
                </Show>
              </dl>

              <div class="form-row compact">
                <label class="inline-field">
                  <span>Assignee</span>
                  <select
                    value={r().assigneeId ?? ""}
                    disabled={busy()}
                    onChange={(e) => act(() => api.updateResponse(r().id, { assigneeId: e.currentTarget.value || null }))}
                    data-testid="assignee"
                  >
                    <option value="">nobody</option>
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
                    Assign to me
                  </button>
                </Show>
                <Show
                  when={r().status !== "closed"}
                  fallback={
                    <button type="button" class="btn btn-small" disabled={busy()} onClick={() => act(() => api.updateResponse(r().id, { status: "open" }))}>
                      Reopen
                    </button>
                  }
                >
                  <button type="button" class="btn btn-primary btn-small" disabled={busy()} onClick={() => act(() => api.updateResponse(r().id, { status: "closed" }))}>
                    Close
                  </button>
                </Show>
              </div>

              <Show when={error()}>
                <p class="note note-error" role="alert">{error()}</p>
              </Show>

              <h3 class="subhead">Notes and replies</h3>
              <Show when={d().notes.length > 0} fallback={<p class="muted">None yet.</p>}>
                <ol class="notes">
                  <For each={d().notes}>
                    {(n) => (
                      <li classList={{ "note-item": true, reply: n.kind === "reply" }} data-testid="note">
                        <span class="tag">{n.kind === "reply" ? "emailed to customer" : "internal note"}</span> <span class="muted">{n.authorEmail ?? "API"} · {formatDateTime(n.createdAt)}</span>
                        <p>{n.body}</p>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>

              <TextForm id="note-body" label="Internal note" rows={2} submit="Add note" busy={busy()} send={(body) => act(() => api.addNote(r().id, body))} />
              <TextForm
                id="reply-body"
                label="Reply to the customer by email (their answer comes to you)"
                rows={3}
                submit="Send reply"
                busy={busy()}
                send={(body) => act(() => api.reply(r().id, body))}
              />
            </>
          );
        }}
      </ResourceView>
    </aside>
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
