// Builds the Worker as `wrangler deploy` would (--dry-run, to measure it) and runs it in workerd with
// `wrangler dev` (the same esbuild bundle of wrangler.toml's main), offline: no telemetry, no login, loopback only.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/** Keeps wrangler from phoning home. */
export const OFFLINE_ENV = { WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", CI: "true", NO_COLOR: "1" };

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Runs a command to completion asynchronously (the loopback fakes live in this process and must keep answering). */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...OFFLINE_ENV, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}:\n${out}`))));
  });
}

/** `wrangler deploy --dry-run --outdir DIR`: the bundle that would be uploaded, and its gzipped size. */
export async function buildWorker(outDir: string): Promise<{ script: string; bytes: number; gzipBytes: number }> {
  await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outDir]);
  const script = join(outDir, "worker.js");
  const code = readFileSync(script);
  return { script, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

export type RunningWorker = { url: string; output: () => string; stop(): Promise<void> };

/**
 * Serves wrangler.toml's Worker in workerd with its assets; GET /__scheduled?cron=… fires the Cron Trigger
 * (--test-scheduled; workerd's own /cdn-cgi/handler/scheduled does not reach a Worker that has assets).
 */
export async function startWorker(vars: Record<string, string>, dir: string): Promise<RunningWorker> {
  const port = await freePort();
  const envFile = join(dir, "worker.env");
  writeFileSync(envFile, Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n") + "\n");
  const args = ["wrangler", "dev", "--config", resolve("wrangler.toml"), "--local", "--test-scheduled", "--ip", "127.0.0.1", "--port", String(port),
    "--inspector-port", String(await freePort()), "--env-file", envFile, "--persist-to", join(dir, "state"), "--show-interactive-dev-session=false", "--log-level", "info"];
  const child: ChildProcess = spawn("npx", args, { env: { ...process.env, ...OFFLINE_ENV }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`wrangler dev did not answer /healthz in 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      // wrangler starts workerd as its own child: end the whole group we started (Ctrl-C, as in a terminal).
      process.kill(-child.pid!, "SIGINT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    },
  };
}
