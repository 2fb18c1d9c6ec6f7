// Online backups under load: `npm run backup` while answers stream in, `npm run restore` into a fresh data
// folder, a server started on it serves every answer acknowledged before the backup began. Scheduled
// backups keep BACKUP_KEEP files.
import { createClient } from "@libsql/client";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { call, newAgent, seedDuePurchases, serverEnv, sleep, tokenHash, tokensByRecipient } from "./support";

const INVITATIONS = 100;
const IN_FLIGHT = 12;

const dirs: string[] = [];
const servers: RunningServer[] = [];
const tempDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `valuepulse-${name}-`));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const s of servers) await s.stop("SIGKILL").catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs an npm script the way an operator would, with the server's environment. */
function npmRun(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd: resolve("."), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => done({ code, output }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

describe("backups", () => {
  it("backs up while answers stream in; the restored copy serves every answer acknowledged before the backup", async () => {
    const dataDir = tempDir("backup-src");
    const scheduledDir = tempDir("backup-scheduled");
    // Scheduled backups every 1.8 s, two kept, beside the manual one.
    const env = serverEnv({ BACKUP_INTERVAL_HOURS: "0.0005", BACKUP_KEEP: "2", BACKUP_DIR: scheduledDir });
    const source = await startNodeServer(env, { dataDir });
    servers.push(source);
    const agent = newAgent();
    const emails = await seedDuePurchases(agent, source.url, "bk", INVITATIONS);
    expect((await call(agent, source.url, "POST", "/api/v1/dispatch", { auth: true })).status).toBe(200);
    const tokens = await tokensByRecipient(agent, source.url);
    const invitations = emails.map((e) => ({ token: tokens.get(e)!, sent: [] as string[], acked: null as string | null }));

    let acks = 0;
    let ackedAtBackup: (string | null)[] | null = null;
    let backup: Promise<{ code: number | null; output: string }> | null = null;
    let streaming = true;
    let op = 0;
    const worker = async (w: number) => {
      // Each worker owns its own invitations, so "the last acknowledged" of each is well defined.
      for (let k = 0; streaming; k++) {
        const idx = (w + k * IN_FLIGHT) % INVITATIONS;
        const inv = invitations[idx]!;
        const comment = `op-${op++}`;
        inv.sent.push(comment);
        const r = await call(agent, source.url, "POST", `/s/${inv.token}`, { body: { score: op % 11, comment } });
        expect([200, 201], r.body).toContain(r.status);
        inv.acked = comment;
        if (++acks === 150) {
          // The backup starts now: everything acknowledged so far must be in it.
          ackedAtBackup = invitations.map((i) => i.acked);
          backup = npmRun("backup", [join(dataDir, "manual")], { DATABASE_URL: `file:${join(dataDir, "valuepulse.db")}`, BACKUP_KEEP: "5" });
          void backup.then(() => setTimeout(() => (streaming = false), 300));
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, (_, w) => worker(w)));
    agent.destroy();
    expect(backup, "the stream ended before the backup started").not.toBeNull();
    const done = await backup!;
    expect(done.code, done.output).toBe(0);
    const file = /Backed up .* to (\S+\.db) /.exec(done.output)?.[1];
    expect(file, done.output).toBeDefined();
    console.log(`${acks} answers acknowledged; ${done.output.trim()}`);

    // Scheduled backups meanwhile: at least three made, the two newest kept.
    for (let i = 0; i < 100 && (source.output().match(/"msg":"backup"/g) ?? []).length < 3; i++) await sleep(100);
    expect((source.output().match(/"msg":"backup"/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(scheduledDir).filter((f) => /^valuepulse-.*\.db$/.test(f))).toHaveLength(2);

    // A restore refuses while a server uses the database, and refuses what is not a database.
    const liveEnv = { DATABASE_URL: `file:${join(dataDir, "valuepulse.db")}`, PORT: String(source.port) };
    const whileRunning = await npmRun("restore", [file!], liveEnv);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.output).toContain(`A server answers on port ${source.port}: stop it first`);
    const notADb = await npmRun("restore", [resolve("package.json")], liveEnv);
    expect(notADb.code).toBe(1);
    expect(notADb.output).toMatch(/is not a database/);

    // Restore into a fresh data folder and start a server there.
    const freshDir = tempDir("backup-fresh");
    const port = await freePort();
    const restored = await npmRun("restore", [file!], { DATABASE_URL: `file:${join(freshDir, "valuepulse.db")}`, PORT: String(port) });
    expect(restored.code, restored.output).toBe(0);
    const fresh = await startNodeServer(serverEnv({ BACKUP_INTERVAL_HOURS: "0" }), { dataDir: freshDir, port });
    servers.push(fresh);
    const freshAgent = newAgent();
    const scores = await call(freshAgent, fresh.url, "GET", "/api/v1/scores", { auth: true });
    expect(scores.status).toBe(200);
    freshAgent.destroy();

    const db = createClient({ url: `file:${join(freshDir, "valuepulse.db")}` });
    try {
      const rows = (await db.execute("SELECT i.token_hash, r.comment FROM responses r JOIN invitations i ON i.id = r.invitation_id")).rows;
      const stored = new Map(rows.map((r) => [String(r.token_hash), String(r.comment)]));
      expect(scores.json().nps.responses, "the restored server counts what the copy holds").toBe(rows.length);
      const missing = invitations.flatMap((inv, idx) => {
        const before = ackedAtBackup![idx];
        if (!before) return [];
        // That answer, or one sent after it (the copy may be a moment later than the backup's start).
        const allowed = inv.sent.slice(inv.sent.indexOf(before));
        const got = stored.get(tokenHash(inv.token));
        return got && allowed.includes(got) ? [] : [`invitation ${idx}: acknowledged ${before} before the backup, restored ${got ?? "nothing"}`];
      });
      expect(missing).toEqual([]);
    } finally {
      db.close();
    }
  });
});
