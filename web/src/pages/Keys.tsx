// API keys: list, create (the secret is shown once), revoke.
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { api, type ApiKey, type ApiKeyScope } from "../api";
import { createAction } from "../action";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import { API_KEY_SCOPES } from "../../../server/domain/vocabulary";


export function Keys() {
  createEffect(() => (document.title = `${t("keys.title")} · ValuePulse`));
  const [keys, { refetch }] = createResource(() => api.apiKeys());
  const [created, setCreated] = createSignal<{ key: ApiKey; secret: string }>();

  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("keys.title")}</h1>
          <p class="muted">
            {t("keys.sendAs")} <code>Authorization: Bearer &lt;key&gt;</code>. {t("keys.seeThe")} <a href="/api-reference">{t("keys.apiReference")}</a> (
            <a href="/openapi.json">OpenAPI</a>).
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
        <h2 id="keys-title">{t("keys.listTitle")}</h2>
        <ResourceTable
          resource={keys}
          refetch={refetch}
          empty={t("keys.empty")}
          class="keys stack-on-phone"
          columns={[t("keys.col.name"), t("keys.col.key"), t("keys.col.scope"), t("keys.col.created"), t("keys.col.lastUsed"), t("keys.col.status"), ACTIONS]}
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
      <h2 id="create-key-title">{t("keys.createTitle")}</h2>
      <div class="form-row">
        <div class="field">
          <label for="key-name">{t("keys.col.name")}</label>
          <input
            id="key-name"
            name="name"
            required
            maxLength={100}
            placeholder={t("keys.namePlaceholder")}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="key-scope">{t("keys.col.scope")}</label>
          <select id="key-scope" name="scope" value={scope()} onChange={(e) => setScope(e.currentTarget.value as ApiKeyScope)}>
            <For each={API_KEY_SCOPES}>{(s) => <option value={s}>{t(`keys.scopeHelp.${s}`)}</option>}</For>
          </select>
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("keys.creating") : t("keys.create")}
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
      <h2 id="secret-title">{t("keys.created", { name: props.name })}</h2>
      <p>{t("keys.copyNow")}</p>
      <div class="secret-row">
        <label for="new-secret" class="visually-hidden">
          {t("keys.newKey")}
        </label>
        <input id="new-secret" ref={input} readOnly value={props.secret} data-testid="key-secret" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="btn btn-primary" onClick={copy} data-testid="key-copy">
          {copied() ? t("keys.copied") : t("keys.copy")}
        </button>
        <button type="button" class="btn btn-ghost" onClick={() => props.onDone()}>
          {t("keys.done")}
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
      <td data-label={t("keys.col.name")}>{props.apiKey.name}</td>
      <td data-label={t("keys.col.key")}>
        <code>{props.apiKey.prefix}…</code>
      </td>
      <td data-label={t("keys.col.scope")}>
        <span class={`tag tag-scope-${props.apiKey.scope}`}>{t(`keys.scope.${props.apiKey.scope}`)}</span>
      </td>
      <td data-label={t("keys.col.created")}>{formatDateTime(props.apiKey.createdAt)}</td>
      <td data-label={t("keys.col.lastUsed")}>{props.apiKey.lastUsedAt == null ? t("keys.never") : formatDateTime(props.apiKey.lastUsedAt)}</td>
      <td data-label={t("keys.col.status")}>
        {props.apiKey.revokedAt == null ? (
          <span class="tag tag-ok">{t("keys.active")}</span>
        ) : (
          <>
            <span class="tag tag-muted">{t("keys.revoked")}</span> <small class="muted">{formatDateTime(props.apiKey.revokedAt)}</small>
          </>
        )}
      </td>
      <td class="actions">
        <Show when={props.apiKey.revokedAt == null}>
          <Show
            when={confirming()}
            fallback={
              <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setConfirming(true)} aria-label={t("keys.revokeWho", { name: props.apiKey.name })}>
                {t("keys.revoke")}
              </button>
            }
          >
            <button type="button" class="btn btn-small btn-danger" onClick={revoke} disabled={busy()} data-testid="key-revoke-confirm">
              {busy() ? t("keys.revoking") : t("keys.confirmRevoke")}
            </button>
            <button type="button" class="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
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
