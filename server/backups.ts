// Node only: online backups of the embedded file. `VACUUM INTO` on a connection of its own copies one
// consistent snapshot (WAL: the server keeps writing meanwhile) into a compact file; it runs on a worker
// thread because the engine is synchronous and a large file takes seconds. Retention keeps the newest N.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Log } from "./deps";
import { MINUTE_MS } from "./domain/time";

/** The file behind a `file:` DATABASE_URL (as db/node/connect-node.ts opens it); null for a remote database. */
export function databaseFile(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return resolve(url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length).split("?")[0]!);
}

const NAME = /^valuepulse-(\d{8}T\d{6}(?:\d{3})?Z)\.db$/;

/** valuepulse-20261202T044500123Z.db: sorts by time, tells its age from its name. */
export function backupName(at: Date): string {
  return `valuepulse-${at.toISOString().replace(/[-:.]/g, "")}.db`;
}

function timeOfName(name: string): number | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const s = m[1]!;
  return Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.length > 16 ? s.slice(15, 18) : "000"}Z`);
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): { file: string; at: number; bytes: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, at: timeOfName(name) }))
    .filter((b): b is { name: string; at: number } => b.at !== null)
    .map((b) => ({ file: join(dir, b.name), at: b.at, bytes: statSync(join(dir, b.name)).size }))
    .sort((a, b) => b.at - a.at);
}

/** Deletes all but the newest `keep` backups (and partial files a crash left); returns the deleted files. */
export function pruneBackups(dir: string, keep: number): string[] {
  const deleted = listBackups(dir)
    .slice(keep)
    .map((b) => b.file);
  if (existsSync(dir)) for (const name of readdirSync(dir)) if (name.endsWith(".db.partial")) deleted.push(join(dir, name));
  for (const file of deleted) rmSync(file, { force: true });
  return deleted;
}

const libsqlPath = createRequire(import.meta.url).resolve("libsql");

/** Plain JavaScript (no loader needed in the thread): open read-only, copy, check the copy. */
const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.libsqlPath);
const source = new Database(workerData.source, { readonly: true });
try {
  source.exec("PRAGMA busy_timeout = 10000");
  source.exec("VACUUM INTO '" + workerData.target.replace(/'/g, "''") + "'");
} finally {
  source.close();
}
const copy = new Database(workerData.target, { readonly: true });
try {
  const check = Object.values(copy.prepare("PRAGMA quick_check").get())[0];
  if (check !== "ok") throw new Error("the copy failed its check: " + check);
} finally {
  copy.close();
}
parentPort.postMessage("done");
`;

export type BackupResult = { file: string; bytes: number; ms: number };

/**
 * Copies the database at `source` (a file path) into `dir` as of now. The copy is written under a
 * .partial name and renamed once complete and checked, so a file named like a backup is always whole.
 * `signal` abandons it (shutdown): the thread is stopped and the partial file removed.
 */
export async function backupNow(source: string, dir: string, at: Date, signal?: AbortSignal): Promise<BackupResult> {
  const started = Date.now();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(resolve(dir), backupName(at));
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  await new Promise<void>((done, fail) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { libsqlPath, source: resolve(source), target: partial } });
    const abort = () => void worker.terminate().then(() => fail(new Error("backup abandoned: the server is stopping")));
    signal?.addEventListener("abort", abort, { once: true });
    worker.once("message", () => done());
    worker.once("error", fail);
    worker.once("exit", (code) => (code === 0 ? done() : fail(new Error(`backup thread exited with ${code}`))));
  }).catch((err) => {
    rmSync(partial, { force: true });
    throw err;
  });
  renameSync(partial, file);
  return { file, bytes: statSync(file).size, ms: Date.now() - started };
}

const FIRST_BACKUP_AFTER_MS = 10 * MINUTE_MS;

export type BackupSchedule = { stop(): Promise<void> };

/**
 * Backs up every `intervalMs` (judged from the newest backup's name, so restarts do not delay or
 * repeat one), keeping the newest `keep`. The first backup of a folder with none comes ten minutes after
 * start (or one interval, if shorter): not in the middle of a first try-out or a short test run.
 */
export function scheduleBackups(opts: { source: string; dir: string; intervalMs: number; keep: number; log: Log; now?: () => number }): BackupSchedule {
  const now = opts.now ?? Date.now;
  const stopping = new AbortController();
  let running: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | undefined;
  /** After a failure: try again in a while, not in a loop (the newest backup is still old). */
  let notBefore = 0;

  const next = () => {
    if (stopping.signal.aborted) return;
    const newest = listBackups(opts.dir)[0];
    const dueAt = newest ? newest.at + opts.intervalMs : now() + Math.min(FIRST_BACKUP_AFTER_MS, opts.intervalMs);
    timer = setTimeout(run, Math.max(0, dueAt - now(), notBefore - now()));
    timer.unref();
  };
  const run = () => {
    running = backupNow(opts.source, opts.dir, new Date(now()), stopping.signal)
      .then((r) => {
        const pruned = pruneBackups(opts.dir, opts.keep);
        opts.log.info("backup", { file: r.file, bytes: r.bytes, ms: r.ms, pruned: pruned.length });
      })
      .catch((err) => {
        notBefore = now() + Math.min(opts.intervalMs, 600_000);
        if (!stopping.signal.aborted) opts.log.error("backup failed", { error: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        running = null;
        next();
      });
  };
  next();
  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
