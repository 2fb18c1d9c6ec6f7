// The embedded database's own thread (see worker-client.ts): runs each request in the order it arrives.
import { parentPort, workerData } from "node:worker_threads";
import { DbError, openFileEngine, type Stmt } from "./file-client";

export type Request =
  | { id: number; op: "execute"; stmt: Stmt }
  | { id: number; op: "batch"; stmts: Stmt[]; begin: string }
  | { id: number; op: "migrate"; stmts: Stmt[] }
  | { id: number; op: "executeMultiple"; sql: string }
  | { id: number; op: "close" };
export type Reply = { id: number; result?: unknown; error?: { message: string; code: string; statementIndex?: number } };

const engine = openFileEngine(workerData.path as string, { timeoutMs: workerData.timeoutMs as number | undefined });
const port = parentPort!;

port.on("message", (req: Request) => {
  // Every engine call finishes its SQLite work before returning its promise, so requests run
  // strictly one after another, in arrival order, exactly as on a single connection.
  const run =
    req.op === "execute"
      ? engine.execute(req.stmt)
      : req.op === "batch"
        ? engine.batch(req.stmts, req.begin)
        : req.op === "migrate"
          ? engine.migrate(req.stmts)
          : req.op === "executeMultiple"
            ? engine.executeMultiple(req.sql)
            : engine.close();
  run.then(
    (result) => port.postMessage({ id: req.id, result } satisfies Reply),
    (err) => {
      const e = err instanceof DbError ? err : new DbError(String((err as Error)?.message ?? err), "SQLITE_ERROR");
      port.postMessage({ id: req.id, error: { message: e.message, code: e.code, statementIndex: e.statementIndex } } satisfies Reply);
    },
  );
});
