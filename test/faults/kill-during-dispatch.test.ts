// kill -9 while invitations go out through a slow provider: after restarts every customer gets exactly one email.
import { mkdtempSync, rmSync } from "node:fs";
import type { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { startSlowResendFake, type SlowResendFake } from "./slow-resend-fake";
import { call, newAgent, openCrashSnapshot, seedDuePurchases, serverEnv, sleep, tokenHash } from "./support";
import { announcedRandom } from "../seeded-random";
const random = announcedRandom("kill-during-dispatch", 2412);

const CUSTOMERS = 500;
/** The provider answers each batch this late, so a kill can land while it holds one. */
const PROVIDER_DELAY_MS = 400;
/** The server must honour DISPATCH_LEASE_MS: a batch claimed by a dead process is re-sent after it. */
const LEASE_MS = 2000;
/** Bounds on the final sweep. */
const MAX_SWEEPS = 10;

let fake: SlowResendFake;
let dataDir: string;
let server: RunningServer;
let agent: Agent;
let env: Record<string, string>;
let emails: string[] = [];

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const alive = () => server.process.exitCode === null && server.process.signalCode === null;

/** POST /api/v1/dispatch in the background: its answer is lost when the server dies under it. */
const dispatchInBackground = () => call(agent, server.url, "POST", "/api/v1/dispatch", { auth: true, timeoutMs: 60_000 }).catch((err: Error) => err);

async function restart() {
  agent.destroy();
  server = await startNodeServer(env, { dataDir, port: server.port });
  agent = newAgent();
}

beforeAll(async () => {
  fake = await startSlowResendFake({ delayMs: PROVIDER_DELAY_MS });
  env = serverEnv({ RESEND_API_KEY: fake.apiKey, RESEND_BASE_URL: fake.url, DISPATCH_LEASE_MS: String(LEASE_MS) });
  dataDir = mkdtempSync(join(tmpdir(), "valuepulse-kill-dispatch-"));
  server = await startNodeServer(env, { dataDir });
  agent = newAgent();
  emails = await seedDuePurchases(agent, server.url, "dispatch", CUSTOMERS);
});

afterAll(async () => {
  if (server && alive()) await server.stop("SIGKILL");
  agent?.destroy();
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("kill -9 during dispatch", () => {
  it("sends each of 500 invitations exactly once across kills mid-batch and between batches, and none is lost", async () => {
    // 1. Killed while the provider holds the second batch: it was delivered, the server never heard back.
    const first = dispatchInBackground();
    await fake.waitForRequest(2);
    await sleep(random() * (PROVIDER_DELAY_MS / 2));
    await server.stop("SIGKILL");
    expect(await first, "the dispatch request dies with the server").toBeInstanceOf(Error);
    const killedMidBatchAt = Date.now();
    console.log(`kill 1 (mid-batch): ${fake.requests.length} requests, ${fake.delivered.length} delivered`);

    // 2. Restart and dispatch again; killed right after the provider answered a batch, before the next one.
    await restart();
    const seen = fake.requests.length;
    const second = dispatchInBackground();
    await fake.waitForResponse(seen + 2);
    await server.stop("SIGKILL");
    expect(await second, "the dispatch request dies with the server").toBeInstanceOf(Error);
    const killedBetweenAt = Date.now();
    console.log(`kill 2 (between batches): ${fake.requests.length} requests, ${fake.delivered.length} delivered`);

    // 3. Restart, let every lease run out, and sweep until nothing is left to send.
    await restart();
    await sleep(Math.max(0, Math.max(killedMidBatchAt, killedBetweenAt) + LEASE_MS + 500 - Date.now()));
    const sweeps: unknown[] = [];
    for (let i = 0; i < MAX_SWEEPS; i++) {
      const r = await call(agent, server.url, "POST", "/api/v1/dispatch", { auth: true, timeoutMs: 60_000 });
      expect(r.status, r.body).toBe(200);
      const result = r.json<{ sent: number; failed: number; skipped: number }>();
      sweeps.push(result);
      if (result.sent === 0 && result.failed === 0) break;
    }
    await server.stop("SIGTERM");
    console.log(
      `sweeps ${JSON.stringify(sweeps)}; provider saw ${fake.requests.length} requests ` +
        `(${[...countBy(fake.requests, (r) => r.outcome)].map(([k, n]) => `${k} ${n}`).join(", ")}), delivered ${fake.delivered.length}`,
    );

    // Each customer got exactly one email, and it carries their own invitation's survey link.
    const perRecipient = countBy(fake.delivered.flatMap((e) => e.to), (to) => to);
    const twice = [...perRecipient].filter(([, n]) => n > 1);
    const never = emails.filter((e) => !perRecipient.has(e));
    expect(twice, "customers emailed more than once").toEqual([]);
    expect(never, "customers never emailed").toEqual([]);
    expect(fake.delivered).toHaveLength(CUSTOMERS);
    expect(fake.requests.filter((r) => r.outcome === "conflict" || r.outcome === "invalid"), "requests the provider refused").toEqual([]);
    // The batch held at kill 1 was delivered but never marked sent: only a replay under its key completes it.
    expect(fake.requests.filter((r) => r.outcome === "replayed").length, "batches re-sent under their key").toBeGreaterThanOrEqual(1);

    const snapshot = openCrashSnapshot(dataDir);
    try {
      const rows = (
        await snapshot.db.execute(
          "SELECT i.status, i.batch_id, i.provider_message_id, i.token_hash, c.email FROM invitations i JOIN customers c ON c.id = i.customer_id",
        )
      ).rows;
      expect(rows).toHaveLength(CUSTOMERS);
      const notSent = rows.filter((r) => r.status !== "sent").map((r) => `${r.email}: ${r.status}`);
      const hint = notSent.some((s) => s.endsWith("sending")) ? " — still 'sending': is DISPATCH_LEASE_MS honoured?" : "";
      expect(notSent.length, `invitations not sent${hint}: ${notSent.slice(0, 5).join(", ")}…`).toBe(0);
      expect(rows.filter((r) => !r.provider_message_id).length, "sent without a provider message id").toBe(0);
      const perBatch = countBy(rows, (r) => String(r.batch_id));
      expect(Math.max(...perBatch.values()), "a batch holds at most 100").toBeLessThanOrEqual(100);
      const hashByEmail = new Map(rows.map((r) => [String(r.email), String(r.token_hash)]));
      for (const e of fake.delivered) {
        const token = e.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)?.[1];
        expect(token && tokenHash(token), `the survey link emailed to ${e.to[0]}`).toBe(hashByEmail.get(e.to[0]));
      }
    } finally {
      snapshot.db.close();
      rmSync(snapshot.dir, { recursive: true, force: true });
    }
  });
});
