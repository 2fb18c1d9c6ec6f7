// Dev mailbox: the emails ValuePulse would have sent, with their HTML, text part and headers.
import { createMemo, createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { api, ApiError, errorMessage, type DispatchResult, type MailboxEmail } from "../api";
import { ErrorNote } from "../components/ErrorNote";
import { formatDateTime, formatRelative } from "../format";
import { t } from "../i18n";

const POLL_MS = 5000;

/** Links in the preview open in a new tab: the sandboxed frame itself may not submit the survey's forms. */
const withBaseTarget = (html: string) => `<base target="_blank">${html}`;

export function Mailbox() {
  document.title = t("mailbox.pageTitle");
  const [emails, { refetch }] = createResource(() => api.mailbox(100));
  const [selectedId, setSelectedId] = createSignal<string>();
  const [poll, setPoll] = createSignal(true);
  const [dispatching, setDispatching] = createSignal(false);
  const [dispatchResult, setDispatchResult] = createSignal<DispatchResult>();
  const [dispatchError, setDispatchError] = createSignal<string>();

  const list = () => (emails.error ? [] : emails.latest ?? []);
  const selected = createMemo(() => list().find((e) => e.id === selectedId()));
  const disabled = () => emails.error instanceof ApiError && emails.error.code === "mailbox_disabled";

  const timer = setInterval(() => {
    if (poll() && !emails.loading && !disabled() && document.visibilityState === "visible") refetch();
  }, POLL_MS);
  onCleanup(() => clearInterval(timer));

  const dispatch = async () => {
    setDispatching(true);
    setDispatchError(undefined);
    setDispatchResult(undefined);
    try {
      setDispatchResult(await api.dispatch());
      refetch();
    } catch (e) {
      setDispatchError(errorMessage(e));
    } finally {
      setDispatching(false);
    }
  };

  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("mailbox.title")}</h1>
          <p class="muted">{t("mailbox.lead")}</p>
        </div>
        <div class="page-tools">
          <button type="button" class="btn btn-primary" onClick={dispatch} disabled={dispatching()} data-testid="dispatch">
            {dispatching() ? t("mailbox.dispatching") : t("mailbox.dispatch")}
          </button>
          <button type="button" class="btn" onClick={() => refetch()} disabled={emails.loading} data-testid="mail-refresh">
            {t("mailbox.refresh")}
          </button>
          <label class="check">
            <input type="checkbox" checked={poll()} onChange={(e) => setPoll(e.currentTarget.checked)} />
            {t("mailbox.autoRefresh")}
          </label>
        </div>
      </header>

      <div aria-live="polite">
        <Show when={dispatchResult()}>
          {(r) => (
            <p class="note note-ok" data-testid="dispatch-result">
              {t("mailbox.result", { sent: r().sent, failed: r().failed, skipped: r().skipped })}
            </p>
          )}
        </Show>
        <Show when={dispatchError()}>
          <p class="note note-error" role="alert">
            {dispatchError()}
          </p>
        </Show>
      </div>

      <Switch>
        <Match when={disabled()}>
          <p class="note">{t("mailbox.disabled")}</p>
        </Match>
        <Match when={emails.error}>
          <ErrorNote error={emails.error} retry={refetch} />
        </Match>
        <Match when={emails.latest}>
          <div class="mailbox">
            <section class="card mail-list" aria-labelledby="inbox-title">
              <h2 id="inbox-title">
                {t("mailbox.captured")} <span class="count">{list().length}</span>
              </h2>
              <Show when={list().length > 0} fallback={<p class="muted">{t("mailbox.empty")}</p>}>
                <ul>
                  <For each={list()}>
                    {(mail) => (
                      <li data-testid="mail-item" data-id={mail.id}>
                        <button
                          type="button"
                          class="mail-row"
                          aria-current={mail.id === selectedId() ? "true" : undefined}
                          onClick={() => {
                            setSelectedId(mail.id);
                            // On a phone the email opens below the whole list: bring it into view (side by side it already is).
                            if (matchMedia("(max-width: 900px)").matches) document.querySelector(".mail-view")?.scrollIntoView({ block: "start" });
                          }}
                        >
                          <span class="mail-subject">{mail.subject}</span>
                          <span class="mail-to">{mail.to}</span>
                          <time dateTime={new Date(mail.createdAt).toISOString()} title={formatDateTime(mail.createdAt)}>
                            {formatRelative(mail.createdAt)}
                          </time>
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <section class="card mail-view" aria-label={t("mailbox.selected")}>
              <Show when={selected()} fallback={<p class="muted">{t("mailbox.selectOne")}</p>}>
                {(mail) => <MailView mail={mail()} />}
              </Show>
            </section>
          </div>
        </Match>
        <Match when={true}>
          <p class="muted">{t("common.loading")}</p>
        </Match>
      </Switch>
    </>
  );
}

function MailView(props: { mail: MailboxEmail }) {
  return (
    <article data-testid="mail-view">
      <h2 class="mail-view-subject">{props.mail.subject}</h2>
      <dl class="mail-meta">
        <dt>{t("mailbox.from")}</dt>
        <dd>{props.mail.from}</dd>
        <dt>{t("mailbox.to")}</dt>
        <dd>{props.mail.to}</dd>
        <dt>{t("mailbox.date")}</dt>
        <dd>{formatDateTime(props.mail.createdAt)}</dd>
      </dl>
      <iframe
        class="mail-frame"
        title={t("mailbox.htmlPart", { subject: props.mail.subject })}
        sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
        srcdoc={withBaseTarget(props.mail.html)}
        data-testid="mail-html"
      />
      <details class="mail-part" open>
        <summary>{t("mailbox.textPart")}</summary>
        <pre class="mail-text" data-testid="mail-text" tabindex="0" aria-label={t("mailbox.textPart")}>{props.mail.text}</pre>
      </details>
      <details class="mail-part">
        <summary>{t("mailbox.headers")}</summary>
        <table class="headers" data-testid="mail-headers">
          <tbody>
            <For each={Object.entries(props.mail.headers)}>
              {([name, value]) => (
                <tr>
                  <th scope="row">{name}</th>
                  <td>{value}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </article>
  );
}
