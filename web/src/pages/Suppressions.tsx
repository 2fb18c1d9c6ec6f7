// Suppression list: who is never emailed again and why; admins add and remove addresses by hand.
import { createResource, createSignal, Show } from "solid-js";
import { api } from "../api";
import { createAction } from "../action";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { deliveryApi, type Suppression } from "../delivery-api";
import { formatDateTime } from "../format";

const REASONS: Record<Suppression["reason"], string> = {
  hard_bounce: "Hard bounce",
  complaint: "Spam complaint",
  manual: "Added by hand",
};

export function Suppressions() {
  document.title = "Suppressions · ValuePulse";
  const [list, { refetch }] = createResource(() => deliveryApi.suppressions());
  const [me] = createResource(() => api.me());
  const isAdmin = () => me.state === "ready" && me().role === "admin";

  return (
    <>
      <header class="page-head">
        <div>
          <h1>Suppression list</h1>
          <p class="muted">
            These addresses are never emailed again. Hard bounces and spam complaints reported by Resend are added by themselves; checked again at
            the moment of sending.
          </p>
        </div>
      </header>

      <div class="delivery-stack">
      <Show when={isAdmin()}>
        <AddSuppression onAdded={refetch} />
      </Show>

      <section class="card" aria-labelledby="suppressions-title">
        <h2 id="suppressions-title">Suppressed addresses</h2>
        <ResourceTable
          resource={list}
          refetch={refetch}
          empty="No suppressed addresses."
          class="data-table"
          testid="suppressions"
          columns={["Address", "Why", "Detail", "Since", ...(isAdmin() ? [ACTIONS] : [])]}
          row={(s) => <Row s={s} admin={isAdmin()} onRemoved={refetch} />}
        />
      </section>
      </div>
    </>
  );
}

function Row(props: { s: Suppression; admin: boolean; onRemoved: () => void }) {
  const { busy, error, run } = createAction(async () => {
    await deliveryApi.unsuppress(props.s.email);
    props.onRemoved();
  });
  const remove = () => {
    if (confirm(`Allow ${props.s.email} to receive survey emails again?`)) void run();
  };
  return (
    <tr>
      <td>{props.s.email}</td>
      <td>{REASONS[props.s.reason]}</td>
      <td class="muted">{props.s.detail ?? "—"}</td>
      <td>{formatDateTime(props.s.createdAt)}</td>
      <Show when={props.admin}>
        <td>
          <button type="button" class="btn btn-small btn-danger-outline" onClick={remove} disabled={busy()} aria-label={`Remove ${props.s.email}`}>
            Remove
          </button>
          <Show when={error()}>
            <span class="error-inline" role="alert">{error()}</span>
          </Show>
        </td>
      </Show>
    </tr>
  );
}

function AddSuppression(props: { onAdded: () => void }) {
  const [email, setEmail] = createSignal("");
  const [note, setNote] = createSignal("");
  const { busy, error, run } = createAction(async () => {
    await deliveryApi.suppress(email().trim(), note().trim() || undefined);
    setEmail("");
    setNote("");
    props.onAdded();
  });
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void run();
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="add-suppression-title" data-testid="suppression-add">
      <h2 id="add-suppression-title">Suppress an address</h2>
      <div class="form-row">
        <div class="field">
          <label for="suppress-email">Email address</label>
          <input id="suppress-email" name="email" type="email" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="suppress-note">Note (optional)</label>
          <input id="suppress-note" name="note" maxLength={500} placeholder="e.g. asked by phone" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? "Adding…" : "Suppress"}
        </button>
      </div>
      <Show when={error()}>
        <p class="error-inline" role="alert">{error()}</p>
      </Show>
    </form>
  );
}
