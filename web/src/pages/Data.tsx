// Import purchases from CSV (with live progress and every bad row), and export responses and purchases.
import { createResource, createSignal, onCleanup, Show } from "solid-js";
import { errorMessage } from "../api";
import { ErrorNote } from "../components/ErrorNote";
import { Table } from "../components/ResourceTable";
import { formatDateTime } from "../format";
import { integrationsApi, type Import } from "../integrations-api";

export function Data() {
  document.title = "Import & export · ValuePulse";
  return (
    <>
      <header class="page-head">
        <div>
          <h1>Import &amp; export</h1>
          <p class="muted">Bring in past purchases from a spreadsheet; take responses and purchases out as CSV or JSON.</p>
        </div>
      </header>
      <ImportPurchases />
      <Exports />
    </>
  );
}

function ImportPurchases() {
  const [current, setCurrent] = createSignal<Import>();
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);
  const [recent, { refetch }] = createResource(() => integrationsApi.imports());
  let poll: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(poll));

  const start = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem("file") as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(undefined);
    let finished = false;
    try {
      const created = await integrationsApi.createImport(file.name);
      setCurrent(created);
      // Progress comes from the import row while the upload request runs.
      poll = setInterval(async () => {
        const s = await integrationsApi.importStatus(created.id).catch(() => undefined);
        if (s && !finished) setCurrent(s);
      }, 500);
      const done = await integrationsApi.uploadCsv(created.id, file);
      finished = true;
      setCurrent(done);
      input.value = "";
      refetch();
    } catch (err) {
      setError(err);
    } finally {
      finished = true;
      clearInterval(poll);
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="import-title" data-testid="import">
      <h2 id="import-title">Import purchases (CSV)</h2>
      <p class="muted">
        A header row, then one purchase per row. Columns: <code>order_id</code>, <code>email</code>, <code>amount</code> (as written, e.g. 19.99 or 1250000),{" "}
        <code>currency</code> — required; <code>name</code>, <code>locale</code>, <code>purchased_at</code>, <code>fulfilled_at</code> (ISO 8601), <code>channel</code>,{" "}
        <code>item_name</code>, <code>item_sku</code>, <code>item_category</code> — optional. Up to 100,000 rows. Uploading the same file again changes nothing.
      </p>
      <form class="form-row" onSubmit={start}>
        <div class="field">
          <label for="import-file">CSV file</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required disabled={busy()} />
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? "Importing…" : "Import"}
        </button>
      </form>
      <Show when={error()}>{(err) => <p class="note note-error" role="alert">{errorMessage(err())}</p>}</Show>
      <Show when={current()}>{(imp) => <ImportProgress imp={imp()} />}</Show>
      <Show when={recent.error}>
        <ErrorNote error={recent.error} retry={refetch} />
      </Show>
      <Show when={(recent.latest ?? []).length > 0}>
        <h3>Recent imports</h3>
        <Table
          rows={recent.latest!}
          columns={["File", "Started", "Status", "Rows", "Imported", "Unchanged", "Refused"]}
          row={(r) => (
            <tr>
              <td>{r.fileName ?? "—"}</td>
              <td>{formatDateTime(r.createdAt)}</td>
              <td>{r.status}</td>
              <td>{r.rowsProcessed}</td>
              <td>{r.imported}</td>
              <td>{r.unchanged}</td>
              <td>{r.failed}</td>
            </tr>
          )}
        />
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
        <label for="import-bar">Reading {props.imp.fileName}</label>
        {/* Without a known size the bar is indeterminate: a progress element with no value. */}
        <Show when={pct() !== null} fallback={<progress id="import-bar" max="100" />}>
          <progress id="import-bar" max="100" value={pct()!} />
        </Show>
      </Show>
      <p aria-live="polite" data-testid="import-counts">
        {props.imp.status === "done" ? "Done: " : props.imp.status === "failed" ? "Stopped: " : ""}
        {props.imp.rowsProcessed.toLocaleString()} rows read — {props.imp.imported.toLocaleString()} imported, {props.imp.unchanged.toLocaleString()} unchanged,{" "}
        {props.imp.failed.toLocaleString()} refused.
      </p>
      <Show when={props.imp.error}>
        <p class="note note-error" role="alert">
          {props.imp.error}
        </p>
      </Show>
      <Show when={!running() && props.imp.errors.length > 0}>
        <details open={props.imp.errors.length <= 20}>
          <summary>
            Refused rows{props.imp.errors.length >= 1000 ? " (first 1,000 problems)" : ""}: fix them in the file and upload it again.
          </summary>
          <Table
            rows={props.imp.errors}
            testid="import-errors"
            columns={["Line", "Field", "Problem"]}
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

function Exports() {
  const [from, setFrom] = createSignal("");
  const [to, setTo] = createSignal("");
  const [group, setGroup] = createSignal("");
  const [locale, setLocale] = createSignal("");
  const query = () => {
    const q = new URLSearchParams();
    // Dates are whole days in the business's time zone (the server's TIMEZONE); `to` includes its day.
    if (from()) q.set("from", from());
    if (to()) q.set("to", to());
    if (group() === "promoters") q.set("minScore", "9");
    if (group() === "passives") (q.set("minScore", "7"), q.set("maxScore", "8"));
    if (group() === "detractors") q.set("maxScore", "6");
    if (locale()) q.set("locale", locale());
    const s = q.toString();
    return s ? `?${s}` : "";
  };
  const purchaseQuery = () => {
    const q = new URLSearchParams();
    if (from()) q.set("from", from());
    if (to()) q.set("to", to());
    const s = q.toString();
    return s ? `?${s}` : "";
  };
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div class="form-row">
        <div class="field">
          <label for="export-from">From</label>
          <input id="export-from" type="date" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="export-to">To (inclusive)</label>
          <input id="export-to" type="date" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="export-group">Responses</label>
          <select id="export-group" value={group()} onChange={(e) => setGroup(e.currentTarget.value)}>
            <option value="">All</option>
            <option value="promoters">Promoters (9–10)</option>
            <option value="passives">Passives (7–8)</option>
            <option value="detractors">Detractors (0–6)</option>
          </select>
        </div>
        <div class="field">
          <label for="export-locale">Language</label>
          <select id="export-locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value)}>
            <option value="">Any</option>
            <option value="en">English</option>
            <option value="vi">Vietnamese</option>
          </select>
        </div>
      </div>
      <p class="form-row">
        <a class="btn btn-primary" href={`/api/v1/exports/responses.csv${query()}`} download="" data-testid="export-responses-csv">
          Responses (CSV)
        </a>
        <a class="btn" href={`/api/v1/exports/responses.json${query()}`} download="">
          Responses (JSON)
        </a>
        <a class="btn" href={`/api/v1/exports/purchases.csv${purchaseQuery()}`} download="">
          Purchases (CSV)
        </a>
      </p>
      <p class="muted">Purchases are exported in the import's columns, so a file can be edited and imported again.</p>
    </section>
  );
}
