// Races between two Node processes (issue 19.10): two real servers (server/node.ts) on one database — the same
// embedded file (WAL, busy_timeout) or the same Turso stand-in over HTTP — each with its dispatch timer running
// every 100 ms, emailing through one Resend fake. The same order sent to both at once, a new customer's first two
// orders at once, one survey link answered on both at once, and dispatch from both timers plus POST /api/v1/dispatch
// on both: each ends with exactly one row and one email.
import { mkdtempSync, rmSync } from "node:fs";
import type { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaServer, type HranaServer } from "../fakes/hrana-server";
import { startResendFake, type ResendFake } from "../fakes/resend-fake";
import { startNodeServer, type RunningServer } from "../node-server";
import { call, duePurchase, newAgent, pool, serverEnv } from "./support";

type Setup = { name: string; database(dir: string): Promise<{ env: Record<string, string>; read: Client; close(): Promise<void> }> };

const SETUPS: Setup[] = [
  {
    name: "one embedded file",
    async database(dir) {
      const url = `file:${join(dir, "valuepulse.db")}`;
      return { env: { DATABASE_URL: url }, read: createClient({ url }), close: async () => {} };
    },
  },
  {
    name: "one Turso database (the Hrana stand-in)",
    async database(dir) {
      const hrana: HranaServer = await startHranaServer({ file: join(dir, "turso.db") });
      return {
        env: { DATABASE_URL: hrana.url, DATABASE_AUTH_TOKEN: hrana.authToken },
        read: createClient({ url: `file:${join(dir, "turso.db")}` }),
        close: () => hrana.close(),
      };
    },
  },
];

describe.each(SETUPS)("two Node processes on $name", (setup) => {
  let dir: string;
  let resend: ResendFake;
  let db: Awaited<ReturnType<Setup["database"]>>;
  let servers: RunningServer[] = [];
  let agents: Agent[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "valuepulse-two-processes-"));
    resend = await startResendFake();
    db = await setup.database(dir);
    const env = serverEnv({ ...db.env, RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url, RESEND_REQUESTS_PER_SECOND: "0", DISPATCH_INTERVAL_MS: "100", BACKUP_INTERVAL_HOURS: "0" });
    // One after the other, as a second instance joins a running one (each migrates and bootstraps on start).
    for (let i = 0; i < 2; i++) servers.push(await startNodeServer(env, { dataDir: dir }));
    agents = servers.map(() => newAgent());
  }, 180_000);
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const a of agents) a.destroy();
    db?.read.close();
    await db?.close();
    await resend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const both = <T>(f: (agent: Agent, base: string) => Promise<T>) => Promise.all(servers.map((s, i) => f(agents[i]!, s.url)));
  const count = async (sql: string, ...args: string[]) => Number((await db.read.execute({ sql, args })).rows[0]![0]);
  const deliveredTo = (email: string) => resend.delivered.filter((m) => m.to.includes(email));
  /**
   * Dispatches by hand on both servers (an operator's or a cron's call overlapping both timers) until no invitation
   * of these customers is left scheduled or being sent: from then on nothing can send to them again.
   */
  async function untilSettled(emails: string[], ms = 90_000) {
    const deadline = Date.now() + ms;
    const inList = emails.map(() => "?").join(", ");
    const open = () => count(`select count(*) from invitations i join customers c on c.id = i.customer_id where c.email in (${inList}) and i.status in ('scheduled', 'sending')`, ...emails);
    while ((await open()) > 0) {
      if (Date.now() > deadline) throw new Error(`still unsent after ${ms / 1000} s`);
      const replies = await both((agent, base) => call(agent, base, "POST", "/api/v1/dispatch", { auth: true, body: {} }));
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
    }
  }

  it("the same order to both at once: one purchase, one invitation, one email", async () => {
    const orders = Array.from({ length: 20 }, (_, i) => duePurchase(`${setup.name.length}-same-${i}`, `same-${i}@example.com`));
    await pool(orders.length, 4, async (i) => {
      const replies = await both((agent, base) => call(agent, base, "POST", "/api/v1/purchases", { auth: true, body: orders[i] }));
      expect(replies.map((r) => r.status)).toEqual([202, 202]);
      expect(replies[0]!.json().purchaseId).toBe(replies[1]!.json().purchaseId);
    });
    for (const o of orders) {
      expect(await count("select count(*) from purchases where order_id = ?", o.id)).toBe(1);
      expect(await count("select count(*) from invitations i join purchases p on p.id = i.purchase_id where p.order_id = ?", o.id)).toBe(1);
    }
    const emails = orders.map((o) => o.customer.email);
    await untilSettled(emails);
    for (const e of emails) expect(deliveredTo(e), e).toHaveLength(1);
  });

  it("a new customer's first two orders, one on each at once: one customer, one email", async () => {
    const emails = Array.from({ length: 20 }, (_, i) => `first-${i}@example.com`);
    await pool(emails.length, 4, async (i) => {
      const replies = await both((agent, base) => call(agent, base, "POST", "/api/v1/purchases", { auth: true, body: duePurchase(`first-${i}-${base}`, emails[i]!) }));
      expect(replies.map((r) => r.status)).toEqual([202, 202]);
    });
    for (const e of emails) {
      expect(await count("select count(*) from customers where email = ?", e)).toBe(1);
      expect(await count("select count(*) from purchases p join customers c on c.id = p.customer_id where c.email = ?", e)).toBe(2);
    }
    await untilSettled(emails);
    for (const e of emails) expect(deliveredTo(e), e).toHaveLength(1);
  });

  it("one survey link answered on both at once: one response, one alert", async () => {
    const email = "answer-race@example.com";
    expect((await call(agents[0]!, servers[0]!.url, "POST", "/api/v1/purchases", { auth: true, body: duePurchase("answer-race", email) })).status).toBe(202);
    await untilSettled([email]);
    const token = /\/s\/([A-Za-z0-9_-]{43})\?score=/.exec(deliveredTo(email)[0]!.html)![1]!;
    for (let round = 0; round < 3; round++) {
      const replies = await both((agent, base) => call(agent, base, "POST", `/s/${token}`, { body: { score: 2, comment: `round ${round} via ${base}` } }));
      expect(replies.map((r) => r.status < 400)).toEqual([true, true]);
    }
    expect(await count("select count(*) from responses r join invitations i on i.id = r.invitation_id join customers c on c.id = i.customer_id where c.email = ?", email)).toBe(1);
    // The default detractor rule raised one alert for the one response.
    expect(await count("select count(*) from alerts a join responses r on r.id = a.response_id join invitations i on i.id = r.invitation_id join customers c on c.id = i.customer_id where c.email = ?", email)).toBe(1);
    // The rollups the dashboard reads count it once, as a scan of the responses does.
    const scored = await count("select count(*) from responses where score is not null");
    expect(await count("select coalesce(sum(responses), 0) from score_rollups where grain = 'd' and combo = 1")).toBe(scored);
  });
});
