// API keys: list, create (the secret is shown once), revoke.
import { createResource, createSignal, For, Show } from "solid-js";
import { api, type ApiKey, type ApiKeyScope } from "../api";
import { createAction } from "../action";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { formatDateTime } from "../format";

const SCOPES = {
  ingest: "Ingest — record purchases, CSV imports",
  read: "Read — scores, responses, exports, live",
  full: "Full — ingest, read, templates, customer export / erase (never users or keys)",
} satisfies Record<ApiKeyScope, string>;

export function Keys() {
  document.title = "API keys · ValuePulse";
  const [keys, { refetch }] = createResource(() => api.apiKeys());
  const [created, setCreated] = createSignal<{ key: ApiKey; secret: string }>();

  return (
    <>
      <header class="page-head">
        <div>
          <h1>API keys</h1>
          <p class="muted">
            Send them as <code>Authorization: Bearer &lt;key&gt;</code>. See the <a href="/api-reference">API reference</a> (<a href="/openapi.json">OpenAPI</a>).
          </p>
        </div>
      </header>

      <CreateKey
        onCreated={(r) => {
          setCreated(r);
          refetch();
        }}
      />

      <Show when={created()}>
        {(c) => <NewSecret name={c().key.name} secret={c().secret} onDone={() => setCreated(undefined)} />}
      </Show>

      <section class="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Keys</h2>
        <ResourceTable
          resource={keys}
          refetch={refetch}
          empty="No API keys yet."
          class="keys"
          columns={["Name", "Key", "Scope", "Created", "Last used", "Status", ACTIONS]}
          row={(key) => <KeyRow apiKey={key} onRevoked={refetch} />}
        />
      </section>
    </>
  );
}

function CreateKey(props: { onCreated: (r: { key: ApiKey; secret: string }) => void }) {
  const [name, setName] = createSignal("");
  const [scope, setScope] = createSignal<ApiKeyScope>("ingest");
  const { busy, error, run } = createAction(async () => {
    props.onCreated(await api.createApiKey(name().trim(), scope()));
    setName("");
  });
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void run();
  };

  return (
    <form class="card create-key" onSubmit={submit} aria-labelledby="create-key-title" data-testid="key-create">
      <h2 id="create-key-title">Create a key</h2>
      <div class="form-row">
        <div class="field">
          <label for="key-name">Name</label>
          <input
            id="key-name"
            name="name"
            required
            maxLength={100}
            placeholder="e.g. Shop backend"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="key-scope">Scope</label>
          <select id="key-scope" name="scope" value={scope()} onChange={(e) => setScope(e.currentTarget.value as ApiKeyScope)}>
            <For each={Object.entries(SCOPES)}>{([value, label]) => <option value={value}>{label}</option>}</For>
          </select>
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? "Creating…" : "Create key"}
        </button>
      </div>
      <Show when={error()}>
        <p class="note note-error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}

function NewSecret(props: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = createSignal(false);
  let input!: HTMLInputElement;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied(true);
    } catch {
      // No clipboard permission (e.g. plain http on another host): select it for Ctrl+C.
      input.select();
    }
  };
  return (
    <section class="card secret" role="status" aria-labelledby="secret-title">
      <h2 id="secret-title">Key “{props.name}” created</h2>
      <p>Copy it now: it will not be shown again.</p>
      <div class="secret-row">
        <label for="new-secret" class="visually-hidden">
          New API key
        </label>
        <input id="new-secret" ref={input} readOnly value={props.secret} data-testid="key-secret" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="btn btn-primary" onClick={copy} data-testid="key-copy">
          {copied() ? "Copied" : "Copy"}
        </button>
        <button type="button" class="btn btn-ghost" onClick={() => props.onDone()}>
          Done
        </button>
      </div>
    </section>
  );
}

function KeyRow(props: { apiKey: ApiKey; onRevoked: () => void }) {
  const [confirming, setConfirming] = createSignal(false);
  const { busy, error, run } = createAction(async () => {
    await api.revokeApiKey(props.apiKey.id);
    props.onRevoked();
  });
  const revoke = () => run().finally(() => setConfirming(false));
  return (
    <tr data-testid="key-item" data-id={props.apiKey.id} classList={{ revoked: props.apiKey.revokedAt != null }}>
      <td>{props.apiKey.name}</td>
      <td>
        <code>{props.apiKey.prefix}…</code>
      </td>
      <td>
        <span class={`tag tag-scope-${props.apiKey.scope}`}>{props.apiKey.scope}</span>
      </td>
      <td>{formatDateTime(props.apiKey.createdAt)}</td>
      <td>{props.apiKey.lastUsedAt == null ? "never" : formatDateTime(props.apiKey.lastUsedAt)}</td>
      <td>
        {props.apiKey.revokedAt == null ? (
          <span class="tag tag-ok">active</span>
        ) : (
          <>
            <span class="tag tag-muted">revoked</span> <small class="muted">{formatDateTime(props.apiKey.revokedAt)}</small>
          </>
        )}
      </td>
      <td class="actions">
        <Show when={props.apiKey.revokedAt == null}>
          <Show
            when={confirming()}
            fallback={
              <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setConfirming(true)} aria-label={`Revoke ${props.apiKey.name}`}>
                Revoke
              </button>
            }
          >
            <button type="button" class="btn btn-small btn-danger" onClick={revoke} disabled={busy()} data-testid="key-revoke-confirm">
              {busy() ? "Revoking…" : "Confirm revoke"}
            </button>
            <button type="button" class="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </Show>
        </Show>
        <Show when={error()}>
          <span class="error-inline" role="alert">
            {error()}
          </span>
        </Show>
      </td>
    </tr>
  );
}
