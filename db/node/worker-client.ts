// Node only: the embedded file's client with SQLite on a thread of its own. Statements, commits and
// their fsync (synchronous=FULL) then never stall the event loop: requests keep being parsed while
// a group commit runs, so the next group grows instead of the queue.
import type { Client } from "@libsql/client";
import { Worker } from "node:worker_threads";
import { clientOver, DbError, type Engine, type Stmt } from "./file-client";
import type { Reply, Request } from "./sqlite-thread";

type Pending = { resolve(v: unknown): void; reject(e: unknown): void };
type Body<R> = R extends unknown ? Omit<R, "id"> : never;

export function createWorkerClient(path: string, opts: { timeoutMs?: number } = {}): Client {
  // The thread runs TypeScript the way the entry does, through tsx's loader (Node 20 does not pass --import to threads).
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./sqlite-thread.ts", import.meta.url).href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { path, timeoutMs: opts.timeoutMs } });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: unknown = null;

  worker.on("message", (reply: Reply) => {
    const p = pending.get(reply.id)!;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.error) p.reject(new DbError(reply.error.message, reply.error.code, reply.error.statementIndex));
    else p.resolve(reply.result);
  });
  // A thread that dies takes its answers with it: fail everything waiting, and everything after.
  const fail = (err: unknown) => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new DbError(`The database thread exited (code ${code})`, "CLIENT_CLOSED")));
  // Idle, the thread must not keep the process alive; with calls in flight it must.
  worker.unref();

  function call<T>(req: Body<Request>): Promise<T> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...req, id });
    });
  }

  const engine: Engine = {
    execute: (stmt: Stmt) => call({ op: "execute", stmt }),
    batch: (stmts, begin) => call({ op: "batch", stmts, begin }),
    migrate: (stmts) => call({ op: "migrate", stmts }),
    executeMultiple: (sql) => call({ op: "executeMultiple", sql }),
    close: async () => {
      await call({ op: "close" }).catch(() => undefined);
      await worker.terminate();
    },
  };
  return clientOver(engine);
}
