// Outgoing webhooks: register endpoints (Standard Webhooks or Slack), see the signing secret, read the delivery log.
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { errorMessage } from "../api";
import { createAction } from "../action";
import { ResourceTable } from "../components/ResourceTable";
import { ResourceView } from "../components/ResourceView";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import { integrationsApi, WEBHOOK_EVENTS, type WebhookEndpoint, type WebhookEventType } from "../integrations-api";

const EVENT_KEYS = {
  "response.created": "webhooks.event.created",
  "response.updated": "webhooks.event.updated",
  "detractor.alert": "webhooks.event.detractor",
  "customer.unsubscribed": "webhooks.event.unsubscribed",
} as const satisfies Record<WebhookEventType, string>;
const DELIVERY_STATUS = { pending: "webhooks.status.pending", succeeded: "webhooks.status.succeeded", failed: "webhooks.status.failed" } as const;

export function Webhooks() {
  createEffect(() => (document.title = `${t("webhooks.title")} · ValuePulse`));
  const [endpoints, { refetch }] = createResource(() => integrationsApi.endpoints());
  const [secret, setSecret] = createSignal<{ url: string; secret: string }>();
  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("webhooks.title")}</h1>
          <p class="muted">
            {t("webhooks.introSigned")} <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> (<code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
            <code>webhook-signature</code>). {t("webhooks.introRetry")}
          </p>
        </div>
      </header>
      <CreateEndpoint
        onCreated={(r) => {
          setSecret({ url: r.endpoint.url, secret: r.secret });
          refetch();
        }}
      />
      <Show when={secret()}>
        {(s) => (
          <section class="card secret" role="status" aria-labelledby="wh-secret-title">
            <h2 id="wh-secret-title">{t("webhooks.secretFor", { url: s().url })}</h2>
            <p>{t("webhooks.secretHelp")}</p>
            <div class="secret-row">
              <label for="wh-secret" class="visually-hidden">
                {t("webhooks.secret")}
              </label>
              <input id="wh-secret" readOnly value={s().secret} data-testid="webhook-secret" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" class="btn btn-ghost" onClick={() => setSecret(undefined)}>
                {t("keys.done")}
              </button>
            </div>
          </section>
        )}
      </Show>
      <section class="card" aria-labelledby="wh-list-title">
        <h2 id="wh-list-title">{t("webhooks.listTitle")}</h2>
        <ResourceView resource={endpoints} refetch={refetch} empty={t("webhooks.empty")}>
          {(list) => <For each={list()}>{(ep) => <EndpointItem endpoint={ep} onChanged={refetch} onSecret={(s) => setSecret({ url: ep.url, secret: s })} />}</For>}
        </ResourceView>
      </section>
    </>
  );
}

function CreateEndpoint(props: { onCreated: (r: { endpoint: WebhookEndpoint; secret: string }) => void }) {
  const [url, setUrl] = createSignal("");
  const [format, setFormat] = createSignal<WebhookEndpoint["format"]>("standard");
  const [events, setEvents] = createSignal<WebhookEventType[]>(["response.created", "detractor.alert"]);
  const { busy, error, run } = createAction(async () => {
    props.onCreated(await integrationsApi.createEndpoint({ url: url().trim(), events: events(), format: format() }));
    setUrl("");
  });
  const toggle = (e: WebhookEventType, on: boolean) => setEvents((list) => (on ? [...list, e] : list.filter((x) => x !== e)));
  const submit = (ev: SubmitEvent) => {
    ev.preventDefault();
    void run();
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="wh-create-title">
      <h2 id="wh-create-title">{t("webhooks.addTitle")}</h2>
      <div class="form-row">
        <div class="field">
          <label for="wh-url">{t("webhooks.url")}</label>
          <input id="wh-url" type="url" required placeholder="https://example.com/hooks/valuepulse" value={url()} onInput={(e) => setUrl(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="wh-format">{t("webhooks.format")}</label>
          <select id="wh-format" value={format()} onChange={(e) => setFormat(e.currentTarget.value as WebhookEndpoint["format"])}>
            <option value="standard">{t("webhooks.formatStandard")}</option>
            <option value="slack">{t("webhooks.formatSlack")}</option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{t("webhooks.events")}</legend>
        <For each={WEBHOOK_EVENTS}>
          {(e) => (
            <label class="check">
              <input type="checkbox" checked={events().includes(e)} onChange={(ev) => toggle(e, ev.currentTarget.checked)} /> <code>{e}</code> — {t(EVENT_KEYS[e])}
            </label>
          )}
        </For>
      </fieldset>
      <button type="submit" class="btn btn-primary" disabled={busy() || events().length === 0}>
        {busy() ? t("webhooks.adding") : t("webhooks.add")}
      </button>
      <Show when={error()}>
        <p class="note note-error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}

function EndpointItem(props: { endpoint: WebhookEndpoint; onChanged: () => void; onSecret: (s: string) => void }) {
  const [open, setOpen] = createSignal(false);
  const [log, { refetch }] = createResource(open, () => integrationsApi.deliveries(props.endpoint.id));
  const [error, setError] = createSignal<string>();
  const act = async (f: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await f();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <article class="webhook-endpoint" data-testid="webhook-endpoint">
      <h3>
        <code>{props.endpoint.url}</code> <span class="tag">{props.endpoint.format === "slack" ? "Slack" : "Standard"}</span>
      </h3>
      <p class="muted">
        {t("webhooks.added", { events: props.endpoint.events.join(", "), at: formatDateTime(props.endpoint.createdAt) })}
      </p>
      <p class="form-row">
        <button type="button" class="btn btn-small" onClick={() => setOpen(!open())} aria-expanded={open()}>
          {open() ? t("webhooks.hideDeliveries") : t("webhooks.deliveries")}
        </button>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => act(async () => props.onSecret(await integrationsApi.revealSecret(props.endpoint.id)))}>
          {t("webhooks.showSecret")}
        </button>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => act(async () => props.onSecret(await integrationsApi.rotateSecret(props.endpoint.id)))}>
          {t("webhooks.rotateSecret")}
        </button>
        <button type="button" class="btn btn-small btn-danger-outline" onClick={() => act(async () => (await integrationsApi.removeEndpoint(props.endpoint.id), props.onChanged()))}>
          {t("webhooks.remove")}
        </button>
      </p>
      <Show when={error()}>
        <p class="note note-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={open()}>
        <ResourceTable
          resource={log}
          refetch={refetch}
          empty={t("webhooks.nothingSent")}
          columns={[t("webhooks.col.event"), t("webhooks.col.status"), t("webhooks.col.attempts")]}
          row={(d) => (
            <tr>
              <td>
                <code>{d.eventType}</code>
                <br />
                <small class="muted">{d.id}</small>
              </td>
              <td>
                <span class={`tag ${d.status === "succeeded" ? "tag-ok" : d.status === "failed" ? "tag-warn" : ""}`}>{t(DELIVERY_STATUS[d.status])}</span>
                <Show when={d.nextAttemptAt}>{(at) => <small class="muted"> {t("webhooks.nextTry", { at: formatDateTime(at()) })}</small>}</Show>
              </td>
              <td>
                <For each={d.log}>
                  {(a) => (
                    <div>
                      #{a.attempt} {formatDateTime(a.at)} — {a.statusCode ?? t("webhooks.noAnswer")}
                      {a.error ? ` (${a.error})` : ""}
                    </div>
                  )}
                </For>
              </td>
            </tr>
          )}
        />
      </Show>
    </article>
  );
}
