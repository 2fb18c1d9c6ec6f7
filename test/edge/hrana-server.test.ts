// The Turso stand-in answers @libsql/client/web the way sqld does: statements, atomic batches,
// interactive transactions held across requests by batons, and bearer-token auth.
import { createClient, type Client } from "@libsql/client/web";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaServer, type HranaServer } from "../fakes/hrana-server";

let dir: string;
let server: HranaServer;
let client: Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "valuepulse-hrana-"));
  server = await startHranaServer({ file: join(dir, "db.sqlite") });
  client = createClient({ url: server.url, authToken: server.authToken });
  await client.execute("create table notes (id integer primary key, body text not null unique, weight real)");
});
afterAll(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Hrana-over-HTTP stand-in", () => {
  it("keeps integers, reals, text, blobs and nulls apart, and reports changes and RETURNING rows", async () => {
    const ins = await client.execute({ sql: "insert into notes (body, weight) values (?, ?) returning id", args: ["first", 1.5] });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.rows[0].id).toBe(1);
    const row = await client.execute({ sql: "select id, body, weight, x'0102' as b, null as n from notes where body = :body", args: { body: "first" } });
    expect(row.rows[0]).toMatchObject({ id: 1, body: "first", weight: 1.5, n: null });
    expect(Array.from(new Uint8Array(row.rows[0].b as ArrayBuffer))).toEqual([1, 2]);
  });

  it("applies a write batch all or nothing", async () => {
    await expect(client.batch([{ sql: "insert into notes (body) values (?)", args: ["second"] }, { sql: "insert into notes (body) values (?)", args: ["first"] }], "write")).rejects.toThrow(/UNIQUE/);
    expect((await client.execute("select count(*) n from notes")).rows[0].n).toBe(1);
  });

  it("holds an interactive transaction across requests with batons, and rolls it back", async () => {
    const from = server.requests.length;
    const tx = await client.transaction("write");
    await tx.execute({ sql: "insert into notes (body) values (?)", args: ["in tx"] });
    expect((await tx.execute("select count(*) n from notes")).rows[0].n).toBe(2);
    await tx.rollback();
    expect((await client.execute("select count(*) n from notes")).rows[0].n).toBe(1);
    // Each statement of the transaction was its own HTTP request, continuing the stream by its baton.
    expect(server.requests.slice(from).filter((r) => r.withBaton).length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a request without the auth token", async () => {
    const anonymous = createClient({ url: server.url });
    await expect(anonymous.execute("select 1")).rejects.toThrow(/401|Authentication/);
    anonymous.close();
  });

  it("refuses a stale baton", async () => {
    const res = await fetch(`${server.url}/v2/pipeline`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.authToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ baton: "nope.nope", requests: [{ type: "close" }] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("STREAM_EXPIRED");
  });
});
