// Upgrading from the first release: test/fixtures/oldest-schema.db was made by the first released code
// (commit 3734a5f, migration 0000 only) through its own API — an admin with a password, a session, three API
// keys (the ingest key and two read keys), customers, purchases with items, invitations sent to the dev
// mailbox, answers (a detractor, a passive, a promoter) and one invitation still open. Today's server started on
// that file (an upgrade by restart) applies every migration since, keeps every row, and works with the old data.
import { createClient } from "@libsql/client";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "../../db/migrate";
import { startNodeServer, type RunningServer } from "../node-server";
import { call, newAgent } from "./support";

const FIXTURE = "test/fixtures/oldest-schema.db";
/** What the first release was given when the fixture was made. */
const OLD = { admin: { email: "owner@example.com", password: "oldest-password-1" }, readKey: "vp_GG9GaB8nPxTv-SzRBMPfupUlb4RFROmZ", ingestKey: "vp_oldest_ingest_key_0123456789" };

const dataDir = mkdtempSync(join(tmpdir(), "valuepulse-upgrade-"));
const file = join(dataDir, "valuepulse.db");
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Rows = Record<string, string[]>;
/** Every table's row keys (primary key, or rowid), to find any row lost. */
async function rowKeys(path: string): Promise<Rows> {
  const db = createClient({ url: `file:${path}` });
  try {
    const tables = (await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'")).rows.map((r) => String(r.name));
    const out: Rows = {};
    for (const t of tables) {
      const pk = (await db.execute(`SELECT name FROM pragma_table_info('${t}') WHERE pk = 1`)).rows[0]?.name;
      out[t] = (await db.execute(`SELECT ${pk ? `"${pk}"` : "rowid"} AS k FROM "${t}"`)).rows.map((r) => String(r.k)).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

describe("upgrade from the first released schema", () => {
  it("migrates a database made by the first release to today's, keeping every row, and the old data works", async () => {
    copyFileSync(FIXTURE, file);
    const before = await rowKeys(file);
    expect(Object.keys(before).sort()).toEqual(["api_keys", "customers", "invitations", "mailbox", "purchase_items", "purchases", "responses", "sessions", "templates", "users"]);
    for (const [table, keys] of Object.entries(before)) expect(keys.length, `${table} has data`).toBeGreaterThan(0);

    const env = { SECRET_KEY: "upgrade-secret-key-that-is-long-enough-0123", BACKUP_INTERVAL_HOURS: "0" };
    server = await startNodeServer(env, { dataDir });
    const agent = newAgent();
    const read = { headers: { authorization: `Bearer ${OLD.readKey}` } };
    try {
      // The old admin signs in with the old password; the old read key reads.
      const login = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(OLD.admin) });
      expect(login.status).toBe(200);
      const scores = await (await fetch(`${server.url}/api/v1/scores`, read)).json();
      expect(scores.nps).toMatchObject({ responses: 3, promoters: 1, passives: 1, detractors: 1 });
      const feed = await (await fetch(`${server.url}/api/v1/responses?limit=10`, read)).json();
      expect(feed.responses.map((r: { comment: string }) => r.comment).sort()).toEqual(["Giao hàng chậm, trà quá đắt so với chất lượng", "Lovely teapot, arrived quickly", "ổn"]);

      // The invitation the first release sent and nobody answered yet: answerable while open (it closes after 30 days).
      const db = createClient({ url: `file:${file}` });
      const [open] = (await db.execute("SELECT m.html, i.closes_at FROM mailbox m JOIN customers c ON c.email = m.to_address JOIN invitations i ON i.customer_id = c.id WHERE c.email = 'dan@example.com'")).rows;
      db.close();
      const token = /\/s\/([A-Za-z0-9_-]{43})\?score=/.exec(String(open!.html))![1]!;
      const answer = await call(agent, server.url, "POST", `/s/${token}`, { body: { score: 9, comment: "after the upgrade" } });
      expect(answer.status).toBe(Date.now() < Number(open!.closes_at) ? 201 : 410);
      const purchase = await call(agent, server.url, "POST", "/api/v1/purchases", {
        body: { id: "after-upgrade", customer: { email: "an@example.com" }, amount: 99_000, currency: "VND" },
        auth: false,
      });
      expect(purchase.status, "a request without a key is refused").toBe(401);
      const withOldIngestKey = await fetch(`${server.url}/api/v1/purchases`, {
        method: "POST",
        headers: { authorization: `Bearer ${OLD.ingestKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ id: "after-upgrade", customer: { email: "an@example.com" }, amount: 99_000, currency: "VND" }),
      });
      expect(withOldIngestKey.status).toBe(202);
    } finally {
      agent.destroy();
    }

    // A restart (the way an upgrade is deployed) keeps what the upgraded server acknowledged.
    await server.stop();
    server = await startNodeServer(env, { dataDir });
    const after = await (await fetch(`${server.url}/api/v1/scores`, read)).json();
    await server.stop();
    server = undefined;

    const now = await rowKeys(file);
    for (const [table, keys] of Object.entries(before)) expect(keys.every((k) => now[table]!.includes(k)), `every ${table} row kept`).toBe(true);
    expect(now.purchases!.length).toBe(before.purchases!.length + 1);
    expect(after.nps.responses).toBe(now.responses!.length);

    const db = createClient({ url: `file:${file}` });
    try {
      expect(Object.values((await db.execute("PRAGMA integrity_check")).rows[0]!)[0]).toBe("ok");
      expect((await db.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
      const applied = Number((await db.execute("SELECT count(*) AS n FROM __drizzle_migrations")).rows[0]!.n);
      expect(applied).toBe(readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).length);
      // The data migrations ran on the old answers: a case only for the detractor (0012), a tier for each (0016).
      const old = (await db.execute("SELECT r.score, r.status, r.tier FROM responses r WHERE r.comment <> 'after the upgrade' ORDER BY r.score")).rows;
      expect(old.map((r) => [r.score, r.status])).toEqual([
        [3, "open"],
        [8, "none"],
        [10, "none"],
      ]);
      expect(old.every((r) => typeof r.tier === "string")).toBe(true);
    } finally {
      db.close();
    }
  });
});
