// A @libsql/client `Client` for an embedded file that keeps its prepared statements.
//
// @libsql/client's file client prepares every statement again on every call, probes each one with
// an exception to learn whether it returns rows, and builds each row with one defineProperty per
// value. Our hot statements (the answer upsert, the rollup deltas) are long: preparing them cost
// more than running them. This client speaks the same interface on the same `libsql` engine, either
// on the calling thread (`createFileClient`) or on a thread of its own (db/worker-client.ts).
import Database from "libsql";
import type { Client, InArgs, InStatement, InValue, ResultSet, Row, TransactionMode } from "@libsql/client";

/** A statement as it crosses to the engine: SQL text and plain, cloneable arguments. */
export type Stmt = { sql: string; args: unknown[] | Record<string, unknown> };
/** A result as the engine returns it: rows as value arrays (cheap to copy between threads). */
export type RawResult = { columns: string[]; columnTypes: string[]; rows: unknown[][]; rowsAffected: number; lastInsertRowid: bigint | undefined };

/** What a Client needs from an engine; every method may be local or a message to another thread. */
export type Engine = {
  execute(stmt: Stmt): Promise<RawResult>;
  batch(stmts: Stmt[], begin: string): Promise<RawResult[]>;
  migrate(stmts: Stmt[]): Promise<RawResult[]>;
  executeMultiple(sql: string): Promise<void>;
  close(): Promise<void>;
};

/** Statements kept prepared, least recently used dropped first: the app has a few hundred distinct ones. */
const CACHE_SIZE = 1000;

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

/** The engine on the calling thread: synchronous SQLite behind promise-returning methods. */
export function openFileEngine(path: string, opts: { timeoutMs?: number } = {}): Engine & { executeSync(stmt: Stmt): RawResult; batchSync(stmts: Stmt[], begin: string): RawResult[] } {
  const db = new Database(path, { timeout: opts.timeoutMs ?? 5000 });
  type Prepared = { stmt: Database.Statement<unknown[]>; reader: boolean; columns: string[]; columnTypes: string[] };
  const cache = new Map<string, Prepared>();

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
    const p = { stmt, reader, columns: cols.map((c) => c.name), columnTypes: cols.map((c) => c.type ?? "") };
    cache.set(sql, p);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return p;
  }

  function executeSync({ sql, args }: Stmt): RawResult {
    const p = prepared(sql);
    if (p.reader) return { columns: p.columns, columnTypes: p.columnTypes, rows: p.stmt.all(args) as unknown[][], rowsAffected: 0, lastInsertRowid: undefined };
    const info = p.stmt.run(args) as { changes: number; lastInsertRowid: number | bigint };
    return { columns: [], columnTypes: [], rows: [], rowsAffected: info.changes, lastInsertRowid: BigInt(info.lastInsertRowid) };
  }

  /** All or nothing: any failing statement rolls the whole batch back and names its index. */
  function batchSync(stmts: Stmt[], begin: string): RawResult[] {
    prepared(begin).stmt.run([]);
    try {
      const results = stmts.map((s, i) => {
        try {
          return executeSync(s);
        } catch (err) {
          throw toDbError(err, i);
        }
      });
      prepared("COMMIT").stmt.run([]);
      return results;
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw toDbError(err);
    }
  }

  const engine = {
    executeSync,
    batchSync,
    async execute(stmt: Stmt) {
      try {
        return executeSync(stmt);
      } catch (err) {
        throw toDbError(err);
      }
    },
    async batch(stmts: Stmt[], begin: string) {
      return batchSync(stmts, begin);
    },
    /** Like batch, with foreign keys off while it runs: what drizzle's migrator expects. */
    async migrate(stmts: Stmt[]) {
      db.exec("PRAGMA foreign_keys=off");
      try {
        return batchSync(stmts, "BEGIN DEFERRED");
      } finally {
        db.exec("PRAGMA foreign_keys=on");
        // A kept `select *` would go on naming the columns its table had before.
        cache.clear();
      }
    },
    async executeMultiple(sql: string) {
      db.exec(sql);
      cache.clear();
    },
    async close() {
      cache.clear();
      db.close();
    },
  };
  return engine;
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

/** The @libsql/client interface over an engine. Interactive transactions are not offered: the app writes through batches. */
export function clientOver(engine: Engine): Client {
  const shapes = new Map<string, RowShape>();
  let closed = false;

  function toResultSet(r: RawResult): ResultSet {
    let rows: Row[] = [];
    if (r.rows.length > 0) {
      const key = r.columns.join("\u0000");
      let shape = shapes.get(key);
      if (!shape) shapes.set(key, (shape = rowShape(r.columns)));
      rows = r.rows.map((values) => toRow(shape, values));
    }
    const { columns, columnTypes, rowsAffected, lastInsertRowid } = r;
    return {
      columns,
      columnTypes,
      rows,
      rowsAffected,
      lastInsertRowid,
      toJSON: () => ({ columns, columnTypes, rows: r.rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
    };
  }
  const open = () => {
    if (closed) throw new DbError("The client is closed", "CLIENT_CLOSED");
  };

  const client = {
    protocol: "file",
    get closed() {
      return closed;
    },
    async execute(stmtOrSql: InStatement | string, args?: InArgs) {
      open();
      return toResultSet(await engine.execute(toStmt(typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql)));
    },
    async batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = "deferred") {
      open();
      return (await engine.batch(stmts.map(toStmt), BEGIN[mode])).map(toResultSet);
    },
    async migrate(stmts: InStatement[]) {
      open();
      return (await engine.migrate(stmts.map(toStmt))).map(toResultSet);
    },
    async executeMultiple(sql: string) {
      open();
      await engine.executeMultiple(sql);
    },
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
      void engine.close();
    },
  };
  return client as unknown as Client;
}

/** The file client on the calling thread (tests, scripts): every call runs before it returns. */
export function createFileClient(path: string, opts: { timeoutMs?: number } = {}): Client {
  return clientOver(openFileEngine(path, opts));
}
