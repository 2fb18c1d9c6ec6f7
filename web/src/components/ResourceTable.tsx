// The dashboard's tables: a scrolling wrapper, a header row of columns, one row per item; ResourceTable adds a resource's states around it.
import { For, type JSX, type Resource } from "solid-js";
import { t } from "../i18n";
import { ResourceView } from "./ResourceView";

/** A column header: its text, or the text with a class (e.g. "num") or read only by screen readers. */
export type Column = string | { label: string; class?: string; hidden?: boolean };
/** The header of a row's buttons, read only by screen readers (a getter, so it follows the language). */
export const ACTIONS: Column = {
  get label() {
    return t("tables.actions");
  },
  hidden: true,
};

type TableProps<T> = {
  rows: readonly T[];
  columns: readonly Column[];
  class?: string;
  testid?: string;
  row: (item: T) => JSX.Element;
};

export function Table<T>(props: TableProps<T>) {
  return (
    <div class="table-wrap">
      <table class={props.class} data-testid={props.testid}>
        <thead>
          <tr>
            <For each={props.columns}>
              {(c) => {
                const col: Exclude<Column, string> = typeof c === "string" ? { label: c } : c;
                return (
                  <th scope="col" class={col.class}>
                    {col.hidden ? <span class="visually-hidden">{col.label}</span> : col.label}
                  </th>
                );
              }}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>{(item) => props.row(item)}</For>
        </tbody>
      </table>
    </div>
  );
}

export function ResourceTable<T>(props: Omit<TableProps<T>, "rows"> & { resource: Resource<T[]>; refetch: () => void; empty?: string }) {
  return (
    <ResourceView resource={props.resource} refetch={props.refetch} empty={props.empty}>
      {(rows) => <Table rows={rows()} columns={props.columns} class={props.class} testid={props.testid} row={props.row} />}
    </ResourceView>
  );
}
