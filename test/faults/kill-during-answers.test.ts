// kill -9 while answers stream in: every acknowledged answer survives exactly once, nothing half-written appears.
import type { Client } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import type { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { call, newAgent, openCrashSnapshot, seedDuePurchases, serverEnv, tokenHash, tokensByRecipient } from "./support";
import { announcedRandom } from "../seeded-random";
const random = announcedRandom("kill-during-answers", 1202);

const INVITATIONS = 300;
/** Kept out of the streams: each restart answers one of them for the first time. */
const RESERVED = 10;
const IN_FLIGHT = 16;
/** Bounds per round: the kill normally ends it long before either. */
const MAX_OPS = 4000;
const MAX_ROUND_MS = 30_000;
/** Acknowledged answers before the kill, per round: early, middle, late in the stream. */
const KILL_AFTER_ACKS: [number, number][] = [
  [30, 300],
  [600, 1200],
  [1500, 2500],
];

type Answer = { score: number; csat: number; benefit_functional: number; cost_money: number; comment: string };
type Invitation = {
  token: string;
  /** The last acknowledged answer. */
  acked: Answer | null;
  /** Answers sent after `acked` that got no answer (in flight at the kill): stored or not, either is fine. */
  unacked: Answer[];
  /** The response id every acknowledgement reported: one response per invitation. */
  responseId: string | null;
};

const env = serverEnv();
let dataDir: string;
let server: RunningServer;
let agent: Agent;
let invitations: Invitation[] = [];
const byHash = new Map<string, number>();
/** Broken promises found while streaming (wrong status, second creation, another response id). */
const violations: string[] = [];
let lastNetworkError = "";

const alive = () => server.process.exitCode === null && server.process.signalCode === null;

function answerFor(round: number, op: number, idx: number): Answer {
  return {
    score: (op * 7 + idx) % 11,
    csat: 1 + (op % 5),
    benefit_functional: 1 + ((op + idx) % 5),
    cost_money: 1 + ((op * 3 + round) % 5),
    comment: `r${round}-op${op}-inv${idx}`,
  };
}

/** Sends one answer and books the outcome: acknowledged (2xx) or unknown (network error). */
async function answer(idx: number, a: Answer): Promise<"lost" | 200 | 201> {
  const inv = invitations[idx];
  inv.unacked.push(a);
  let status: number;
  let body: { ok?: boolean; responseId?: string };
  try {
    const r = await call(agent, server.url, "POST", `/s/${inv.token}`, { body: a, timeoutMs: 15_000 });
    status = r.status;
    body = status < 300 ? r.json() : { ok: false };
    if (status >= 300) violations.push(`invitation ${idx}: ${status} ${r.body.slice(0, 200)}`);
  } catch (err) {
    lastNetworkError = String(err);
    return "lost";
  }
  if (status !== 200 && status !== 201) return "lost";
  if (body.ok !== true || typeof body.responseId !== "string") violations.push(`invitation ${idx}: bad body ${JSON.stringify(body)}`);
  if (status === 201 && inv.acked) violations.push(`invitation ${idx}: 201 (created) again after an acknowledged answer`);
  if (inv.responseId && body.responseId !== inv.responseId) violations.push(`invitation ${idx}: response id ${body.responseId} after ${inv.responseId}`);
  inv.responseId ??= body.responseId ?? null;
  inv.acked = a;
  inv.unacked = [];
  return status;
}

/** Streams answers with IN_FLIGHT in flight and kill -9s the server after `killAfter` acknowledgements. */
async function streamAndKill(round: number, killAfter: number) {
  const streamable = invitations.map((_, i) => i).filter((i) => i >= RESERVED);
  const order = streamable.sort(() => random() - 0.5);
  const busy = new Map<number, Promise<unknown>>();
  let next = 0;
  let acks = 0;
  let lost = 0;
  let killed: Promise<void> | null = null;
  const deadline = Date.now() + MAX_ROUND_MS;
  const kill = () => {
    // A few ms of jitter past the chosen acknowledgement, so the kill lands anywhere in a commit.
    if (!killed) killed = new Promise((r) => setTimeout(r, random() * 4)).then(() => server.stop("SIGKILL"));
  };
  const worker = async () => {
    while (!killed && next < MAX_OPS && Date.now() < deadline) {
      const op = next++;
      const idx = order[op % order.length];
      // One answer per invitation in flight, so "the last acknowledged" is well defined.
      while (busy.has(idx)) await busy.get(idx);
      if (killed) break;
      const sent = answer(idx, answerFor(round, op, idx));
      busy.set(idx, sent);
      const outcome = await sent;
      busy.delete(idx);
      if (outcome === "lost") lost++;
      else if (++acks >= killAfter) kill();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  expect(killed, `round ${round}: the stream ended (${next} ops, ${acks} acks) before the kill`).not.toBeNull();
  await killed;
  return { ops: next, acks, lost };
}

type Row = { id: string; idx: number; score: unknown; csat: unknown; benefit_functional: unknown; cost_money: unknown; comment: unknown };

async function storedRows(db: Client): Promise<{ rows: Row[]; duplicates: unknown[]; integrity: unknown }> {
  const [integrity] = (await db.execute("PRAGMA integrity_check")).rows;
  const duplicates = (await db.execute("SELECT invitation_id, count(*) AS n FROM responses GROUP BY invitation_id HAVING n > 1")).rows;
  const result = await db.execute(
    "SELECT r.id, i.token_hash, r.score, r.csat, r.benefit_functional, r.cost_money, r.comment FROM responses r JOIN invitations i ON i.id = r.invitation_id",
  );
  const total = Number((await db.execute("SELECT count(*) AS n FROM responses")).rows[0].n);
  const rows = result.rows.map((r) => ({ ...(r as unknown as Row), idx: byHash.get(String(r.token_hash)) ?? -1 }));
  expect(rows.length, "every response belongs to an invitation").toBe(total);
  return { rows, duplicates, integrity: Object.values(integrity)[0] };
}

const same = (row: Row, a: Answer) =>
  row.score === a.score && row.csat === a.csat && row.benefit_functional === a.benefit_functional && row.cost_money === a.cost_money && row.comment === a.comment;

/** The stored responses against what the server acknowledged: the whole contract in one place. */
function checkAgainstAcks(rows: Row[], where: string) {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const row of rows) {
    if (row.idx < 0) {
      problems.push(`response ${row.id} belongs to no invitation we answered`);
      continue;
    }
    seen.add(row.idx);
    const inv = invitations[row.idx];
    const allowed = [...(inv.acked ? [inv.acked] : []), ...inv.unacked];
    if (!allowed.some((a) => same(row, a)))
      problems.push(
        `invitation ${row.idx}: stored ${JSON.stringify({ score: row.score, csat: row.csat, bf: row.benefit_functional, cm: row.cost_money, comment: row.comment })}, ` +
          `allowed ${JSON.stringify(allowed.map((a) => a.comment))}`,
      );
    if (inv.responseId && row.id !== inv.responseId) problems.push(`invitation ${row.idx}: row ${row.id}, acknowledged as ${inv.responseId}`);
  }
  invitations.forEach((inv, idx) => {
    if (inv.acked && !seen.has(idx)) problems.push(`invitation ${idx}: acknowledged answer ${inv.acked.comment} is lost`);
  });
  expect(problems, `${where}: ${problems.length} problem(s)`).toEqual([]);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "valuepulse-kill-answers-"));
  server = await startNodeServer(env, { dataDir });
  agent = newAgent();
  const emails = await seedDuePurchases(agent, server.url, "kill", INVITATIONS);
  const dispatched = await call(agent, server.url, "POST", "/api/v1/dispatch", { auth: true });
  expect(dispatched.status).toBe(200);
  const tokens = await tokensByRecipient(agent, server.url);
  invitations = emails.map((email) => {
    const token = tokens.get(email);
    if (!token) throw new Error(`no invitation email for ${email}`);
    byHash.set(tokenHash(token), byHash.size);
    return { token, acked: null, unacked: [], responseId: null };
  });
});

afterAll(async () => {
  if (server && alive()) await server.stop("SIGKILL");
  agent?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("kill -9 while answers stream in", () => {
  it("keeps every acknowledged answer exactly once, half of none, at three different moments, and answers normally after each restart", async () => {
    for (let round = 0; round < KILL_AFTER_ACKS.length; round++) {
      const [lo, hi] = KILL_AFTER_ACKS[round];
      const killAfter = lo + Math.floor(random() * (hi - lo));
      const { ops, acks, lost } = await streamAndKill(round, killAfter);
      agent.destroy();
      expect(violations, `round ${round}: while streaming`).toEqual([]);

      // What the killed server left on disk, recovered the way a restart would.
      const snapshot = openCrashSnapshot(dataDir);
      let stored: Row[];
      try {
        const { rows, duplicates, integrity } = await storedRows(snapshot.db);
        expect(integrity, `round ${round}: integrity_check`).toBe("ok");
        expect(duplicates, `round ${round}: invitations with more than one response`).toEqual([]);
        checkAgainstAcks(rows, `round ${round}, files left by the killed server`);
        stored = rows;
      } finally {
        snapshot.db.close();
        rmSync(snapshot.dir, { recursive: true, force: true });
      }
      const inDoubt = invitations.filter((i) => i.unacked.length > 0).length;
      console.log(`round ${round}: killed after ${acks} acks (${ops} sent, ${lost} lost in flight); ${stored.length} responses stored; ${inDoubt} invitations in doubt`);

      // Restart on the same data and port: the server recovers by itself and works as before.
      server = await startNodeServer(env, { dataDir, port: server.port });
      agent = newAgent();
      const feed = await call(agent, server.url, "GET", "/api/v1/responses?limit=500", { auth: true });
      expect(feed.status).toBe(200);
      const served = new Map(feed.json<{ responses: { id: string; score: number; comment: string }[] }>().responses.map((r) => [r.id, r]));
      expect(served.size, "the restarted server serves what is on disk").toBe(stored.length);
      for (const row of stored) expect(served.get(row.id), `response ${row.id}`).toMatchObject({ score: row.score, comment: row.comment });
      const scores = await call(agent, server.url, "GET", "/api/v1/scores", { auth: true });
      expect(scores.status).toBe(200);
      expect(scores.json().nps.responses).toBe(stored.length);

      // A reserved invitation: created (201), then changed (200) — still one response.
      const first = answerFor(round, MAX_OPS + round, round);
      expect(await answer(round, first), `a first answer after restart (${lastNetworkError}; ${violations.join("; ")})`).toBe(201);
      expect(await answer(round, { ...first, score: 10 - first.score, comment: `${first.comment}-changed` }), "a changed answer after restart").toBe(200);
      expect(violations, `round ${round}: after restart`).toEqual([]);
    }

    // A clean stop, then the database once more: still exactly what was acknowledged.
    await server.stop("SIGTERM");
    agent.destroy();
    const snapshot = openCrashSnapshot(dataDir);
    try {
      const { rows, duplicates, integrity } = await storedRows(snapshot.db);
      expect(integrity).toBe("ok");
      expect(duplicates).toEqual([]);
      checkAgainstAcks(rows, "after the last restart");
      console.log(`final: ${rows.length} responses, ${invitations.filter((i) => i.acked).length} acknowledged invitations`);
    } finally {
      snapshot.db.close();
      rmSync(snapshot.dir, { recursive: true, force: true });
    }
  });
});
