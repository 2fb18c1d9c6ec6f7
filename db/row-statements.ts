// Insert and update statements whose SQL is built once from the drizzle schema: building a drizzle
// query per write cost a sixth of a purchase's CPU, and their text never changes with the values.
import type { InStatement, InValue } from "@libsql/client";
import { getTableColumns, getTableName, type Table } from "drizzle-orm";

type Row<T extends Table> = T["$inferInsert"];
type Key<T extends Table> = keyof Row<T> & string;

function columnsOf<T extends Table>(table: T, keys: Key<T>[]) {
  const all = getTableColumns(table) as Record<string, { name: string; mapToDriverValue(v: unknown): unknown }>;
  return keys.map((k) => ({ key: k, column: all[k] }));
}

/** `insert into t (keys…) values (?…)`; values go through each column's own mapping (JSON, booleans). */
export function insertStatement<T extends Table>(table: T, keys: Key<T>[]): (row: Row<T>) => InStatement {
  const cols = columnsOf(table, keys);
  const sql = `insert into "${getTableName(table)}" (${cols.map((c) => `"${c.column.name}"`).join(", ")}) values (${cols.map(() => "?").join(", ")})`;
  return (row) => ({ sql, args: cols.map(({ key, column }) => toArg(column, (row as Record<string, unknown>)[key])) });
}

/** `update t set (keys…) where whereKey = ?`. */
export function updateStatement<T extends Table>(table: T, keys: Key<T>[], whereKey: Key<T>): (row: Partial<Row<T>>) => InStatement {
  const cols = columnsOf(table, [...keys, whereKey]);
  const set = cols.slice(0, -1);
  const sql = `update "${getTableName(table)}" set ${set.map((c) => `"${c.column.name}" = ?`).join(", ")} where "${cols.at(-1)!.column.name}" = ?`;
  return (row) => ({ sql, args: cols.map(({ key, column }) => toArg(column, (row as Record<string, unknown>)[key])) });
}

const toArg = (column: { mapToDriverValue(v: unknown): unknown }, value: unknown): InValue => (value === undefined || value === null ? null : (column.mapToDriverValue(value) as InValue));
