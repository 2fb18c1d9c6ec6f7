// The dashboard's tables: a scrolling wrapper, a header row of columns, one row per item; ResourceTable adds a resource's states around it.
import { createSignal, For, onCleanup, onMount, type JSX, type Resource } from "solid-js";
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

/**
 * The box a wide table scrolls in, so the page never does. While it scrolls it is a tab stop, so a keyboard can
 * scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable); a table that fits adds no stop.
 */
export function ScrollBox(props: { children: JSX.Element }) {
  let box!: HTMLDivElement;
  const [scrolls, setScrolls] = createSignal(false);
  onMount(() => {
    const check = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    check();
    onCleanup(() => observer.disconnect());
  });
  return (
    <div class="table-wrap" ref={box} tabIndex={scrolls() ? 0 : undefined}>
      {props.children}
    </div>
  );
}

export function Table<T>(props: TableProps<T>) {
  return (
    <ScrollBox>
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
    </ScrollBox>
  );
}

export function ResourceTable<T>(props: Omit<TableProps<T>, "rows"> & { resource: Resource<T[]>; refetch: () => void; empty?: string }) {
  return (
    <ResourceView resource={props.resource} refetch={props.refetch} empty={props.empty}>
      {(rows) => <Table rows={rows()} columns={props.columns} class={props.class} testid={props.testid} row={props.row} />}
    </ResourceView>
  );
}
