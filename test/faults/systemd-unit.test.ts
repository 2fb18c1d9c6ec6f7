// deploy/valuepulse.service as systemd would run it: systemd-analyze accepts it, and its ExecStart with its
// Environment= and an EnvironmentFile made from deploy/env.example starts the built server on 127.0.0.1 only,
// which stops on the unit's KillSignal with exit 0 within TimeoutStopSec. (/opt/valuepulse is this checkout,
// /var/lib/valuepulse a temp folder, the port a free one: the rest is the unit's.)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sleep } from "./support";

const unit = readFileSync("deploy/valuepulse.service", "utf8");
const values = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => m[1]!.trim());
const dataDir = mkdtempSync(join(tmpdir(), "valuepulse-unit-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}
const connects = (host: string, port: number) =>
  new Promise<boolean>((res) => {
    const s = createConnection({ host, port, timeout: 1000 }, () => (s.destroy(), res(true)));
    s.on("error", () => res(false));
    s.on("timeout", () => (s.destroy(), res(false)));
  });

describe("deploy/valuepulse.service", () => {
  it("passes systemd-analyze verify", () => {
    const verify = spawnSync("systemd-analyze", ["verify", "deploy/valuepulse.service"], { encoding: "utf8" });
    if (verify.error) return console.warn("systemd-analyze is not installed: unit syntax not checked");
    expect(verify.stderr + verify.stdout).toBe("");
    expect(verify.status).toBe(0);
  });

  it("starts the built server from its ExecStart and environment, on loopback only, and stops on SIGTERM with exit 0", async () => {
    // ExecStart runs what `npm run build` made: build the server bundle from this checkout.
    const built = spawnSync("npx", ["vite", "build", "-c", "vite.server.config.ts"], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    const unitEnv = Object.fromEntries(values("Environment").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
    expect(unitEnv).toMatchObject({ HOST: "127.0.0.1", TRUST_PROXY: "loopback", DATABASE_URL: "file:/var/lib/valuepulse/valuepulse.db" });
    expect(values("StateDirectory")).toEqual(["valuepulse"]);
    // The env file as a person fills it in from deploy/env.example.
    const example = readFileSync("deploy/env.example", "utf8");
    const fileEnv = Object.fromEntries(
      example
        .split("\n")
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    const port = await freePort();
    const env = {
      PATH: process.env.PATH!,
      ...unitEnv,
      ...fileEnv,
      ADMIN_PASSWORD: "unit-password-123",
      // A key for a Resend that is not there: nothing is sent in this test (no purchase), but the start requires one.
      RESEND_API_KEY: "re_unit_test_key",
      RESEND_BASE_URL: "http://127.0.0.1:9",
      PORT: String(port),
      DATABASE_URL: unitEnv.DATABASE_URL!.replace("/var/lib/valuepulse", dataDir),
    };
    const [command, ...args] = values("ExecStart")[0]!.split(/\s+/);
    expect(command).toBe("/usr/bin/node");
    const child = spawn(existsSync(command!) ? command! : process.execPath, args, { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${output}`);
        try {
          if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
        } catch {
          /* starting */
        }
        if (i > 600) throw new Error(`did not start in 60 s:\n${output}`);
        await sleep(100);
      }
      expect(output).toContain(`ValuePulse on ${fileEnv.PUBLIC_URL}`);
      // HOST=127.0.0.1: not reachable on the machine's other addresses.
      const other = Object.values(networkInterfaces())
        .flat()
        .find((a) => a && !a.internal && a.family === "IPv4");
      if (other) expect(await connects(other.address, port)).toBe(false);
      expect(existsSync(join(dataDir, "valuepulse.db"))).toBe(true);
    } finally {
      const stopWithin = Number(values("TimeoutStopSec")[0]) * 1000;
      child.kill((values("KillSignal")[0] ?? "SIGTERM") as NodeJS.Signals);
      const timer = setTimeout(() => child.kill("SIGKILL"), stopWithin);
      const code = await exited;
      clearTimeout(timer);
      expect(code, output).toBe(0);
    }
    expect(output).toMatch(/"msg":"stopped"/);
  });
});
