// Shown on Live until the first answer arrives: send a test purchase, connect the shop, create an API key.
import { A } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { createAction } from "../action";
import { api } from "../api";
import { locale, t } from "../i18n";
import { DAY_MS } from "../../../server/domain/time";
import { roleMay } from "../../../server/domain/vocabulary";

/** The first admin of a fresh install may be admin@localhost, which no shop would send: the dev Mailbox catches this one instead. */
const FALLBACK_RECIPIENT = "test-customer@example.com";
const deliverable = (email: string) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(email);

export function GettingStarted() {
  const [me] = createResource(() => api.me());
  const [sent, setSent] = createSignal<{ to: string } | { skipped: string } | null>(null);
  const { busy, error, run } = createAction(async (email: string) => {
    // Fulfilled four days ago, so the default template's invitation is due at once; then send what is due.
    const result = await api.recordPurchase({
      id: `test-${Date.now().toString(36)}`,
      customer: { email, locale: locale() },
      amount: 100000,
      currency: "VND",
      items: [{ name: t("live.start.testItem") }],
      fulfilledAt: new Date(Date.now() - 4 * DAY_MS).toISOString(),
    });
    if (result.scheduled.length === 0) return void setSent({ skipped: result.skipped.map((s) => s.reason).join(", ") || "—" });
    await api.dispatch();
    setSent({ to: email });
  });
  const recipient = () => (me() && deliverable(me()!.email) ? me()!.email : FALLBACK_RECIPIENT);
  const origin = location.origin;
  const curl = () =>
    `curl -s ${origin}/api/v1/purchases \\\n  -H 'Authorization: Bearer YOUR_API_KEY' -H 'Content-Type: application/json' \\\n` +
    `  -d '{"id":"order-1001","customer":{"email":"${recipient()}","locale":"${locale()}"},"amount":100000,"currency":"VND",\n` +
    `       "fulfilledAt":"'"$(date -u -d '4 days ago' +%FT%TZ)"'"}'\ncurl -s -X POST ${origin}/api/v1/dispatch -H 'Authorization: Bearer YOUR_API_KEY'`;

  return (
    <section class="card getting-started" aria-labelledby="start-title" data-testid="getting-started">
      <h2 id="start-title">{t("live.start.title")}</h2>
      <p>{t("live.start.intro")}</p>
      <ol class="start-steps">
        <li>
          <h3 class="subhead">{t("live.start.purchaseTitle")}</h3>
          <Show when={roleMay(me()?.role, "administer")} fallback={<p>{t("live.start.purchaseAdminOnly")}</p>}>
            <p>{t("live.start.purchaseText", { email: recipient() })}</p>
            <p class="start-actions">
              <button type="button" class="btn btn-primary btn-small" disabled={busy()} onClick={() => run(recipient())} data-testid="test-purchase">
                {busy() ? t("live.start.purchaseSending") : t("live.start.purchaseButton")}
              </button>
              <A href="/mailbox">{t("live.start.openMailbox")}</A>
            </p>
            <Show when={sent()}>
              {(s) => (
                <p class="note note-ok" role="status" data-testid="test-purchase-result">
                  {"to" in s() ? t("live.start.purchaseSent", { email: (s() as { to: string }).to }) : t("live.start.purchaseSkipped", { reason: (s() as { skipped: string }).skipped })}
                </p>
              )}
            </Show>
            <Show when={error()}>
              <p class="note note-error" role="alert">
                {error()}
              </p>
            </Show>
            <p class="muted small">{t("live.start.purchaseCurl")}</p>
          </Show>
          <pre class="start-code" tabindex="0">
            <code>{curl()}</code>
          </pre>
        </li>
        <li>
          <h3 class="subhead">{t("live.start.shopTitle")}</h3>
          <p>{t("live.start.shopText", { shopify: `${origin}/webhooks/shopify`, stripe: `${origin}/webhooks/stripe` })}</p>
          <p>
            <A href="/data">{t("live.start.shopImport")}</A> · <A href="/api-reference">{t("live.start.apiReference")}</A>
          </p>
        </li>
        <li>
          <h3 class="subhead">{t("live.start.keyTitle")}</h3>
          <p>
            {t("live.start.keyText")} <A href="/keys">{t("live.start.keyLink")}</A>
          </p>
        </li>
      </ol>
    </section>
  );
}
