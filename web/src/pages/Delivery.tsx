// Delivery: rates per template and the status of each invitation (why skipped or failed, what the provider reported, the reminder).
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { ErrorNote } from "../components/ErrorNote";
import { deliveryApi, type InvitationDelivery, type InvitationStatus } from "../delivery-api";
import { formatDateTime } from "../format";

const STATUSES: InvitationStatus[] = ["scheduled", "sending", "sent", "skipped", "failed"];
const DELIVERY: Record<NonNullable<InvitationDelivery["delivery"]>, string> = {
  sent: "Accepted",
  delivery_delayed: "Delayed",
  delivered: "Delivered",
  bounced: "Bounced",
  complained: "Complained",
};
const share = (x: number | null) => (x == null ? "—" : `${(x * 100).toFixed(1)}%`);

export function Delivery() {
  document.title = "Delivery · ValuePulse";
  const [status, setStatus] = createSignal<InvitationStatus | "">("");
  const [rates, rateActions] = createResource(() => deliveryApi.templateRates());
  const [rows, rowActions] = createResource(status, (s) => deliveryApi.invitations(s || undefined));

  return (
    <>
      <header class="page-head">
        <div>
          <h1>Delivery</h1>
          <p class="muted">What was sent, what was held back and why, and what the email provider reported.</p>
        </div>
        <div class="page-tools">
          <button type="button" class="btn" onClick={() => (rateActions.refetch(), rowActions.refetch())}>
            Refresh
          </button>
        </div>
      </header>

      <div class="delivery-stack">
      <section class="card" aria-labelledby="rates-title">
        <h2 id="rates-title">Per template</h2>
        <Switch>
          <Match when={rates.error}>
            <ErrorNote error={rates.error} retry={rateActions.refetch} />
          </Match>
          <Match when={rates.latest}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="muted">Nothing scheduled yet.</p>}>
                <div class="table-wrap">
                  <table class="data-table" data-testid="delivery-rates">
                    <thead>
                      <tr>
                        <th scope="col">Template</th>
                        <th scope="col" class="num">Sent</th>
                        <th scope="col" class="num">Waiting</th>
                        <th scope="col" class="num">Skipped</th>
                        <th scope="col" class="num">Failed</th>
                        <th scope="col" class="num">Reminders</th>
                        <th scope="col" class="num">Delivered</th>
                        <th scope="col" class="num">Bounced</th>
                        <th scope="col" class="num">Complaints</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={list()}>
                        {(r) => (
                          <tr>
                            <td>{r.templateName ?? r.templateId}</td>
                            <td class="num">{r.sent}</td>
                            <td class="num">{r.scheduled + r.sending}</td>
                            <td class="num">{r.skipped}</td>
                            <td class="num">{r.failed}</td>
                            <td class="num">{r.remindersSent}</td>
                            <td class="num">{share(r.deliveryRate)}</td>
                            <td class="num">{share(r.bounceRate)}</td>
                            <td class="num">{share(r.complaintRate)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            )}
          </Match>
          <Match when={true}>
            <p class="muted">Loading…</p>
          </Match>
        </Switch>
      </section>

      <section class="card" aria-labelledby="invitations-title">
        <div class="page-head">
          <h2 id="invitations-title">Invitations</h2>
          <label class="inline-field">
            <span>Status</span>
            <select value={status()} onChange={(e) => setStatus(e.currentTarget.value as InvitationStatus | "")} data-testid="delivery-status-filter">
              <option value="">All</option>
              <For each={STATUSES}>{(s) => <option value={s}>{s}</option>}</For>
            </select>
          </label>
        </div>
        <Switch>
          <Match when={rows.error}>
            <ErrorNote error={rows.error} retry={rowActions.refetch} />
          </Match>
          <Match when={rows.latest}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="muted">No invitations.</p>}>
                <div class="table-wrap">
                  <table class="data-table" data-testid="delivery-invitations">
                    <thead>
                      <tr>
                        <th scope="col">Customer</th>
                        <th scope="col">Template</th>
                        <th scope="col">Status</th>
                        <th scope="col">Reason</th>
                        <th scope="col">Provider</th>
                        <th scope="col">Sent</th>
                        <th scope="col">Reminder</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={list()}>
                        {(d) => (
                          <tr>
                            <td>{d.email}</td>
                            <td>{d.templateName ?? d.templateId}</td>
                            <td class={`status-${d.status}`}>
                              {d.status}
                              <Show when={d.attempts > 1}> ({d.attempts} attempts)</Show>
                            </td>
                            <td class="muted reason">{d.reason ?? "—"}</td>
                            <td title={d.deliveryDetail ?? undefined}>
                              {d.delivery ? DELIVERY[d.delivery] : "—"}
                              <Show when={d.deliveryDetail}>
                                <div class="muted">{d.deliveryDetail}</div>
                              </Show>
                            </td>
                            <td>{formatDateTime(d.sentAt ?? null)}</td>
                            <td>
                              {d.reminder ? `${d.reminder.status}${d.reminder.reason ? ` (${d.reminder.reason})` : ""}` : "—"}
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            )}
          </Match>
          <Match when={true}>
            <p class="muted">Loading…</p>
          </Match>
        </Switch>
      </section>
      </div>
    </>
  );
}
