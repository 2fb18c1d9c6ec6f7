// Shared pieces of the fault and load tests: a plain node:http client, seeding due invitations, reading the DB after a crash.
import { createClient, type Client } from "@libsql/client";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunningServer } from "../node-server";
import { DAY_MS } from "../../server/domain/time";

export const KEY = "vp_faults_ingest_key_0123456789";
export const DAY = DAY_MS;
/** Fixed, so tokens derived before a crash stay valid after it (the data folder keeps it too). */
export const SECRET_KEY = "faults-secret-key-that-is-long-enough-0123456789";

export const serverEnv = (extra: Record<string, string> = {}) => ({
  INGEST_API_KEY: KEY,
  ADMIN_EMAIL: "lead@example.com",
  ADMIN_PASSWORD: "faults-password-123",
  SECRET_KEY,
  // The tests trigger dispatch themselves unless they say otherwise.
  DISPATCH_INTERVAL_MS: "3600000",
  ...extra,
});

export type Reply = { status: number; body: string; json<T = any>(): T };

/**
 * One HTTP request over loopback with node:http (an explicit Agent per server life, so sockets
 * of a killed process are never reused). Rejects on network errors and after `timeoutMs`.
 */
export function call(
  agent: Agent,
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; form?: Record<string, string>; auth?: boolean; timeoutMs?: number } = {},
): Promise<Reply> {
  const url = new URL(path, base);
  const headers: Record<string, string> = {};
  let payload: string | undefined;
  if (opts.form) {
    payload = new URLSearchParams(opts.form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  } else if (opts.body !== undefined) {
    payload = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  if (opts.auth) headers.authorization = `Bearer ${KEY}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { agent, host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers, timeout: opts.timeoutMs ?? 30_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${opts.timeoutMs ?? 30_000} ms: ${method} ${path}`)));
    req.on("error", reject);
    req.end(payload);
  });
}

export const newAgent = (maxSockets = 64) => new Agent({ keepAlive: true, maxSockets });

/** Runs `task(i)` for i in [0, count) with at most `limit` in flight. */
export async function pool(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

export function duePurchase(id: string, email: string) {
  return {
    id,
    customer: { email, name: `Customer ${id}`, locale: Number(id.replace(/\D/g, "") || 0) % 2 ? "vi" : "en" },
    amount: 250_000,
    currency: "VND",
    items: [{ name: "Ceramic teapot", category: "kitchen" }],
    // Fulfilled 4 days ago: due at once.
    fulfilledAt: new Date(Date.now() - 4 * DAY).toISOString(),
  };
}

/** Records `count` purchases of distinct customers, each due at once; returns the customers' emails. */
export async function seedDuePurchases(agent: Agent, base: string, prefix: string, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@example.com`);
  await pool(count, 16, async (i) => {
    const r = await call(agent, base, "POST", "/api/v1/purchases", { auth: true, body: duePurchase(`${prefix}-${i}`, emails[i]) });
    if (r.status !== 202) throw new Error(`purchase ${i}: ${r.status} ${r.body}`);
  });
  return emails;
}

/** The survey token of every email in the dev mailbox, by recipient. */
export async function tokensByRecipient(agent: Agent, base: string): Promise<Map<string, string>> {
  const r = await call(agent, base, "GET", "/api/v1/mailbox?limit=5000", { auth: true });
  if (r.status !== 200) throw new Error(`mailbox: ${r.status} ${r.body}`);
  const tokens = new Map<string, string>();
  for (const e of r.json<{ emails: { to: string; html: string }[] }>().emails) {
    const m = e.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/);
    if (!m) throw new Error(`no survey link in the email to ${e.to}`);
    tokens.set(e.to, m[1]);
  }
  return tokens;
}

/** What the server stores for a token: the hex SHA-256 (invitations.token_hash). */
export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Copies the database files a killed server left behind (without -shm, which SQLite rebuilds from
 * the WAL, as a restarting server would) and opens the copy, so the original stays untouched for
 * the server's own recovery.
 */
export function openCrashSnapshot(dataDir: string): { db: Client; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "valuepulse-snapshot-"));
  const src = join(dataDir, "valuepulse.db");
  copyFileSync(src, join(dir, "valuepulse.db"));
  if (existsSync(`${src}-wal`)) copyFileSync(`${src}-wal`, join(dir, "valuepulse.db-wal"));
  return { db: createClient({ url: `file:${join(dir, "valuepulse.db")}` }), dir };
}

/** Resident memory of a process in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Node flags that let liveMemory() ask the server for its memory after a full garbage collection. */
export const MEMORY_PROBE_ARGS = ["--expose-gc", "--import", fileURLToPath(new URL("./memory-probe.mjs", import.meta.url))];

/**
 * The server's memory still in use after a full garbage collection (test/faults/memory-probe.mjs): the
 * JS heap's live objects, and what is resident outside the JS heap (native: SQLite, buffers, code).
 */
export async function liveMemory(server: RunningServer): Promise<{ heapUsed: number; native: number }> {
  const probes = () => server.output().split("\n").filter((l) => l.startsWith("MEMORY "));
  const before = probes().length;
  server.process.kill("SIGUSR2");
  for (let i = 0; i < 200 && probes().length === before; i++) await sleep(25);
  if (probes().length === before) throw new Error("the server did not report its memory within 5 s (test/faults/memory-probe.mjs)");
  const m = JSON.parse(probes().at(-1)!.slice("MEMORY ".length)) as { heapUsed: number; heapTotal: number; rss: number };
  return { heapUsed: m.heapUsed, native: m.rss - m.heapTotal };
}
