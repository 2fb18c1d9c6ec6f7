// The embedded file's client behaves as @libsql/client does where the app relies on it, keeping statements prepared.
import { createClient, type Client } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFileClient } from "../../db/node/file-client";

const dirs: string[] = [];
const clients: Client[] = [];
function tempPath() {
  const dir = mkdtempSync(join(tmpdir(), "valuepulse-client-"));
  dirs.push(dir);
  return join(dir, "test.db");
}
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("file client (db/node/file-client.ts)", () => {
  async function fresh() {
    const c = createFileClient(tempPath());
    clients.push(c);
    await c.executeMultiple("create table t (id integer primary key, name text not null unique, note text, data blob)");
    return c;
  }

  it("returns rows by column name and by index, like @libsql/client (drizzle reads them by index)", async () => {
    const c = await fresh();
    await c.execute({ sql: "insert into t (id, name, note, data) values (?, ?, ?, ?)", args: [1, "tea", null, new Uint8Array([1, 2, 3]).buffer] });
    const rs = await c.execute("select id, name, note, data, name from t");
    const row = rs.rows[0];
    expect(rs.columns).toEqual(["id", "name", "note", "data", "name"]);
    expect([row.id, row.name, row.note]).toEqual([1, "tea", null]);
    expect(Array.prototype.slice.call(row).slice(0, 3)).toEqual([1, "tea", null]);
    expect(row.length).toBe(5);
    expect(new Uint8Array(row.data as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    // Only names are enumerable, so spreading or serialising a row gives its named columns.
    expect(Object.keys(row)).toEqual(["id", "name", "note", "data"]);
  });

  it("binds positional and named arguments, booleans as 0/1, and reports changes and the last rowid", async () => {
    const c = await fresh();
    const ins = await c.execute({ sql: "insert into t (id, name, note) values (:id, $name, @note)", args: { id: 7, name: "x", note: "n" } });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(7n);
    expect((await c.execute("select name, note from t where id = ?", [7])).rows[0]).toMatchObject({ name: "x", note: "n" });
    expect((await c.execute({ sql: "select ? = 1 as yes, ? = 0 as no", args: [true, false] })).rows[0]).toMatchObject({ yes: 1, no: 1 });
  });

  it("keeps a batch all-or-nothing and names the failing statement", async () => {
    const c = await fresh();
    await c.execute("insert into t (id, name) values (1, 'a')");
    const err = await c
      .batch(["insert into t (id, name) values (2, 'b')", "insert into t (id, name) values (3, 'a')"], "write")
      .then(() => null, (e: { code: string; statementIndex?: number }) => e);
    expect(err).toMatchObject({ code: "SQLITE_CONSTRAINT", statementIndex: 1 });
    expect((await c.execute("select count(*) n from t")).rows[0].n).toBe(1);
    // The connection is usable afterwards: no transaction was left open.
    const [, rs] = await c.batch(["insert into t (id, name) values (2, 'b')", "select name from t order by id"], "write");
    expect(rs.rows.map((r) => r.name)).toEqual(["a", "b"]);
  });

  it("sees a table's new columns after a migration, though its statements are kept prepared", async () => {
    const c = await fresh();
    await c.execute("insert into t (id, name) values (1, 'a')");
    expect((await c.execute("select * from t")).columns).toEqual(["id", "name", "note", "data"]);
    await c.migrate([{ sql: "alter table t add column extra text default 'z'", args: [] }]);
    const rs = await c.execute("select * from t");
    expect(rs.columns).toEqual(["id", "name", "note", "data", "extra"]);
    expect(rs.rows[0].extra).toBe("z");
  });

  it("runs an in-process transaction whose statements see each other, and rolls it all back when its body throws", async () => {
    const c = await fresh();
    const n = await c.transactSync((run) => {
      run({ sql: "insert into t (id, name) values (?, ?)", args: [1, "a"] });
      return run("select count(*) as n from t").rows[0].n;
    });
    expect(n).toBe(1);
    expect(() =>
      c.transactSync((run) => {
        run({ sql: "insert into t (id, name) values (?, ?)", args: [2, "b"] });
        throw new Error("computed something wrong");
      }),
    ).toThrow("computed something wrong");
    expect(() => c.transactSync((run) => run("insert into t (id, name) values (3, 'a')"))).toThrow(expect.objectContaining({ code: "SQLITE_CONSTRAINT" }));
    // Neither failed transaction left a row, and the connection takes the next one.
    expect((await c.execute("select name from t order by id")).rows.map((r) => r.name)).toEqual(["a"]);
    c.transactSync((run) => run("insert into t (id, name) values (4, 'd')"));
    expect((await c.execute("select count(*) as n from t")).rows[0].n).toBe(2);
  });

  it("gives right results when more statement texts run than it keeps prepared", async () => {
    const c = await fresh();
    await c.execute("insert into t (id, name) values (1, 'a')");
    // 250 distinct texts push the first ones out of the cache; running them again prepares them anew.
    for (let round = 0; round < 2; round++)
      for (let k = 0; k < 250; k++) expect((await c.execute({ sql: `select name, ${k} as k from t where id = ?`, args: [1] })).rows[0]).toMatchObject({ name: "a", k });
  });

  it("runs calls in the order they were made, and refuses calls once closed", async () => {
    const c = await fresh();
    const calls = Array.from({ length: 50 }, (_, i) => c.execute({ sql: "insert into t (id, name) values (?, ?) returning (select count(*) from t) as rows", args: [i + 1, `n${i}`] }));
    const counts = (await Promise.all(calls)).map((rs) => rs.rows[0].rows);
    expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    c.close();
    await expect(c.execute("select 1")).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
  });

  it("reads what @libsql/client wrote to the same file, and the other way round", async () => {
    const path = tempPath();
    const c = createFileClient(path);
    clients.push(c);
    await c.executeMultiple("create table t (id integer primary key, name text)");
    await c.batch([{ sql: "insert into t values (?, ?)", args: [1, "ours"] }], "write");
    const theirs = createClient({ url: `file:${path}` });
    clients.push(theirs);
    await theirs.execute("insert into t values (2, 'theirs')");
    expect((await theirs.execute("select name from t order by id")).rows.map((r) => r.name)).toEqual(["ours", "theirs"]);
    expect((await c.execute("select name from t order by id")).rows.map((r) => r.name)).toEqual(["ours", "theirs"]);
  });
});
