// Suppression list: who is never emailed again and why; admins add and remove addresses by hand.
import { createEffect, createResource, createSignal, Show } from "solid-js";
import { api } from "../api";
import { createAction } from "../action";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { deliveryApi, type Suppression } from "../delivery-api";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import { roleMay } from "../../../server/domain/vocabulary";

export function Suppressions() {
  createEffect(() => (document.title = `${t("suppressions.title")} · ValuePulse`));
  const [list, { refetch }] = createResource(() => deliveryApi.suppressions());
  const [me] = createResource(() => api.me());
  const isAdmin = () => me.state === "ready" && roleMay(me().role, "administer");

  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("suppressions.title")}</h1>
          <p class="muted">{t("suppressions.intro")}</p>
        </div>
      </header>

      <div class="delivery-stack">
        <Show when={isAdmin()}>
          <AddSuppression onAdded={refetch} />
        </Show>

      <section class="card" aria-labelledby="suppressions-title">
        <h2 id="suppressions-title">{t("suppressions.listTitle")}</h2>
        <ResourceTable
          resource={list}
          refetch={refetch}
          empty={t("suppressions.empty")}
          class="data-table"
          testid="suppressions"
          columns={[t("suppressions.col.address"), t("suppressions.col.why"), t("suppressions.col.detail"), t("suppressions.col.since"), ...(isAdmin() ? [ACTIONS] : [])]}
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
    if (confirm(t("suppressions.confirmRemove", { email: props.s.email }))) void run();
  };
  return (
    <tr>
      <td>{props.s.email}</td>
      <td>{t(`suppressions.reason.${props.s.reason}`)}</td>
      <td class="muted">{props.s.detail ?? "—"}</td>
      <td>{formatDateTime(props.s.createdAt)}</td>
      <Show when={props.admin}>
        <td>
          <button type="button" class="btn btn-small btn-danger-outline" onClick={remove} disabled={busy()} aria-label={t("suppressions.removeWho", { email: props.s.email })}>
            {t("suppressions.remove")}
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
      <h2 id="add-suppression-title">{t("suppressions.addTitle")}</h2>
      <div class="form-row">
        <div class="field">
          <label for="suppress-email">{t("suppressions.email")}</label>
          <input id="suppress-email" name="email" type="email" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="suppress-note">{t("suppressions.note")}</label>
          <input id="suppress-note" name="note" maxLength={500} placeholder={t("suppressions.notePlaceholder")} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("suppressions.adding") : t("suppressions.add")}
        </button>
      </div>
      <Show when={error()}>
        <p class="error-inline" role="alert">{error()}</p>
      </Show>
    </form>
  );
}
