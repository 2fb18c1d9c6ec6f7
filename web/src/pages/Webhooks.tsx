// Outgoing webhooks: register endpoints (Standard Webhooks or Slack), see the signing secret, read the delivery log.
import { createResource, createSignal, For, Show } from "solid-js";
import { errorMessage } from "../api";
import { createAction } from "../action";
import { ResourceTable } from "../components/ResourceTable";
import { ResourceView } from "../components/ResourceView";
import { formatDateTime } from "../format";
import { integrationsApi, WEBHOOK_EVENTS, type WebhookEndpoint, type WebhookEventType } from "../integrations-api";

const EVENT_LABELS: Record<WebhookEventType, string> = {
  "response.created": "A customer answers",
  "response.updated": "A customer changes an answer",
  "detractor.alert": "A detractor (score 0–6)",
  "customer.unsubscribed": "A customer unsubscribes",
};

export function Webhooks() {
  document.title = "Webhooks · ValuePulse";
  const [endpoints, { refetch }] = createResource(() => integrationsApi.endpoints());
  const [secret, setSecret] = createSignal<{ url: string; secret: string }>();
  return (
    <>
      <header class="page-head">
        <div>
          <h1>Webhooks</h1>
          <p class="muted">
            We POST each event to your URL, signed per <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> (<code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
            <code>webhook-signature</code>), and retry failures with backoff for about a day and a half. Choose Slack to post messages to a Slack incoming-webhook URL.
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
            <h2 id="wh-secret-title">Signing secret for {s().url}</h2>
            <p>Verify each request with it (any Standard Webhooks library does). You can reveal it again from the list.</p>
            <div class="secret-row">
              <label for="wh-secret" class="visually-hidden">
                Signing secret
              </label>
              <input id="wh-secret" readOnly value={s().secret} data-testid="webhook-secret" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" class="btn btn-ghost" onClick={() => setSecret(undefined)}>
                Done
              </button>
            </div>
          </section>
        )}
      </Show>
      <section class="card" aria-labelledby="wh-list-title">
        <h2 id="wh-list-title">Endpoints</h2>
        <ResourceView resource={endpoints} refetch={refetch} empty="No endpoints yet.">
          {(list) => <For each={list()}>{(ep) => <EndpointItem endpoint={ep} onChanged={refetch} onSecret={(s) => setSecret({ url: ep.url, secret: s })} />}</For>}
        </ResourceView>
      </section>
    </>
  );
}

function CreateEndpoint(props: { onCreated: (r: { endpoint: WebhookEndpoint; secret: string }) => void }) {
  const [url, setUrl] = createSignal("");
  const [format, setFormat] = createSignal<"standard" | "slack">("standard");
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
      <h2 id="wh-create-title">Add an endpoint</h2>
      <div class="form-row">
        <div class="field">
          <label for="wh-url">URL</label>
          <input id="wh-url" type="url" required placeholder="https://example.com/hooks/valuepulse" value={url()} onInput={(e) => setUrl(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="wh-format">Format</label>
          <select id="wh-format" value={format()} onChange={(e) => setFormat(e.currentTarget.value as "standard" | "slack")}>
            <option value="standard">Standard Webhooks (JSON event)</option>
            <option value="slack">Slack incoming webhook</option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend>Events</legend>
        <For each={WEBHOOK_EVENTS}>
          {(e) => (
            <label class="check">
              <input type="checkbox" checked={events().includes(e)} onChange={(ev) => toggle(e, ev.currentTarget.checked)} /> <code>{e}</code> — {EVENT_LABELS[e]}
            </label>
          )}
        </For>
      </fieldset>
      <button type="submit" class="btn btn-primary" disabled={busy() || events().length === 0}>
        {busy() ? "Adding…" : "Add endpoint"}
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
        <code>{props.endpoint.url}</code> <span class="tag">{props.endpoint.format}</span>
      </h3>
      <p class="muted">
        {props.endpoint.events.join(", ")} · added {formatDateTime(props.endpoint.createdAt)}
      </p>
      <p class="form-row">
        <button type="button" class="btn btn-small" onClick={() => setOpen(!open())} aria-expanded={open()}>
          {open() ? "Hide deliveries" : "Deliveries"}
        </button>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => act(async () => props.onSecret(await integrationsApi.revealSecret(props.endpoint.id)))}>
          Show secret
        </button>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => act(async () => props.onSecret(await integrationsApi.rotateSecret(props.endpoint.id)))}>
          Rotate secret
        </button>
        <button type="button" class="btn btn-small btn-danger-outline" onClick={() => act(async () => (await integrationsApi.removeEndpoint(props.endpoint.id), props.onChanged()))}>
          Remove
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
          empty="Nothing sent yet."
          columns={["Event", "Status", "Attempts (time — result)"]}
          row={(d) => (
            <tr>
              <td>
                <code>{d.eventType}</code>
                <br />
                <small class="muted">{d.id}</small>
              </td>
              <td>
                <span class={`tag ${d.status === "succeeded" ? "tag-ok" : d.status === "failed" ? "tag-warn" : ""}`}>{d.status}</span>
                <Show when={d.nextAttemptAt}>{(at) => <small class="muted"> next try {formatDateTime(at())}</small>}</Show>
              </td>
              <td>
                <For each={d.log}>
                  {(a) => (
                    <div>
                      #{a.attempt} {formatDateTime(a.at)} — {a.statusCode ?? "no answer"}
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
