// A @libsql/client `Client` for an embedded file that keeps its prepared statements.
//
// @libsql/client's file client prepares every statement again on every call, probes each one with
// an exception to learn whether it returns rows, and builds each row with one defineProperty per
// value. Our hot statements (the multi-row answer upserts) are long: preparing them cost more than
// running them, and preparing was half the database's CPU per answer or purchase. This client speaks
// the same interface on the same `libsql` engine and keeps the statements it runs most prepared (a
// bounded cache, so memory stays flat under varied reads). Being in-process and synchronous, it also
// offers transactSync (see db/client.ts).
import Database from "libsql";
import type { Client, InArgs, InStatement, InValue, ResultSet, Row, TransactionMode } from "@libsql/client";
import type { InProcessTransaction } from "../client";

type Stmt = { sql: string; args: unknown[] | Record<string, unknown> };

/** Statements kept prepared, least recently used dropped first: enough for the hot writes and the common reads. */
const CACHE_SIZE = 100;

/** Same error shape as @libsql/client's: `code` such as SQLITE_CONSTRAINT, and the failing statement of a batch. */
export class DbError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly statementIndex?: number,
  ) {
    super(message);
    this.name = "LibsqlError";
  }
}

function toDbError(err: unknown, statementIndex?: number): DbError {
  if (err instanceof DbError) return err;
  const e = err as { message?: string; code?: string };
  const code = String(e.code ?? "SQLITE_ERROR");
  return new DbError(`${code}: ${e.message ?? String(err)}`, code.split("_").slice(0, 2).join("_"), statementIndex);
}

const VALUES = Symbol("values");
type RowShape = { columns: string[]; proto: object };

/**
 * Rows look like @libsql/client's: each column by name (enumerable, first of a repeated name wins)
 * and by index (not enumerable), plus `length`. The index side lives on a prototype shared by every
 * row of one column list, so a row costs one object and one property per column.
 */
function rowShape(columns: string[]): RowShape {
  const props: PropertyDescriptorMap = { length: { get: () => columns.length } };
  columns.forEach((_, i) => (props[i] = { get(this: { [VALUES]: unknown[] }) { return this[VALUES][i]; } }));
  return { columns, proto: Object.create(Object.prototype, props) };
}

function toRow(shape: RowShape, values: unknown[]): Row {
  const row = Object.create(shape.proto) as Record<string | symbol, unknown>;
  Object.defineProperty(row, VALUES, { value: values });
  for (let i = 0; i < values.length; i++) {
    // Blobs leave as ArrayBuffers, as in @libsql/client.
    const v = values[i];
    if (v instanceof Uint8Array) values[i] = v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
    const name = shape.columns[i];
    if (!Object.hasOwn(row, name)) row[name] = values[i];
  }
  return row as unknown as Row;
}

function sqlValue(v: InValue): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.valueOf();
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  return v;
}

function toStmt(stmt: InStatement | [string, InArgs?]): Stmt {
  const [sql, args] = typeof stmt === "string" ? [stmt, undefined] : Array.isArray(stmt) ? stmt : [stmt.sql, stmt.args];
  if (args === undefined) return { sql, args: [] };
  if (Array.isArray(args)) return { sql, args: args.map(sqlValue) };
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) named[/^[@$:]/.test(k) ? k.slice(1) : k] = sqlValue(v);
  return { sql, args: named };
}

const BEGIN: Record<TransactionMode, string> = { write: "BEGIN IMMEDIATE", read: "BEGIN DEFERRED", deferred: "BEGIN DEFERRED" };

/**
 * The @libsql/client interface on one connection to the file, running each call before it returns.
 * Interactive (async) transactions are not offered: the app writes through batches and transactSync.
 */
export function createFileClient(path: string): Client & { transactSync: InProcessTransaction } {
  // Waits for another connection's write (a script, a test) as busy_timeout would.
  const db = new Database(path, { timeout: 5000 });
  type Prepared = { stmt: Database.Statement<unknown[]>; reader: boolean; columns: string[]; columnTypes: string[]; shape?: RowShape };
  const cache = new Map<string, Prepared>();
  let closed = false;

  function prepared(sql: string): Prepared {
    const hit = cache.get(sql);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the statement as recently used.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const stmt = db.prepare(sql);
    const reader = stmt.reader;
    const cols = reader ? (stmt.columns() as { name: string; type: string | null }[]) : [];
    if (reader) stmt.raw(true);
    const p: Prepared = { stmt, reader, columns: cols.map((c) => c.name), columnTypes: cols.map((c) => c.type ?? "") };
    cache.set(sql, p);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return p;
  }

  function run({ sql, args }: Stmt): ResultSet {
    const p = prepared(sql);
    let rows: Row[] = [];
    let rowsAffected = 0;
    let lastInsertRowid: bigint | undefined;
    if (p.reader) {
      const values = p.stmt.all(args) as unknown[][];
      if (values.length > 0) rows = values.map((v) => toRow((p.shape ??= rowShape(p.columns)), v));
    } else {
      const info = p.stmt.run(args) as { changes: number; lastInsertRowid: number | bigint };
      rowsAffected = info.changes;
      lastInsertRowid = BigInt(info.lastInsertRowid);
    }
    const { columns, columnTypes } = p;
    return { columns, columnTypes, rows, rowsAffected, lastInsertRowid, toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }) };
  }

  /** `body` inside a transaction that commits if it returns and rolls back if it throws. */
  function inTransaction<T>(begin: string, body: () => T): T {
    prepared(begin).stmt.run([]);
    try {
      const result = body();
      prepared("COMMIT").stmt.run([]);
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw err;
    }
  }

  /** All or nothing: any failing statement rolls the whole batch back and names its index. */
  function batch(stmts: Stmt[], begin: string): ResultSet[] {
    return inTransaction(begin, () =>
      stmts.map((s, i) => {
        try {
          return run(s);
        } catch (err) {
          throw toDbError(err, i);
        }
      }),
    );
  }

  /** Runs `f` on an open client, with errors shaped like @libsql/client's. */
  async function call<T>(f: () => T): Promise<T> {
    if (closed) throw new DbError("The client is closed", "CLIENT_CLOSED");
    try {
      return f();
    } catch (err) {
      throw toDbError(err);
    }
  }

  const client = {
    protocol: "file",
    get closed() {
      return closed;
    },
    execute: (stmtOrSql: InStatement | string, args?: InArgs) => call(() => run(toStmt(typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql))),
    batch: (stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = "deferred") => call(() => batch(stmts.map(toStmt), BEGIN[mode])),
    /** Like batch, with foreign keys off while it runs: what drizzle's migrator expects. */
    migrate: (stmts: InStatement[]) =>
      call(() => {
        db.exec("PRAGMA foreign_keys=off");
        try {
          return batch(stmts.map(toStmt), "BEGIN DEFERRED");
        } finally {
          db.exec("PRAGMA foreign_keys=on");
          // A kept `select *` would go on naming the columns its table had before.
          cache.clear();
        }
      }),
    executeMultiple: (sql: string) =>
      call(() => {
        db.exec(sql);
        cache.clear();
      }),
    transactSync: ((body) => {
      if (closed) throw new DbError("The client is closed", "CLIENT_CLOSED");
      return inTransaction(BEGIN.write, () =>
        body((stmt) => {
          try {
            return run(toStmt(stmt));
          } catch (err) {
            throw toDbError(err);
          }
        }),
      );
    }) as InProcessTransaction,
    async transaction(): Promise<never> {
      throw new DbError("Interactive transactions are not supported: write with batch()", "NOT_SUPPORTED");
    },
    async sync() {
      return undefined;
    },
    reconnect() {},
    close() {
      if (closed) return;
      closed = true;
      cache.clear();
      db.close();
    },
  };
  return client as unknown as Client & { transactSync: InProcessTransaction };
}
