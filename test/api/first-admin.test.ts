// Issue 18.1: a newcomer's first start signs in with what it printed; ADMIN_* that cannot apply says so;
// `npm run admin:reset-password` gives the first admin a new password from the command line.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { printedAdmin, startNodeServer } from "../node-server";

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A data folder after a newcomer's first start (no ADMIN_*), and the admin that start printed. */
async function firstStart(): Promise<{ dataDir: string; admin: { email: string; password: string } }> {
  const dataDir = mkdtempSync(join(tmpdir(), "valuepulse-first-admin-"));
  dirs.push(dataDir);
  const server = await startNodeServer({}, { dataDir });
  await server.stop();
  return { dataDir, admin: printedAdmin(server.output()) };
}

const login = (url: string, email: string, password: string) =>
  fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password }) });

/** The real command as `npm run admin:reset-password -- …` runs it, without ADMIN_* unless given. */
async function resetCommand(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const { ADMIN_EMAIL: _e, ADMIN_PASSWORD: _p, ...inherited } = process.env;
  return run(process.execPath, ["--import", "tsx", resolve("server/admin-reset-password.ts"), ...args], {
    env: { ...inherited, DATABASE_URL: `file:${join(dataDir, "valuepulse.db")}`, ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

// Each test starts the real server two or three times: generous on two busy cores.
describe("the first admin", { timeout: 180_000 }, () => {
  it("is printed on a newcomer's first start, and those credentials sign in (and may ask for a reset link)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "valuepulse-first-admin-"));
    dirs.push(dataDir);
    const server = await startNodeServer({}, { dataDir });
    try {
      const admin = printedAdmin(server.output());
      expect(admin.email).toBe("admin@localhost");
      const res = await login(server.url, admin.email, admin.password);
      expect(res.status).toBe(200);
      expect((await res.json()).user).toMatchObject({ email: "admin@localhost", role: "admin" });
      const reset = await fetch(`${server.url}/api/v1/auth/password-reset`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: admin.email }) });
      expect(reset.status).toBe(202);
      // Still refused: something that is not an address at all.
      const bad = await login(server.url, "admin", admin.password);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain("email");
    } finally {
      await server.stop();
    }
  });

  it("a later start with ADMIN_EMAIL/ADMIN_PASSWORD says in its log that they were not applied, and how to reset", async () => {
    const { dataDir } = await firstStart();
    const server = await startNodeServer({ ADMIN_EMAIL: "lead@example.com", ADMIN_PASSWORD: "lead-password-123" }, { dataDir });
    try {
      expect(server.output()).toContain("ADMIN_EMAIL/ADMIN_PASSWORD not applied: users already exist");
      expect(server.output()).toContain("npm run admin:reset-password");
      expect(server.output()).not.toContain("First admin created");
      expect((await login(server.url, "lead@example.com", "lead-password-123")).status).toBe(401);
    } finally {
      await server.stop();
    }
    // Without ADMIN_* a later start says nothing of the kind.
    const quiet = await startNodeServer({}, { dataDir });
    await quiet.stop();
    expect(quiet.output()).not.toContain("not applied");
  });

  it("npm run admin:reset-password prints a new password for the first admin; the old one stops working", async () => {
    const { dataDir, admin } = await firstStart();
    const { code, out } = await resetCommand(dataDir, []);
    expect(code, out).toBe(0);
    const m = /Password reset: admin@localhost\s+New password \(shown once\): (\S+)/.exec(out);
    expect(m, out).not.toBeNull();
    const server = await startNodeServer({}, { dataDir });
    try {
      expect((await login(server.url, "admin@localhost", admin.password)).status).toBe(401);
      expect((await login(server.url, "admin@localhost", m![1]!)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("takes an email and ADMIN_PASSWORD, refuses a too-short password and an unknown email, changing nothing", async () => {
    const { dataDir, admin } = await firstStart();
    const short = await resetCommand(dataDir, ["admin@localhost"], { ADMIN_PASSWORD: "short-pw1" });
    expect(short.code).toBe(1);
    // The environment is checked before anything runs: the one staff password rule names the variable.
    expect(short.out).toMatch(/ADMIN_PASSWORD: must be at least 10 characters/);
    const unknown = await resetCommand(dataDir, ["nobody@example.com"]);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("No user has the email nobody@example.com");
    const { code, out } = await resetCommand(dataDir, ["ADMIN@localhost"], { ADMIN_PASSWORD: "a-chosen-password-42" });
    expect(code, out).toBe(0);
    expect(out).toContain("admin@localhost now signs in with ADMIN_PASSWORD");
    expect(out).not.toContain("a-chosen-password-42");
    const server = await startNodeServer({}, { dataDir });
    try {
      expect((await login(server.url, "admin@localhost", admin.password)).status).toBe(401);
      expect((await login(server.url, "admin@localhost", "a-chosen-password-42")).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
