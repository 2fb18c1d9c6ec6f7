// Node only: the long reads (services/long-reads.ts) on a worker thread with its own read connection to the
// embedded file. The file client is synchronous, and each of these reads every response its filter selects
// (seconds at a million): on the main thread that would hold up every other request meanwhile. WAL lets the
// thread read while the main thread writes.
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "./errors";
import type { AnyLongReadRunner } from "./deps";

export type ThreadRequest = { id: number; name: string; args: unknown[] };
export type ThreadReply = { id: number; result?: unknown; error?: { message: string; code?: string; status?: number; details?: unknown } };

type Pending = { resolve(v: unknown): void; reject(e: unknown): void };

/**
 * Built (`npm run build`, build/*.js): the thread's module is plain JavaScript beside this one. From source (tsx): a worker
 * thread does not inherit tsx's loader, which runs this TypeScript: it registers it, then loads its module.
 */
const workerScript = (): [string | URL, { eval: boolean }] =>
  import.meta.url.endsWith(".js")
    ? [new URL("./read-thread-worker.js", import.meta.url), { eval: false }]
    : [
        `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL("./read-thread-worker.ts", import.meta.url).href)}); });`,
        { eval: true },
      ];

export function startReadThread(opts: { databaseUrl: string; utcOffsetMs: number }): { run: AnyLongReadRunner; stop(): Promise<void> } {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | null = null;

  const failAll = (err: unknown) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  /** Started at once, so its memory is there from the start; started again if it ever dies. */
  function thread(): Worker {
    if (worker) return worker;
    const [script, how] = workerScript();
    const w = new Worker(script, { ...how, workerData: opts });
    w.on("message", ({ id, result, error }: ThreadReply) => {
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      if (!error) p.resolve(result);
      else p.reject(error.status ? new AppError((error.code ?? "internal") as ErrorCode, error.status as AppError["status"], error.message, error.details) : new Error(error.message));
    });
    w.on("error", failAll);
    w.on("exit", () => {
      if (worker === w) worker = null;
      failAll(new Error("The read thread stopped"));
    });
    // The server's own handles keep the process alive; the thread alone must not.
    w.unref();
    return (worker = w);
  }
  thread();

  const run = ((name: string, ...args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      thread().postMessage({ id, name, args } satisfies ThreadRequest);
    })) as AnyLongReadRunner;

  return {
    run,
    async stop() {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
