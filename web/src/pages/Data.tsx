// Import purchases from CSV (with live progress and every bad row), and export responses and purchases.
import { createEffect, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { api, errorMessage } from "../api";
import { ErrorNote } from "../components/ErrorNote";
import { Table } from "../components/ResourceTable";
import { formatDateTime } from "../format";
import { DASHBOARD_LOCALES, intlLocale, t } from "../i18n";
import { integrationsApi, type Import } from "../integrations-api";
import { roleMay } from "../../../server/domain/vocabulary";

const count = (n: number) => n.toLocaleString(intlLocale());
const IMPORT_STATUS = { waiting: "data.status.waiting", running: "data.status.running", done: "data.status.done", failed: "data.status.failed" } as const;

export function Data() {
  createEffect(() => (document.title = `${t("data.title")} · ValuePulse`));
  // Imports are admins' (the server answers 403 to anyone else); every signed-in role may export.
  const [me] = createResource(() => api.me());
  const isAdmin = () => me.state === "ready" && roleMay(me().role, "administer");
  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("data.title")}</h1>
          <p class="muted">{t("data.intro")}</p>
        </div>
      </header>
      <Show when={isAdmin()}>
        <ImportPurchases />
        <DelightedImport />
      </Show>
      <Exports />
      <Show when={me.state === "ready" && !isAdmin()}>
        <p class="muted" data-testid="imports-admin-only">{t("access.importsAdminOnly")}</p>
      </Show>
    </>
  );
}

function ImportPurchases() {
  const [recent, { refetch }] = createResource(() => integrationsApi.imports());
  const { current, error, busy, start } = createImportRun("file", async (file) => {
    const created = await integrationsApi.createImport(file.name);
    return { created, upload: () => integrationsApi.uploadCsv(created.id, file) };
  }, refetch);

  return (
    <section class="card" aria-labelledby="import-title" data-testid="import">
      <h2 id="import-title">{t("data.importTitle")}</h2>
      <p class="muted">
        {t("data.importHelp")} {t("data.required")}: <code>order_id</code>, <code>email</code>, <code>amount</code> {t("data.amountNote")}, <code>currency</code>. {t("data.optional")}:{" "}
        <code>name</code>, <code>locale</code>, <code>purchased_at</code>, <code>fulfilled_at</code> (ISO 8601), <code>channel</code>, <code>item_name</code>, <code>item_sku</code>,{" "}
        <code>item_category</code>. {t("data.importLimits")}
      </p>
      <form class="form-row" onSubmit={start}>
        <div class="field">
          <label for="import-file">{t("data.file")}</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required disabled={busy()} />
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("data.importing") : t("data.import")}
        </button>
      </form>
      <Show when={error()}>{(err) => <p class="note note-error" role="alert">{errorMessage(err())}</p>}</Show>
      <Show when={current()}>{(imp) => <ImportProgress imp={imp()} />}</Show>
      <Show when={recent.error}>
        <ErrorNote error={recent.error} retry={refetch} />
      </Show>
      <Show when={(recent.latest ?? []).length > 0}>
        <h3>{t("data.recent")}</h3>
        <Table
          rows={recent.latest!}
          columns={[t("data.col.file"), t("data.col.started"), t("data.col.status"), t("data.col.rows"), t("data.col.imported"), t("data.col.unchanged"), t("data.col.refused")]}
          row={(r) => (
            <tr>
              <td>{r.fileName ?? "—"}</td>
              <td>{formatDateTime(r.createdAt)}</td>
              <td>{r.status in IMPORT_STATUS ? t(IMPORT_STATUS[r.status as keyof typeof IMPORT_STATUS]) : r.status}</td>
              <td>{count(r.rowsProcessed)}</td>
              <td>{count(r.imported)}</td>
              <td>{count(r.unchanged)}</td>
              <td>{count(r.failed)}</td>
            </tr>
          )}
        />
      </Show>
    </section>
  );
}

const DELIGHTED_KINDS = ["responses", "people", "unsubscribes", "bounces"] as const;

/** Delighted's exports (issue 23): the same progress and bad rows as the purchase import. */
function DelightedImport() {
  const [kind, setKind] = createSignal("");
  const { current, error, busy, start } = createImportRun("delighted-file", async (file) => {
    const created = await integrationsApi.createDelightedImport(file.name);
    return { created, upload: () => integrationsApi.uploadDelighted(created.id, file, kind() || undefined) };
  });
  const kindName = (k: string) => {
    const short = k.replace(/^delighted-?/, "");
    return (DELIGHTED_KINDS as readonly string[]).includes(short) ? t(`delightedImport.${short as (typeof DELIGHTED_KINDS)[number]}`) : t("delightedImport.unknown");
  };

  return (
    <section class="card" aria-labelledby="delighted-title" data-testid="delighted-import">
      <h2 id="delighted-title">{t("delightedImport.title")}</h2>
      <p class="muted">{t("delightedImport.intro")}</p>
      <p class="muted">{t("delightedImport.howTo")}</p>
      <form class="form-row" onSubmit={start}>
        <div class="field">
          <label for="delighted-kind">{t("delightedImport.kind")}</label>
          <select id="delighted-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value)} disabled={busy()}>
            <option value="">{t("delightedImport.auto")}</option>
            {DELIGHTED_KINDS.map((k) => (
              <option value={k}>{t(`delightedImport.${k}`)}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="delighted-file">{t("delightedImport.file")}</label>
          <input id="delighted-file" name="delighted-file" type="file" accept=".json,.csv,application/json,text/csv" required disabled={busy()} />
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("delightedImport.importing") : t("delightedImport.import")}
        </button>
      </form>
      <Show when={error()}>{(err) => <p class="note note-error" role="alert">{errorMessage(err())}</p>}</Show>
      <Show when={current()}>
        {(imp) => (
          <>
            <Show when={imp().status === "done" || imp().status === "failed"}>
              <p data-testid="delighted-kind">{t("delightedImport.found", { kind: kindName(imp().kind) })}</p>
            </Show>
            <ImportProgress imp={imp()} />
            <Show when={imp().errors.length > 0 && /\.json$/i.test(imp().fileName ?? "")}>
              <p class="muted">{t("delightedImport.lineNote")}</p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

function ImportProgress(props: { imp: Import }) {
  const pct = () => (props.imp.bytesTotal ? Math.min(100, Math.round((props.imp.bytesRead / props.imp.bytesTotal) * 100)) : null);
  const running = () => props.imp.status === "waiting" || props.imp.status === "running";
  return (
    <div class="import-progress" data-testid="import-progress" data-status={props.imp.status}>
      <Show when={running()}>
        <label for="import-bar">{t("data.reading", { file: props.imp.fileName ?? "" })}</label>
        {/* Without a known size the bar is indeterminate: a progress element with no value. */}
        <Show when={pct() !== null} fallback={<progress id="import-bar" max="100" />}>
          <progress id="import-bar" max="100" value={pct()!} />
        </Show>
      </Show>
      <p aria-live="polite" data-testid="import-counts">
        {props.imp.status === "done" ? t("data.donePrefix") : props.imp.status === "failed" ? t("data.stoppedPrefix") : ""}
        {t("data.counts", { rows: count(props.imp.rowsProcessed), imported: count(props.imp.imported), unchanged: count(props.imp.unchanged), refused: count(props.imp.failed) })}
      </p>
      <Show when={props.imp.error}>
        <p class="note note-error" role="alert">
          {props.imp.error}
        </p>
      </Show>
      <Show when={!running() && props.imp.errors.length > 0}>
        <details open={props.imp.errors.length <= 20}>
          <summary>
            {props.imp.errors.length >= 1000 ? t("data.refusedFirst", { n: count(1000) }) : t("data.refused")}
          </summary>
          <Table
            rows={props.imp.errors}
            testid="import-errors"
            columns={[t("data.col.line"), t("data.col.field"), t("data.col.problem")]}
            row={(e) => (
              <tr>
                <td>{e.line}</td>
                <td>
                  <code>{e.field}</code>
                </td>
                <td>{e.reason}</td>
              </tr>
            )}
          />
        </details>
      </Show>
    </div>
  );
}

/** The export form's response groups as NPS score bounds. */
const SCORE_GROUPS: Record<string, { minScore?: number; maxScore?: number }> = { promoters: { minScore: 9 }, passives: { minScore: 7, maxScore: 8 }, detractors: { maxScore: 6 } };

function Exports() {
  const [from, setFrom] = createSignal("");
  const [to, setTo] = createSignal("");
  const [group, setGroup] = createSignal("");
  const [locale, setLocale] = createSignal("");
  // Dates are whole days in the business's time zone (the server's TIMEZONE); `to` includes its day.
  const links = () => api.exportLinks({ from: from() || undefined, to: to() || undefined, ...SCORE_GROUPS[group()], locale: locale() || undefined });
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("data.exportTitle")}</h2>
      <div class="form-row">
        <div class="field">
          <label for="export-from">{t("data.from")}</label>
          <input id="export-from" type="date" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="export-to">{t("data.to")}</label>
          <input id="export-to" type="date" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="export-group">{t("data.responses")}</label>
          <select id="export-group" value={group()} onChange={(e) => setGroup(e.currentTarget.value)}>
            <option value="">{t("data.all")}</option>
            <option value="promoters">{t("data.promoters")}</option>
            <option value="passives">{t("data.passives")}</option>
            <option value="detractors">{t("data.detractors")}</option>
          </select>
        </div>
        <div class="field">
          <label for="export-locale">{t("data.language")}</label>
          <select id="export-locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value)}>
            <option value="">{t("data.any")}</option>
            <For each={DASHBOARD_LOCALES}>{(l) => <option value={l}>{t(`analytics.language.${l}`)}</option>}</For>
          </select>
        </div>
      </div>
      <p class="form-row">
        <a class="btn btn-primary" href={links().responsesCsv} download="" data-testid="export-responses-csv">
          {t("data.responsesCsv")}
        </a>
        <a class="btn" href={links().responsesJson} download="">
          {t("data.responsesJson")}
        </a>
        <a class="btn" href={links().purchasesCsv} download="">
          {t("data.purchasesCsv")}
        </a>
      </p>
      <p class="muted">{t("data.exportNote")}</p>
    </section>
  );
}

/**
 * One upload with live progress, as both import forms run it: create the import row, poll it every half second
 * while the upload request runs (the server writes progress there), then show the final row.
 */
function createImportRun(inputName: string, begin: (file: File) => Promise<{ created: Import; upload: () => Promise<Import> }>, onDone?: () => void) {
  const [current, setCurrent] = createSignal<Import>();
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  let poll: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(poll));

  const start = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem(inputName) as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(undefined);
    let finished = false;
    try {
      const { created, upload } = await begin(file);
      setCurrent(created);
      poll = setInterval(async () => {
        const s = await integrationsApi.importStatus(created.id).catch(() => undefined);
        if (s && !finished) setCurrent(s);
      }, 500);
      const done = await upload();
      finished = true;
      setCurrent(done);
      input.value = "";
      onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      finished = true;
      clearInterval(poll);
      setBusy(false);
    }
  };
  return { current, error, busy, start };
}
