// API reference: renders the server's own /openapi.json, so it is always the API that is running.
import { createEffect, createMemo, createResource, createSignal, For, Show } from "solid-js";
import { Table } from "../components/ResourceTable";
import { ResourceView } from "../components/ResourceView";
import { t } from "../i18n";

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { description?: string; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
};
type Doc = { info: { title: string; version: string; description?: string }; paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const METHODS = ["get", "post", "put", "patch", "delete"];

async function loadDoc(): Promise<Doc> {
  const res = await fetch("/openapi.json", { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(t("apiReference.loadFailed", { status: res.status }));
  return res.json();
}

/** A short type label: "string", "integer ≥ 0", "Import", "array of ImportError", "a | b". */
function typeLabel(s: Schema | undefined): string {
  if (!s) return "";
  if (typeof s.$ref === "string") return s.$ref.split("/").pop()!;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map(typeLabel).join(` ${t("apiReference.or")} `);
  if (s.type === "array") return t("apiReference.arrayOf", { type: typeLabel(s.items as Schema) });
  const bounds = [s.minimum !== undefined && `≥ ${s.minimum}`, s.maximum !== undefined && `≤ ${s.maximum}`].filter(Boolean).join(", ");
  return `${Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any")}${bounds ? ` (${bounds})` : ""}`;
}

export function ApiReference() {
  createEffect(() => (document.title = `${t("apiReference.title")} · ValuePulse`));
  const [doc, { refetch }] = createResource(loadDoc);
  const [filter, setFilter] = createSignal("");
  const operations = createMemo(() => {
    // Reading an errored resource throws: the error shows in ResourceView, not over the whole page.
    const d = doc.error ? undefined : doc();
    if (!d) return [];
    const q = filter().toLowerCase();
    return Object.entries(d.paths)
      .flatMap(([path, ops]) => METHODS.filter((m) => ops[m]).map((method) => ({ path, method, op: ops[method] })))
      .filter((o) => !q || `${o.method} ${o.path} ${o.op.summary ?? ""}`.toLowerCase().includes(q));
  });
  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("apiReference.title")}</h1>
          <p class="muted">
            {t("apiReference.generated")} <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). {t("apiReference.sendKey")} <code>Authorization: Bearer &lt;key&gt;</code>{" "}
            ({t("apiReference.createKey")} <a href="/keys">{t("keys.title")}</a>). {t("apiReference.errors")} <code>{'{"error":{"code","message","details"}}'}</code>.
          </p>
        </div>
      </header>
      <ResourceView resource={doc} refetch={refetch}>
        {(d) => (
          <>
            <div class="field">
              <label for="api-filter">{t("apiReference.filter")}</label>
              <input id="api-filter" type="search" placeholder={t("apiReference.filterPlaceholder")} value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
            </div>
            <For each={operations()}>
              {(o) => (
                <details class="card api-op" data-testid="api-operation">
                  <summary>
                    <span class={`tag api-method api-${o.method}`}>{o.method.toUpperCase()}</span> <code>{o.path}</code> — {o.op.summary}
                  </summary>
                  <Show when={o.op.description}>
                    <p>{o.op.description}</p>
                  </Show>
                  <Show when={(o.op.parameters ?? []).length > 0}>
                    <h3>{t("apiReference.parameters")}</h3>
                    <Table
                      rows={o.op.parameters!}
                      columns={[t("apiReference.col.name"), t("apiReference.col.in"), t("apiReference.col.type"), t("apiReference.col.description")]}
                      row={(p) => (
                        <tr>
                          <td>
                            <code>{p.name}</code>
                            {p.required ? ` (${t("apiReference.required")})` : ""}
                          </td>
                          <td>{p.in}</td>
                          <td>{typeLabel(p.schema)}</td>
                          <td>{p.description ?? (p.schema?.description as string | undefined) ?? ""}</td>
                        </tr>
                      )}
                    />
                  </Show>
                  <Show when={o.op.requestBody}>
                    {(body) => (
                      <>
                        <h3>{t("apiReference.requestBody")}</h3>
                        <Show when={body().description}>
                          <p>{body().description}</p>
                        </Show>
                        <For each={Object.entries(body().content ?? {})}>
                          {([type, c]) => (
                            <>
                              <p>
                                <code>{type}</code>: {typeLabel(c.schema)}
                              </p>
                              <SchemaView schema={c.schema} doc={d()} />
                            </>
                          )}
                        </For>
                      </>
                    )}
                  </Show>
                  <h3>{t("apiReference.responses")}</h3>
                  <ul>
                    <For each={Object.entries(o.op.responses ?? {})}>
                      {([status, r]) => (
                        <li>
                          <strong>{status}</strong> {r.description}
                          <For each={Object.entries(r.content ?? {})}>{([type, c]) => <span class="muted"> — {type}: {typeLabel(c.schema)}</span>}</For>
                        </li>
                      )}
                    </For>
                  </ul>
                </details>
              )}
            </For>
            <Show when={Object.keys(d().components?.schemas ?? {}).length > 0}>
              <h2>{t("apiReference.schemas")}</h2>
              <For each={Object.entries(d().components!.schemas!)}>
                {([name, schema]) => (
                  <details class="card" id={`schema-${name}`}>
                    <summary>
                      <code>{name}</code>
                    </summary>
                    <SchemaView schema={schema} doc={d()} />
                  </details>
                )}
              </For>
            </Show>
          </>
        )}
      </ResourceView>
    </>
  );
}

/** Fields of an object schema (one level; named schemas are listed under Schemas). */
function SchemaView(props: { schema: Schema | undefined; doc: Doc }) {
  const resolved = () => {
    const s = props.schema;
    if (s && typeof s.$ref === "string") return props.doc.components?.schemas?.[s.$ref.split("/").pop()!];
    return s;
  };
  const properties = () => Object.entries((resolved()?.properties ?? {}) as Record<string, Schema>);
  const required = () => new Set((resolved()?.required ?? []) as string[]);
  return (
    <Show when={properties().length > 0}>
      <ul class="api-fields">
        <For each={properties()}>
          {([name, s]) => (
            <li>
              <code>{name}</code>
              {required().has(name) ? "" : "?"}: {typeLabel(s)}
              <Show when={s.description}>
                <span class="muted"> — {s.description as string}</span>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
