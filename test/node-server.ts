// Starts the real Node entry (server/node.ts) as a child process on a free loopback port with a temp data folder.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
// Loopback load (benchmarks, fault tests) comes from one address: per-IP limits are off unless a caller sets them.
import { NO_RATE_LIMITS } from "./rate-limits-off";

export type RunningServer = { url: string; port: number; dataDir: string; process: ChildProcess; output: () => string; stop(signal?: NodeJS.Signals): Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export async function startNodeServer(env: Record<string, string> = {}, opts: { dataDir?: string; port?: number; nodeArgs?: string[]; startTimeoutMs?: number; entry?: string } = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "valuepulse-server-"));
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  // The first admin comes only from what the test passes: an ADMIN_* in the runner's environment would hide a newcomer's start.
  const { ADMIN_EMAIL: _email, ADMIN_PASSWORD: _password, ...inherited } = process.env;
  // `entry`: the built server (build/node.js, `npm run build`) instead of the TypeScript through tsx.
  const entry = opts.entry ? [resolve(opts.entry)] : ["--import", "tsx", resolve("server/node.ts")];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    env: { ...inherited, DATABASE_URL: `file:${join(dataDir, "valuepulse.db")}`, PORT: String(port), PUBLIC_URL: url, ...NO_RATE_LIMITS, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  // Generous: under a full parallel test run on two cores, start-up (tsx, migrations, seeding) can take a while.
  const startTimeoutMs = opts.startTimeoutMs ?? 55_000;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in ${startTimeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dataDir,
    process: child,
    output: () => log,
    async stop(signal = "SIGTERM") {
      // A child killed by a signal has exitCode null but signalCode set: it is already gone.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill(signal);
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The credentials a first start without ADMIN_* prints ("First admin created: EMAIL … Password (shown once): …"). */
export function printedAdmin(output: string): { email: string; password: string } {
  const m = /First admin created: (\S+)\s+Password \(shown once\): (\S+)/.exec(output);
  if (!m) throw new Error(`no first admin in the output:\n${output}`);
  return { email: m[1]!, password: m[2]! };
}
