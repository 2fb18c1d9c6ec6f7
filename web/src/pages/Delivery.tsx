// Delivery: per template the response rate (answered ÷ reached, Delighted's headline figure) and delivery counts,
// and the status of each invitation (why skipped or failed, what the provider reported, the reminder).
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { ResourceTable, type Column } from "../components/ResourceTable";
import { deliveryApi, type InvitationStatus } from "../delivery-api";
import { formatDateTime } from "../format";
import { INVITATION_STATUSES, SKIP_REASONS } from "../../../server/domain/vocabulary";
import { intlLocale, t } from "../i18n";

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);
/** A reminder's status is a plain string in the API; one of the vocabulary's reads as its label. */
const reminderStatus = (s: string) => (isOneOf(INVITATION_STATUSES, s) ? t(`delivery.status.${s}`) : s);

/** Why an invitation was held back at send time (the server's SkipReason); other reasons (provider errors) show as reported. */
const reasonText = (reason: string | null | undefined) => (reason == null ? "—" : isOneOf(SKIP_REASONS, reason) ? t(`delivery.skip.${reason}`) : reason);

const share = (x: number | null) => (x == null ? "—" : new Intl.NumberFormat(intlLocale(), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x));
const count = (n: number) => n.toLocaleString(intlLocale());

export function Delivery() {
  createEffect(() => (document.title = `${t("delivery.title")} · ValuePulse`));
  const [status, setStatus] = createSignal<InvitationStatus | "">("");
  const [rates, rateActions] = createResource(() => deliveryApi.templateRates());
  const [rows, rowActions] = createResource(status, (s) => deliveryApi.invitations(s || undefined));
  const rateColumns = (): Column[] => [
    t("delivery.col.template"),
    ...(["responseRate", "sent", "waiting", "skipped", "failed", "reminders", "delivered", "bounced", "complaints"] as const).map((k) => ({ label: t(`delivery.col.${k}`), class: "num" })),
  ];

  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("delivery.title")}</h1>
          <p class="muted">{t("delivery.intro")}</p>
        </div>
        <div class="page-tools">
          <button type="button" class="btn" onClick={() => (rateActions.refetch(), rowActions.refetch())}>
            {t("delivery.refresh")}
          </button>
        </div>
      </header>

      <div class="delivery-stack">
        <section class="card" aria-labelledby="rates-title">
          <h2 id="rates-title">{t("delivery.perTemplate")}</h2>
          <p class="muted">{t("delivery.rateHelp")}</p>
          <ResourceTable
            resource={rates}
            refetch={rateActions.refetch}
            empty={t("delivery.emptyRates")}
            class="data-table"
            testid="delivery-rates"
            columns={rateColumns()}
            row={(r) => (
              <tr>
                <td>{r.templateName ?? r.templateId}</td>
                <td class="num" data-testid="response-rate">
                  <strong>{share(r.responseRate)}</strong> <span class="muted">{t("delivery.n", { n: count(r.reached) })}</span>
                </td>
                <td class="num">{count(r.sent)}</td>
                <td class="num">{count(r.scheduled + r.sending)}</td>
                <td class="num">{count(r.skipped)}</td>
                <td class="num">{count(r.failed)}</td>
                <td class="num">{count(r.remindersSent)}</td>
                <td class="num">{share(r.deliveryRate)}</td>
                <td class="num">{share(r.bounceRate)}</td>
                <td class="num">{share(r.complaintRate)}</td>
              </tr>
            )}
          />
        </section>

        <section class="card" aria-labelledby="invitations-title">
          <div class="page-head">
            <h2 id="invitations-title">{t("delivery.invitations")}</h2>
            <label class="inline-field">
              <span>{t("delivery.col.status")}</span>
              <select value={status()} onChange={(e) => setStatus(e.currentTarget.value as InvitationStatus | "")} data-testid="delivery-status-filter">
                <option value="">{t("delivery.all")}</option>
                <For each={INVITATION_STATUSES}>{(s) => <option value={s}>{t(`delivery.status.${s}`)}</option>}</For>
              </select>
            </label>
          </div>
          <ResourceTable
            resource={rows}
            refetch={rowActions.refetch}
            empty={t("delivery.emptyInvitations")}
            class="data-table"
            testid="delivery-invitations"
            columns={[t("delivery.col.customer"), t("delivery.col.template"), t("delivery.col.status"), t("delivery.col.reason"), t("delivery.col.provider"), t("delivery.col.sentAt"), t("delivery.col.reminder")]}
            row={(d) => (
              <tr>
                <td>{d.email}</td>
                <td>{d.templateName ?? d.templateId}</td>
                <td class={`status-${d.status}`}>
                  {t(`delivery.status.${d.status}`)}
                  <Show when={d.attempts > 1}> {t("delivery.attempts", { n: d.attempts })}</Show>
                </td>
                <td class="muted reason">{reasonText(d.reason)}</td>
                <td>
                  {d.delivery ? t(`delivery.provider.${d.delivery}`) : "—"}
                  <Show when={d.deliveryDetail}>
                    <div class="muted">{d.deliveryDetail}</div>
                  </Show>
                </td>
                <td>{formatDateTime(d.sentAt ?? null)}</td>
                <td>
                  {d.reminder
                    ? `${reminderStatus(d.reminder.status)}${d.reminder.reason ? ` (${reasonText(d.reminder.reason)})` : ""}`
                    : "—"}
                </td>
              </tr>
            )}
          />
        </section>
      </div>
    </>
  );
}
