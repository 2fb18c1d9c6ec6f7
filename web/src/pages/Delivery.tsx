// Delivery: rates per template and the status of each invitation (why skipped or failed, what the provider reported, the reminder).
import { createResource, createSignal, For, Show } from "solid-js";
import { ResourceTable, type Column } from "../components/ResourceTable";
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
const RATE_COLUMNS: Column[] = ["Template", ...["Sent", "Waiting", "Skipped", "Failed", "Reminders", "Delivered", "Bounced", "Complaints"].map((label) => ({ label, class: "num" }))];
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
        <ResourceTable
          resource={rates}
          refetch={rateActions.refetch}
          empty="Nothing scheduled yet."
          class="data-table"
          testid="delivery-rates"
          columns={RATE_COLUMNS}
          row={(r) => (
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
        />
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
        <ResourceTable
          resource={rows}
          refetch={rowActions.refetch}
          empty="No invitations."
          class="data-table"
          testid="delivery-invitations"
          columns={["Customer", "Template", "Status", "Reason", "Provider", "Sent", "Reminder"]}
          row={(d) => (
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
              <td>{d.reminder ? `${d.reminder.status}${d.reminder.reason ? ` (${d.reminder.reason})` : ""}` : "—"}</td>
            </tr>
          )}
        />
      </section>
      </div>
    </>
  );
}
