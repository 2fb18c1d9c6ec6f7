// Users (admins): invite by email, change role, deactivate or reactivate, sign someone out everywhere.
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { api, errorMessage, type UserRecord } from "../api";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { formatDateTime } from "../format";
import { locale as dashboardLocale, t, type Locale } from "../i18n";
import { roleMay, ROLES } from "../../../server/domain/vocabulary";
import { LocaleOptions } from "../components/LocaleOptions";

type Role = UserRecord["role"];
const STATUS_TAG: Record<UserRecord["status"], string> = { active: "tag-ok", invited: "tag-warn", deactivated: "tag-muted" };

export function Users() {
  createEffect(() => (document.title = `${t("users.title")} · ValuePulse`));
  const [me] = createResource(() => api.me());
  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("users.title")}</h1>
          <p class="muted">{t("users.intro")}</p>
        </div>
      </header>
      {/* Opened by URL as a non-admin: only the note, never a form the server would refuse (403). */}
      <Show when={me.state === "ready" && !roleMay(me().role, "administer")}>
        <p class="note" data-testid="users-admin-only">{t("access.usersAdminOnly")}</p>
      </Show>
      <Show when={me.state === "ready" && roleMay(me().role, "administer")}>
        <ManageUsers meId={me()!.id} />
      </Show>
    </>
  );
}

function ManageUsers(props: { meId: string }) {
  const [users, { refetch }] = createResource(() => api.users());
  return (
    <>
      <InviteUser onInvited={refetch} />
      <section class="card" aria-labelledby="users-title">
        <h2 id="users-title">{t("users.listTitle")}</h2>
        <ResourceTable
          resource={users}
          refetch={refetch}
          class="keys stack-on-phone"
          testid="users-table"
          columns={[t("users.col.email"), t("users.col.name"), t("users.col.role"), t("users.col.status"), t("users.col.since"), ACTIONS]}
          row={(u) => <UserRow user={u} self={u.id === props.meId} onChanged={refetch} />}
        />
      </section>
    </>
  );
}

function InviteUser(props: { onInvited: () => void }) {
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal<Role>("viewer");
  // The invitation email in the inviter's dashboard language unless they choose otherwise.
  const [locale, setLocale] = createSignal<Locale>(dashboardLocale());
  const [busy, setBusy] = createSignal(false);
  const [note, setNote] = createSignal<{ ok: boolean; text: string }>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setNote(undefined);
    try {
      const u = await api.inviteUser({ email: email().trim(), role: role(), locale: locale() });
      setNote({ ok: true, text: t("users.invited", { email: u.email }) });
      setEmail("");
      props.onInvited();
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card create-key" onSubmit={submit} aria-labelledby="invite-title" data-testid="invite-form">
      <h2 id="invite-title">{t("users.inviteTitle")}</h2>
      <div class="form-row">
        <div class="field">
          <label for="invite-email">{t("users.col.email")}</label>
          <input id="invite-email" type="email" required autocomplete="off" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="invite-role">{t("users.col.role")}</label>
          <select id="invite-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <For each={ROLES}>{(r) => <option value={r}>{t(`users.roleHelp.${r}`)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="invite-locale">{t("users.emailLanguage")}</label>
          <select id="invite-locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
            <LocaleOptions />
          </select>
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("users.sending") : t("users.send")}
        </button>
      </div>
      <Show when={note()}>
        {(n) => (
          <p class={`note ${n().ok ? "note-ok" : "note-error"}`} role={n().ok ? "status" : "alert"}>
            {n().text}
          </p>
        )}
      </Show>
    </form>
  );
}

function UserRow(props: { user: UserRecord; self: boolean; onChanged: () => void }) {
  const [error, setError] = createSignal<string>();
  const [info, setInfo] = createSignal<string>();
  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setError(undefined);
    setInfo(undefined);
    try {
      await fn();
      if (done) setInfo(done);
      props.onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const u = () => props.user;
  return (
    <tr data-testid="user-row" data-email={u().email} classList={{ revoked: u().status === "deactivated" }}>
      <td data-label={t("users.col.email")}>{u().email}</td>
      <td data-label={t("users.col.name")}>{u().name ?? "—"}</td>
      <td data-label={t("users.col.role")}>
        <label class="visually-hidden" for={`role-${u().id}`}>
          {t("users.roleOf", { email: u().email })}
        </label>
        <select id={`role-${u().id}`} value={u().role} onChange={(e) => act(() => api.updateUser(u().id, { role: e.currentTarget.value as Role }))}>
          <For each={ROLES}>{(r) => <option value={r}>{t(`users.role.${r}`)}</option>}</For>
        </select>
      </td>
      <td data-label={t("users.col.status")}>
        <span class={`tag ${STATUS_TAG[u().status]}`}>{t(`users.status.${u().status}`)}</span>
      </td>
      <td data-label={t("users.col.since")}>{formatDateTime(u().createdAt)}</td>
      <td class="actions">
        <Show when={u().status === "invited"}>
          <button type="button" class="btn btn-small btn-ghost" onClick={() => act(() => api.inviteUser({ email: u().email, role: u().role }), t("users.resent"))}>
            {t("users.resend")}
          </button>
        </Show>
        <Show
          when={u().status === "deactivated"}
          fallback={
            // Your own row: disabled, with the reason beside it (the server refuses it too: 409 cannot_deactivate_self).
            <Show
              when={!props.self}
              fallback={
                <>
                  <button type="button" class="btn btn-small btn-danger-outline" disabled aria-describedby={`self-${u().id}`}>
                    {t("users.deactivate")}
                  </button>
                  <span id={`self-${u().id}`} class="muted small">
                    {t("access.notYourself")}
                  </span>
                </>
              }
            >
              <button type="button" class="btn btn-small btn-danger-outline" onClick={() => act(() => api.deactivateUser(u().id))} aria-label={t("users.deactivateWho", { email: u().email })}>
                {t("users.deactivate")}
              </button>
            </Show>
          }
        >
          <button type="button" class="btn btn-small" onClick={() => act(() => api.reactivateUser(u().id))} aria-label={t("users.reactivateWho", { email: u().email })}>
            {t("users.reactivate")}
          </button>
        </Show>
        {/* Someone who has not accepted their invitation has no sessions to end. */}
        <Show when={u().status !== "invited"}>
          <button
            type="button"
            class="btn btn-small btn-ghost"
            onClick={() => act(async () => setInfo(t("users.sessionsEnded", { n: (await api.signOutUser(u().id)).ended })))}
            aria-label={t("users.signOutWho", { email: u().email })}
          >
            {t("users.signOut")}
          </button>
        </Show>
        <Show when={info()}>
          <span class="muted" role="status">
            {info()}
          </span>
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
