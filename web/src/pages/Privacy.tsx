// Privacy (admins): export or erase one customer's data, and how long personal data is kept.
import { createResource, createSignal, Show } from "solid-js";
import { api, errorMessage } from "../api";
import { formatDateTime } from "../format";

export function Privacy() {
  document.title = "Privacy · ValuePulse";
  return (
    <>
      <header class="page-head">
        <div>
          <h1>Privacy</h1>
          <p class="muted">Answer a customer's request to see or erase their data, and set how long personal data is kept.</p>
        </div>
      </header>
      <CustomerRequest />
      <RetentionSetting />
    </>
  );
}

function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function CustomerRequest() {
  const [customer, setCustomer] = createSignal("");
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [note, setNote] = createSignal<{ ok: boolean; text: string }>();
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setNote(undefined);
    try {
      setNote({ ok: true, text: await fn() });
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const exportData = () =>
    run(async () => {
      const data = await api.exportCustomer(customer().trim());
      download(`customer-export-${Date.now()}.json`, data);
      return "Export downloaded.";
    });
  const erase = () =>
    run(async () => {
      const r = await api.eraseCustomer(customer().trim());
      setCustomer("");
      return `Erased: ${r.purchases} purchase(s), ${r.responses} response(s), ${r.emails} email(s). Scores no longer count their answers.`;
    });
  return (
    <section class="card" aria-labelledby="request-title" data-testid="privacy-request">
      <h2 id="request-title">A customer's data</h2>
      <div class="form-row">
        <div class="field">
          <label for="privacy-customer">Customer email or id</label>
          <input id="privacy-customer" required value={customer()} onInput={(e) => setCustomer(e.currentTarget.value)} />
        </div>
        <button type="button" class="btn btn-primary" disabled={busy() || !customer().trim()} onClick={exportData}>
          Export (JSON)
        </button>
        <Show
          when={confirming()}
          fallback={
            <button type="button" class="btn btn-danger-outline" disabled={busy() || !customer().trim()} onClick={() => setConfirming(true)}>
              Erase…
            </button>
          }
        >
          <button type="button" class="btn btn-danger" disabled={busy()} onClick={erase} data-testid="erase-confirm">
            Erase for good
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </Show>
      </div>
      <Show when={confirming()}>
        <p class="note note-error">Erasing removes their purchases, invitations, answers, comments and emails. It cannot be undone.</p>
      </Show>
      <Show when={note()}>
        {(n) => (
          <p class={`note ${n().ok ? "note-ok" : "note-error"}`} role={n().ok ? "status" : "alert"}>
            {n().text}
          </p>
        )}
      </Show>
    </section>
  );
}

function RetentionSetting() {
  const [retention, { mutate }] = createResource(() => api.retention());
  const [months, setMonths] = createSignal("");
  const [note, setNote] = createSignal<{ ok: boolean; text: string }>();
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setNote(undefined);
    try {
      const value = months().trim() === "" ? null : Number(months());
      mutate(await api.setRetention(value));
      setNote({ ok: true, text: value === null ? "Personal data is kept until erased by hand." : `Comments and personal data are removed after ${value} months.` });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    }
  };
  return (
    <form class="card" onSubmit={save} aria-labelledby="retention-title" data-testid="retention-form">
      <h2 id="retention-title">Retention</h2>
      <p class="muted">
        After this many months, comments are removed and customers with no newer purchase lose their email and name. Their scores keep counting. Checked every hour.
        <Show when={retention()?.lastRunAt}>{(t) => <> Last run {formatDateTime(t())}.</>}</Show>
      </p>
      <div class="form-row">
        <div class="field">
          <label for="retention-months">Months (empty: keep)</label>
          <input
            id="retention-months"
            type="number"
            min="1"
            max="120"
            placeholder={retention()?.months == null ? "keep" : String(retention()!.months)}
            value={months()}
            onInput={(e) => setMonths(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn-primary">
          Save
        </button>
      </div>
      <Show when={retention.state === "ready"}>
        <p class="muted" data-testid="retention-current">
          Now: {retention()!.months == null ? "kept until erased by hand" : `${retention()!.months} months`}
        </p>
      </Show>
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
