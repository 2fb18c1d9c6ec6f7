// Graceful stop of the Node entry (SIGTERM from systemd, SIGINT from a terminal): stop accepting,
// let every request in flight finish (its answer is committed before it is acknowledged), end live
// streams with a reconnect hint, let a running job pass and the last group commit finish, then exit 0.
import type { Server } from "node:http";
import type { Log } from "./deps";

/** Requests still running this long after the signal are cut off, so a stop never hangs (systemd's TimeoutStopSec is longer). */
export const SHUTDOWN_GRACE_MS = 20_000;

export type ShutdownSteps = {
  server: Server;
  /** Aborted at the signal: live streams (SSE) send `retry:` and end. */
  stopping: AbortController;
  /** Stops timers; resolves when the job pass that is running (if any) finished. */
  stopJobs: () => Promise<void>;
  /** Resolves when no shared transaction is queued or running. */
  drained: () => Promise<void>;
  /** Closes threads and the database. */
  close: () => Promise<void>;
  log: Log;
  graceMs?: number;
};

export function stopGracefully(steps: ShutdownSteps, signal: string): Promise<void> {
  const { server, log } = steps;
  const started = Date.now();
  log.info("shutting down", { signal });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  steps.stopping.abort();
  // A keep-alive socket is idle between requests: closed once its response went out, so close() can finish.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 25);
  const cutOff = setTimeout(() => {
    log.error("shutdown: requests still running after the grace period; closing their connections", { graceMs: steps.graceMs ?? SHUTDOWN_GRACE_MS });
    server.closeAllConnections();
  }, steps.graceMs ?? SHUTDOWN_GRACE_MS);
  return (async () => {
    await Promise.all([closed, steps.stopJobs()]);
    clearInterval(sweep);
    clearTimeout(cutOff);
    await steps.drained();
    await steps.close();
    log.info("stopped", { signal, ms: Date.now() - started });
  })();
}

/** SIGTERM and SIGINT stop gracefully once; a second signal while stopping exits at once. */
export function onStopSignals(steps: ShutdownSteps): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      steps.log.error("second signal while stopping: exiting now", { signal });
      process.exit(1);
    }
    stopping = true;
    stopGracefully(steps, signal).then(
      () => process.exit(0),
      (err) => {
        steps.log.error("shutdown failed", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", handle);
  process.on("SIGINT", handle);
}
