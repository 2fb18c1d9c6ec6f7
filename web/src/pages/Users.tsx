// Users (admins): invite by email, change role, deactivate or reactivate, sign someone out everywhere.
import { createResource, createSignal, For, Show } from "solid-js";
import { api, errorMessage, type UserRecord } from "../api";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { formatDateTime } from "../format";

type Role = UserRecord["role"];
const ROLES: Record<Role, string> = {
  admin: "Admin — everything, incl. users and keys",
  marketer: "Marketer — templates, read scores",
  support: "Support — dashboard, closed loop, read",
  viewer: "Viewer — read only",
};

export function Users() {
  document.title = "Users · ValuePulse";
  const [users, { refetch }] = createResource(() => api.users());
  return (
    <>
      <header class="page-head">
        <div>
          <h1>Users</h1>
          <p class="muted">Invited users get an email with a link (valid 7 days) to set their password.</p>
        </div>
      </header>
      <InviteUser onInvited={refetch} />
      <section class="card" aria-labelledby="users-title">
        <h2 id="users-title">Everyone with access</h2>
        <ResourceTable
          resource={users}
          refetch={refetch}
          class="keys"
          testid="users-table"
          columns={["Email", "Name", "Role", "Status", "Since", ACTIONS]}
          row={(u) => <UserRow user={u} onChanged={refetch} />}
        />
      </section>
    </>
  );
}

function InviteUser(props: { onInvited: () => void }) {
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal<Role>("viewer");
  const [locale, setLocale] = createSignal<"en" | "vi">("en");
  const [busy, setBusy] = createSignal(false);
  const [note, setNote] = createSignal<{ ok: boolean; text: string }>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setNote(undefined);
    try {
      const u = await api.inviteUser({ email: email().trim(), role: role(), locale: locale() });
      setNote({ ok: true, text: `Invitation sent to ${u.email}.` });
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
      <h2 id="invite-title">Invite a user</h2>
      <div class="form-row">
        <div class="field">
          <label for="invite-email">Email</label>
          <input id="invite-email" type="email" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="invite-role">Role</label>
          <select id="invite-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <For each={Object.entries(ROLES)}>{([value, label]) => <option value={value}>{label}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="invite-locale">Email language</label>
          <select id="invite-locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as "en" | "vi")}>
            <option value="en">English</option>
            <option value="vi">Tiếng Việt</option>
          </select>
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? "Sending…" : "Send invitation"}
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

function UserRow(props: { user: UserRecord; onChanged: () => void }) {
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
      <td>{u().email}</td>
      <td>{u().name ?? "—"}</td>
      <td>
        <label class="visually-hidden" for={`role-${u().id}`}>
          Role of {u().email}
        </label>
        <select id={`role-${u().id}`} value={u().role} onChange={(e) => act(() => api.updateUser(u().id, { role: e.currentTarget.value as Role }))}>
          <For each={Object.keys(ROLES)}>{(r) => <option value={r}>{r}</option>}</For>
        </select>
      </td>
      <td>
        <span class={`tag ${u().status === "active" ? "tag-ok" : u().status === "invited" ? "tag-warn" : "tag-muted"}`}>{u().status}</span>
      </td>
      <td>{formatDateTime(u().createdAt)}</td>
      <td class="actions">
        <Show when={u().status === "invited"}>
          <button type="button" class="btn btn-small btn-ghost" onClick={() => act(() => api.inviteUser({ email: u().email, role: u().role }), "Invitation sent again.")}>
            Resend invitation
          </button>
        </Show>
        <Show
          when={u().status === "deactivated"}
          fallback={
            <button type="button" class="btn btn-small btn-danger-outline" onClick={() => act(() => api.deactivateUser(u().id))} aria-label={`Deactivate ${u().email}`}>
              Deactivate
            </button>
          }
        >
          <button type="button" class="btn btn-small" onClick={() => act(() => api.reactivateUser(u().id))} aria-label={`Reactivate ${u().email}`}>
            Reactivate
          </button>
        </Show>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => act(async () => setInfo(`${(await api.signOutUser(u().id)).ended} session(s) ended.`))}>
          Sign out everywhere
        </button>
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
