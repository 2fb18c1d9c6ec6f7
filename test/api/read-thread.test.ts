// The Node entry runs the reads that scan responses (Analytics, the tier filter) on a thread of their own: a long read never holds up other requests.
import { createClient } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillResponses } from "../../bench/lib/generate-responses";
import { createDb } from "../../db/client";
import { connectNode } from "../../db/node/connect-node";
import { migrateDb } from "../../db/migrate";
import { createApp } from "../../server/app";
import { loadConfig } from "../../server/config";
import { systemClock, type AnyLongReadRunner, type AppEvent, type Deps } from "../../server/deps";
import { createEventBus } from "../../server/events";
import { startReadThread } from "../../server/read-thread";
import { devMailbox } from "../../server/services/mailers/dev-mailbox";
import { startNodeServer, type RunningServer } from "../node-server";
import { NO_RATE_LIMITS } from "../rate-limits-off";

const KEY = "vp_test_read_thread_key_0123456";
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  // Enough answers that an all-time analytics read takes a while: tens of thousands, written straight into the file.
  dataDir = mkdtempSync(join(tmpdir(), "valuepulse-read-thread-"));
  const client = createClient({ url: `file:${join(dataDir, "valuepulse.db")}` });
  await migrateDb(createDb(client));
  await fillResponses(client, { n: 30_000, endAt: Date.now(), seed: 7 });
  client.close();
  server = await startNodeServer({ INGEST_API_KEY: KEY }, { dataDir });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${KEY}` } });

describe("long reads on the Node entry", () => {
  it("answers other requests while an analytics read of every response is running", async () => {
    // The app as the Node entry wires it (deps.longReads = the read thread), on the same file, with one test hook:
    // the runner says when the long read has been handed to the thread, so the quick request is sent only then.
    const url = `file:${join(dataDir, "valuepulse.db")}`;
    const config = loadConfig({ DATABASE_URL: url, PUBLIC_URL: "http://localhost:8787", ...NO_RATE_LIMITS });
    const client = await connectNode(url);
    const db = createDb(client, { utcOffsetMs: config.utcOffsetMs });
    const thread = startReadThread({ databaseUrl: url, utcOffsetMs: config.utcOffsetMs });
    let handedOver!: () => void;
    const readStarted = new Promise<void>((r) => (handedOver = r));
    const longReads = ((name: string, ...args: unknown[]) => {
      const result = (thread.run as (n: string, ...a: unknown[]) => Promise<unknown>)(name, ...args);
      if (name === "valueDrivers") handedOver();
      return result;
    }) as AnyLongReadRunner;
    const deps: Deps = {
      config: { ...config, secretKey: "read-thread-test-secret-key-0123456789abcdef" },
      db,
      clock: systemClock,
      mailer: devMailbox(db, systemClock.now),
      events: createEventBus<AppEvent>(),
      log: { info() {}, error() {} },
      longReads,
    };
    const app = createApp(deps);
    const auth = { headers: { Authorization: `Bearer ${KEY}` } };
    try {
      await app.request("/api/v1/analytics/overview", auth); // tiers computed once, as on a page already visited
      const finished: string[] = [];
      const track = (name: string, res: Promise<Response>) => res.then(async (r) => (await r.json(), finished.push(name), r.status));
      const slow = track("analytics", Promise.resolve(app.request("/api/v1/analytics/drivers", auth)));
      await readStarted;
      const quick = track("scores", Promise.resolve(app.request("/api/v1/scores", auth)));
      expect(await Promise.all([slow, quick])).toEqual([200, 200]);
      // On this thread the read would have held the quick request up until it ended.
      expect(finished).toEqual(["scores", "analytics"]);
    } finally {
      await thread.stop();
      client.close();
    }
  });

  it("gives the same results as the reads themselves, errors included, and serves the tier filter", async () => {
    const overview = await (await get("/api/v1/analytics/overview")).json();
    expect(overview.nps.responses).toBe(30_000);
    expect(overview.tiers.reduce((s: number, t: { nps: { responses: number } }) => s + t.nps.responses, 0)).toBe(30_000);
    const segments = await (await get("/api/v1/analytics/segments?dimension=channel")).json();
    expect(segments.segments.reduce((s: number, x: { nps: { responses: number } }) => s + x.nps.responses, 0)).toBe(30_000);
    expect((await get("/api/v1/analytics/segments?dimension=nope")).status).toBe(400);
    // The dashboard's tier filter takes the tier's customers from the thread too.
    // (The bulk-loaded answers were stored before any tier job set a top-spender threshold: no "top"; take the largest tier.)
    const [largest] = [...overview.tiers].sort((a: { nps: { responses: number } }, b: { nps: { responses: number } }) => b.nps.responses - a.nps.responses);
    expect(largest.nps.responses).toBeGreaterThan(0);
    expect((await (await get(`/api/v1/scores?tier=${largest.tier}`)).json()).nps.responses).toBe(largest.nps.responses);
  });
});
