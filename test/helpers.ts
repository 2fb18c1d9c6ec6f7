// Test helpers: a real app on a temp libSQL file with a controllable clock.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { applyFilePragmas, createDb } from "../db/client";
import { connectNode } from "../db/node/connect-node";
import { migrateDb } from "../db/migrate";
import { createApp } from "../server/app";
import { loadConfig } from "../server/config";
import type { AppEvent, Deps, Log } from "../server/deps";
import { createEventBus } from "../server/events";
import { bootstrap } from "../server/services/bootstrap";
import { devMailbox } from "../server/services/mailers/dev-mailbox";
import type { Mailer } from "../server/services/mailers/mailer";
import { NO_RATE_LIMITS } from "./rate-limits-off";

export const ADMIN = { email: "admin@example.com", password: "correct horse battery" };
export const INGEST_KEY = "vp_test_ingest_key_0123456789";
export const T0 = Date.parse("2026-11-01T09:00:00Z");
export const DAY = 24 * 3_600_000;

export type TestClock = { now(): number; advance(ms: number): void; set(t: number): void };

export function testClock(start = T0): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (v) => void (t = v) };
}

const quietLog: Log = { info() {}, error() {} };

/**
 * `client: "@libsql/client"` opens the file as the app opens Turso (statements sent in batches, no
 * in-process transactions), so the network write paths run against a file too.
 */
export async function makeApp(opts: { env?: Record<string, string>; mailer?: (deps: Pick<Deps, "db" | "clock">) => Mailer; client?: "file" | "@libsql/client" } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "valuepulse-test-"));
  const url = `file:${join(dir, "test.db")}`;
  const client = opts.client === "@libsql/client" ? createClient({ url, concurrency: 1 }) : await connectNode(url);
  if (opts.client === "@libsql/client") await applyFilePragmas(client);
  const clock = testClock();
  const config = loadConfig({
    DATABASE_URL: url,
    PUBLIC_URL: "http://localhost:8787",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    INGEST_API_KEY: INGEST_KEY,
    // All calls come from one address and the test clock stands still: per-IP limits would add up
    // across a whole file. test/api/hardening.test.ts turns them on to test them.
    ...NO_RATE_LIMITS,
    ...opts.env,
  });
  const db = createDb(client, { utcOffsetMs: config.utcOffsetMs });
  await migrateDb(db);
  const deps: Deps = {
    config: { ...config, secretKey: "test-secret-key-that-is-long-enough-0123456789" },
    db,
    clock,
    mailer: opts.mailer ? opts.mailer({ db, clock }) : devMailbox(db, clock.now),
    events: createEventBus<AppEvent>(),
    log: quietLog,
  };
  await bootstrap(deps);
  const app = createApp(deps);
  const close = () => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { app, deps, db, client, clock, close };
}

export type TestApp = Awaited<ReturnType<typeof makeApp>>;

export const bearer = (key = INGEST_KEY) => ({ Authorization: `Bearer ${key}` });

export function postJson(app: TestApp["app"], path: string, body: unknown, headers: Record<string, string> = bearer()) {
  return app.request(path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
}

export function purchase(overrides: Record<string, unknown> = {}) {
  return {
    id: "order-1001",
    customer: { email: "lan@example.com", name: "Lan", locale: "vi-VN" },
    amount: 1_250_000,
    currency: "VND",
    items: [{ sku: "TEA-1", name: "Trà sen", category: "tea" }],
    channel: "web",
    purchasedAt: new Date(T0 - 5 * DAY).toISOString(),
    fulfilledAt: new Date(T0 - 4 * DAY).toISOString(),
    ...overrides,
  };
}

/** The survey token inside an invitation email's first score link. */
export function tokenFromEmail(html: string): string {
  const m = html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/);
  if (!m) throw new Error("no survey link in email");
  return m[1];
}

export async function signInCookie(app: TestApp["app"], creds = ADMIN): Promise<string> {
  const res = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(creds),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers.get("set-cookie")!;
  return cookie.split(";")[0];
}

/** Headers a browser sends with a same-origin request carrying the session cookie. */
export const asBrowser = (cookie: string) => ({ Cookie: cookie, Origin: "http://localhost:8787" });
