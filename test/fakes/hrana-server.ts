// A stand-in for Turso in tests: Hrana over HTTP (protocol version 2, JSON), the protocol `@libsql/client/web`
// speaks, backed by a real libSQL file. No libSQL server (sqld) can be installed on these machines.
//
// It answers what the client sends (see node_modules/@libsql/hrana-client/lib-esm/http/):
//   GET  /v2                 200 (version probe)       GET /health  200
//   POST /v2/pipeline        {baton?, requests:[...]} → {baton, base_url, results:[{type:"ok",response}|{type:"error",error}]}
// with requests execute, batch (conditions ok/error/not/and/or/is_autocommit), sequence, describe, store_sql,
// close_sql, get_autocommit and close. Like sqld, a stream lives on across requests through its baton (a new one
// per response, so a stale or replayed baton is refused), owns one connection (so BEGIN … COMMIT can span
// requests), and expires when idle. The client only asks for v3 endpoints if told to, so GET /v3 is 404.
// Writers are serialised: while one stream holds an open transaction, other streams' requests wait for it.
import Database from "libsql";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Value = { type: "null" } | { type: "integer"; value: string } | { type: "float"; value: number } | { type: "text"; value: string } | { type: "blob"; base64: string };
type Stmt = { sql?: string; sql_id?: number; args?: Value[]; named_args?: { name: string; value: Value }[]; want_rows?: boolean };
type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };
type Request =
  | { type: "close" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { condition?: Cond | null; stmt: Stmt }[] } }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "describe"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "get_autocommit" };
type ProtoError = { message: string; code: string };

class HranaError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

type Stream = { id: string; db: Database.Database; sqls: Map<number, string>; baton: string; idleTimer?: ReturnType<typeof setTimeout> };

export type HranaServer = {
  /** http://127.0.0.1:PORT — use as DATABASE_URL. */
  url: string;
  /** The bearer token it requires (DATABASE_AUTH_TOKEN). */
  authToken: string;
  /** Every POST received, for asserting that traffic really went over HTTP. */
  requests: { path: string; types: string[]; withBaton: boolean }[];
  /** Statements run and rows their results returned, so far (what a Worker's read cost the database: bench/edge-analytics.ts). */
  stats: { statements: number; rows: number };
  close(): Promise<void>;
};

/** sqld expires idle streams after 10 s. */
const STREAM_IDLE_MS = 10_000;

function toSql(v: Value): unknown {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(v.value);
    case "float":
      return v.value;
    case "text":
      return v.value;
    case "blob":
      return Buffer.from(v.base64, "base64");
  }
}

function fromSql(v: unknown): Value {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: String(v) };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new HranaError(`Unsupported value ${typeof v}`, "SQLITE_MISMATCH");
}

function protoError(err: unknown): ProtoError {
  if (err instanceof HranaError) return { message: err.message, code: err.code };
  const e = err as { message?: string; code?: string };
  return { message: e?.message ?? String(err), code: typeof e?.code === "string" ? e.code : "UNKNOWN" };
}

export async function startHranaServer(opts: { file: string; authToken?: string }): Promise<HranaServer> {
  const authToken = opts.authToken ?? "hrana-test-" + randomBytes(12).toString("hex");
  const init = new Database(opts.file);
  init.exec("PRAGMA journal_mode = WAL");
  init.close();

  const streams = new Map<string, Stream>();
  const requests: HranaServer["requests"] = [];
  const stats: HranaServer["stats"] = { statements: 0, rows: 0 };
  // The stream whose open transaction holds the write lock, and the pipelines waiting for it.
  let lockOwner: Stream | null = null;
  let waiters: (() => void)[] = [];

  function releaseLock(s: Stream) {
    if (lockOwner !== s) return;
    lockOwner = null;
    const w = waiters;
    waiters = [];
    for (const wake of w) wake();
  }

  function closeStream(s: Stream) {
    clearTimeout(s.idleTimer);
    streams.delete(s.id);
    try {
      if (s.db.open && s.db.inTransaction) s.db.exec("ROLLBACK");
    } catch {
      /* closing anyway */
    }
    s.db.close();
    releaseLock(s);
  }

  function openStream(): Stream {
    const db = new Database(opts.file);
    db.exec("PRAGMA foreign_keys = ON");
    const s: Stream = { id: randomBytes(8).toString("hex"), db, sqls: new Map(), baton: "" };
    streams.set(s.id, s);
    return s;
  }

  function sqlOf(s: Stream, stmt: { sql?: string; sql_id?: number }): string {
    if (stmt.sql !== undefined && stmt.sql !== null) return stmt.sql;
    const sql = stmt.sql_id !== undefined ? s.sqls.get(stmt.sql_id) : undefined;
    if (sql === undefined) throw new HranaError(`SQL text ${stmt.sql_id} not found`, "SQL_NOT_FOUND");
    return sql;
  }

  function execute(s: Stream, stmt: Stmt) {
    const started = performance.now();
    const prepared = s.db.prepare(sqlOf(s, stmt));
    prepared.safeIntegers(true);
    let args: unknown = (stmt.args ?? []).map(toSql);
    if (stmt.named_args?.length)
      // libsql binds names without their prefix (:, @, $).
      args = Object.fromEntries(stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ""), toSql(a.value)]));
    let cols: { name: string; decltype: string | null }[] = [];
    let rows: Value[][] = [];
    let affected = 0;
    let lastRowid: string | null = null;
    if (prepared.reader) {
      prepared.raw(true);
      cols = (prepared.columns() as { name: string; type: string | null }[]).map((c) => ({ name: c.name, decltype: c.type ?? null }));
      const all = prepared.all(args) as unknown[][];
      if (stmt.want_rows !== false) rows = all.map((r) => r.map(fromSql));
      // INSERT … RETURNING reads rows and changes them: report its changes like sqld does.
      const info = s.db.prepare("SELECT changes(), last_insert_rowid()").raw(true).safeIntegers(true).get() as [bigint, bigint];
      if (!/^\s*(select|with|pragma|explain|values)\b/i.test(sqlOf(s, stmt))) {
        affected = Number(info[0]);
        lastRowid = String(info[1]);
      }
    } else {
      const info = prepared.run(args);
      affected = info.changes;
      lastRowid = String(info.lastInsertRowid);
    }
    stats.statements++;
    stats.rows += rows.length;
    return {
      cols,
      rows,
      affected_row_count: affected,
      last_insert_rowid: lastRowid,
      rows_read: rows.length,
      rows_written: affected,
      query_duration_ms: performance.now() - started,
    };
  }

  function batch(s: Stream, steps: { condition?: Cond | null; stmt: Stmt }[]) {
    const results: (ReturnType<typeof execute> | null)[] = [];
    const errors: (ProtoError | null)[] = [];
    const holds = (c: Cond): boolean => {
      switch (c.type) {
        case "ok":
          return results[c.step] != null;
        case "error":
          return errors[c.step] != null;
        case "not":
          return !holds(c.cond);
        case "and":
          return c.conds.every(holds);
        case "or":
          return c.conds.some(holds);
        case "is_autocommit":
          return !s.db.inTransaction;
      }
    };
    steps.forEach((step, i) => {
      results[i] = null;
      errors[i] = null;
      if (step.condition && !holds(step.condition)) return;
      try {
        results[i] = execute(s, step.stmt);
      } catch (err) {
        errors[i] = protoError(err);
      }
    });
    return { step_results: results, step_errors: errors };
  }

  function handle(s: Stream, r: Request): Record<string, unknown> {
    switch (r.type) {
      case "close":
        closeStream(s);
        return { type: "close" };
      case "execute":
        return { type: "execute", result: execute(s, r.stmt) };
      case "batch":
        return { type: "batch", result: batch(s, r.batch.steps) };
      case "sequence":
        s.db.exec(sqlOf(s, r));
        return { type: "sequence" };
      case "describe": {
        const sql = sqlOf(s, r);
        const p = s.db.prepare(sql);
        const cols = p.reader ? (p.columns() as { name: string; type: string | null }[]).map((c) => ({ name: c.name, decltype: c.type ?? null })) : [];
        return { type: "describe", result: { params: [], cols, is_explain: /^\s*explain\b/i.test(sql), is_readonly: /^\s*(select|with)\b/i.test(sql) } };
      }
      case "store_sql":
        if (r.sql.length >= 5000) throw new HranaError("SQL text too long to store", "SQL_TOO_LONG");
        s.sqls.set(r.sql_id, r.sql);
        return { type: "store_sql" };
      case "close_sql":
        s.sqls.delete(r.sql_id);
        return { type: "close_sql" };
      case "get_autocommit":
        return { type: "get_autocommit", is_autocommit: !s.db.inTransaction };
      default:
        throw new HranaError(`Unknown request type ${(r as { type: string }).type}`, "UNKNOWN_REQUEST");
    }
  }

  async function pipeline(body: { baton?: string | null; requests: Request[] }) {
    let s: Stream;
    if (body.baton) {
      const found = streams.get(body.baton.split(".")[0]);
      if (!found || found.baton !== body.baton) throw new HranaError("Stream expired or baton invalid", "STREAM_EXPIRED");
      s = found;
    } else {
      while (lockOwner) await new Promise<void>((r) => waiters.push(r));
      s = openStream();
    }
    // A stream without the lock waits while another stream's transaction is open.
    while (lockOwner && lockOwner !== s) await new Promise<void>((r) => waiters.push(r));
    clearTimeout(s.idleTimer);
    const results = body.requests.map((r) => {
      if (!streams.has(s.id)) return { type: "error", error: { message: "Stream is closed", code: "STREAM_CLOSED" } };
      try {
        return { type: "ok", response: handle(s, r) };
      } catch (err) {
        return { type: "error", error: protoError(err) };
      }
    });
    if (!streams.has(s.id)) return { baton: null, base_url: null, results };
    if (s.db.inTransaction) lockOwner = s;
    else releaseLock(s);
    s.baton = `${s.id}.${randomBytes(8).toString("hex")}`;
    s.idleTimer = setTimeout(() => closeStream(s), STREAM_IDLE_MS);
    return { baton: s.baton, base_url: null, results };
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  const server: Server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    try {
      if (req.method === "GET" && (req.url === "/v2" || req.url === "/health")) return reply(200, "");
      if (req.method !== "POST" || req.url !== "/v2/pipeline") return reply(404, "Not found");
      if (req.headers.authorization !== `Bearer ${authToken}`) return reply(401, { message: "Authentication required", code: "AUTH_HEADER_NOT_FOUND" });
      const body = JSON.parse(await readBody(req)) as { baton?: string | null; requests: Request[] };
      requests.push({ path: req.url, types: body.requests.map((r) => r.type), withBaton: Boolean(body.baton) });
      reply(200, await pipeline(body));
    } catch (err) {
      reply(400, protoError(err));
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authToken,
    requests,
    stats,
    async close() {
      for (const s of [...streams.values()]) closeStream(s);
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
