// Privacy (admins): export or erase one customer's data, and how long personal data is kept.
import { createEffect, createResource, createSignal, Show } from "solid-js";
import { api, errorMessage } from "../api";
import { formatDateTime } from "../format";
import { t } from "../i18n";

export function Privacy() {
  createEffect(() => (document.title = `${t("privacy.title")} · ValuePulse`));
  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("privacy.title")}</h1>
          <p class="muted">{t("privacy.intro")}</p>
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
      return t("privacy.exported");
    });
  const erase = () =>
    run(async () => {
      const r = await api.eraseCustomer(customer().trim());
      setCustomer("");
      return t("privacy.erased", { purchases: r.purchases, responses: r.responses, emails: r.emails });
    });
  return (
    <section class="card" aria-labelledby="request-title" data-testid="privacy-request">
      <h2 id="request-title">{t("privacy.requestTitle")}</h2>
      <div class="form-row">
        <div class="field">
          <label for="privacy-customer">{t("privacy.customer")}</label>
          <input id="privacy-customer" required value={customer()} onInput={(e) => setCustomer(e.currentTarget.value)} />
        </div>
        <button type="button" class="btn btn-primary" disabled={busy() || !customer().trim()} onClick={exportData}>
          {t("privacy.export")}
        </button>
        <Show
          when={confirming()}
          fallback={
            <button type="button" class="btn btn-danger-outline" disabled={busy() || !customer().trim()} onClick={() => setConfirming(true)}>
              {t("privacy.erase")}
            </button>
          }
        >
          <button type="button" class="btn btn-danger" disabled={busy()} onClick={erase} data-testid="erase-confirm">
            {t("privacy.eraseForGood")}
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </button>
        </Show>
      </div>
      <Show when={confirming()}>
        <p class="note note-error">{t("privacy.eraseWarning")}</p>
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
      setNote({ ok: true, text: value === null ? t("privacy.keptNote") : t("privacy.removedAfter", { n: value }) });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    }
  };
  return (
    <form class="card" onSubmit={save} aria-labelledby="retention-title" data-testid="retention-form">
      <h2 id="retention-title">{t("privacy.retentionTitle")}</h2>
      <p class="muted">
        {t("privacy.retentionHelp")}
        <Show when={retention()?.lastRunAt}>{(at) => <> {t("privacy.lastRun", { at: formatDateTime(at()) })}</>}</Show>
      </p>
      <div class="form-row">
        <div class="field">
          <label for="retention-months">{t("privacy.months")}</label>
          <input
            id="retention-months"
            type="number"
            min="1"
            max="120"
            placeholder={retention()?.months == null ? t("privacy.keep") : String(retention()!.months)}
            value={months()}
            onInput={(e) => setMonths(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn-primary">
          {t("common.save")}
        </button>
      </div>
      <Show when={retention.state === "ready"}>
        <p class="muted" data-testid="retention-current">
          {retention()!.months == null ? t("privacy.nowKept") : t("privacy.nowMonths", { n: retention()!.months! })}
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
