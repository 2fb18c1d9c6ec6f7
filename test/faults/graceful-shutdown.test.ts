// SIGTERM while answers stream in: the server stops accepting, finishes what it took, ends live streams
// with a reconnect hint, exits 0, and every answer it acknowledged is on disk.
import { createClient } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { KEY, call, newAgent, seedDuePurchases, serverEnv, tokenHash, tokensByRecipient } from "./support";

const INVITATIONS = 120;
const IN_FLIGHT = 16;
/** The stream is bounded: the signal normally lands long before. */
const MAX_OPS = 3000;
const SIGNAL_AFTER_ACKS = 150;

let dataDir: string;
let server: RunningServer | undefined;
afterAll(async () => {
  if (server && server.process.exitCode === null && server.process.signalCode === null) await server.stop("SIGKILL");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The raw text of a live stream until it ends (or `timeoutMs`). */
async function readStream(res: Response, timeoutMs: number): Promise<{ text: string; ended: boolean }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { text, ended: true };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, ended: false };
  } finally {
    clearTimeout(timer);
  }
}

describe("SIGTERM under a stream of answers", () => {
  it("finishes in-flight requests, ends live streams with retry:, exits 0, and every acknowledged answer is stored", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "valuepulse-sigterm-"));
    server = await startNodeServer(serverEnv(), { dataDir });
    const agent = newAgent();
    const emails = await seedDuePurchases(agent, server.url, "term", INVITATIONS);
    expect((await call(agent, server.url, "POST", "/api/v1/dispatch", { auth: true })).status).toBe(200);
    const tokens = await tokensByRecipient(agent, server.url);
    const invitations = emails.map((e) => ({ token: tokens.get(e)!, acked: null as string | null, unacked: [] as string[] }));

    // A dashboard watching live scores.
    const live = await fetch(`${server.url}/api/v1/live`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(live.status).toBe(200);
    const liveText = readStream(live, 60_000);

    let acks = 0;
    let acksAfterSignal = 0;
    let refused = 0;
    let signalled = false;
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => server!.process.once("exit", (code, signal) => r({ code, signal })));
    let next = 0;
    const busy = new Set<number>();
    const worker = async () => {
      // After the signal, keep sending until the server refuses: the stop must not lose what it still acknowledges.
      while (next < MAX_OPS && (!signalled || refused < IN_FLIGHT * 4)) {
        const op = next++;
        const idx = op % INVITATIONS;
        if (busy.has(idx)) continue;
        busy.add(idx);
        const comment = `op-${op}`;
        const inv = invitations[idx]!;
        inv.unacked.push(comment);
        try {
          const r = await call(agent, server!.url, "POST", `/s/${inv.token}`, { body: { score: op % 11, comment }, timeoutMs: 15_000 });
          expect([200, 201], r.body).toContain(r.status);
          inv.acked = comment;
          inv.unacked = [];
          acks++;
          if (signalled) acksAfterSignal++;
          if (acks === SIGNAL_AFTER_ACKS) {
            signalled = true;
            server!.process.kill("SIGTERM");
          }
        } catch (err) {
          if (!signalled) throw err;
          refused++;
          await new Promise((r) => setTimeout(r, 5));
        } finally {
          busy.delete(idx);
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    agent.destroy();
    expect(signalled, `the stream ended after ${acks} acknowledgements, before the signal`).toBe(true);

    const exit = await exited;
    expect(exit, server.output().slice(-2000)).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/"msg":"stopped"/);
    const stream = await liveText;
    expect(stream.ended, "the live stream was closed by the server").toBe(true);
    expect(stream.text).toMatch(/^retry: \d+$/m);

    const db = createClient({ url: `file:${join(dataDir, "valuepulse.db")}` });
    try {
      const rows = (await db.execute("SELECT i.token_hash, r.comment FROM responses r JOIN invitations i ON i.id = r.invitation_id")).rows;
      const stored = new Map(rows.map((r) => [String(r.token_hash), String(r.comment)]));
      const lost = invitations.filter((inv) => inv.acked && ![inv.acked, ...inv.unacked].includes(stored.get(tokenHash(inv.token)) ?? ""));
      expect(lost.map((inv) => `${inv.acked} stored as ${stored.get(tokenHash(inv.token))}`)).toEqual([]);
      console.log(`SIGTERM after ${SIGNAL_AFTER_ACKS} acks: ${acksAfterSignal} more acknowledged while stopping, ${refused} refused; ${rows.length} responses stored`);
    } finally {
      db.close();
    }
  });
});
