// The database's own share of an answer and of a purchase: the product's services against an embedded file
// (synchronous=FULL) on this thread, 32 at a time like the load's 32 connections, counting only the CPU spent
// inside the SQLite engine. No HTTP: a floor under what the server spends per request.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { connectNode } from "../../db/node/connect-node";
import type { AppEvent, Deps } from "../../server/deps";
import { surveyToken } from "../../server/domain/tokens";
import { createEventBus } from "../../server/events";
import { devMailbox } from "../../server/services/mailers/dev-mailbox";
import { ensureDefaultAlertRule } from "../../server/services/alerts";
import { recordAnswer } from "../../server/services/record-answer";
import { recordPurchase, type PurchaseInput } from "../../server/services/record-purchase";
import { ensureDefaultTemplate } from "../../server/services/templates";

const SECRET = "bench-secret-key-0123456789abcdef0123";

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Counts, in `spent.ms`, the CPU time (user + system) spent inside the libsql engine — preparing and running
 * statements, `COMMIT` included — by wrapping its methods for as long as the returned function is not called.
 * The file client (db/node/file-client.ts) calls them synchronously; CPU rather than wall time, so waiting for fsync (a core is free for
 * other work meanwhile) is not counted.
 */
function countSqliteCpu(spent: { ms: number }): () => void {
  const timed = (f: Method): Method =>
    function (...args) {
      const t0 = process.cpuUsage();
      try {
        return f.apply(this, args);
      } finally {
        const t = process.cpuUsage(t0);
        spent.ms += (t.user + t.system) / 1000;
      }
    };
  const db = Database.prototype as unknown as Record<string, Method>;
  const prepare = db.prepare;
  const restore: (() => void)[] = [() => (db.prepare = prepare)];
  let statementProto: Record<string, Method> | null = null;
  db.prepare = function (...args) {
    const stmt = timed(prepare).apply(this, args) as object;
    if (!statementProto) {
      const proto = (statementProto = Object.getPrototypeOf(stmt) as Record<string, Method>);
      // `all` reads through `iterate`; the file client uses `all` and `run`.
      for (const m of ["run", "all", "get"]) {
        const original = proto[m];
        proto[m] = timed(original);
        restore.push(() => (proto[m] = original));
      }
    }
    return stmt;
  };
  return () => restore.forEach((r) => r());
}

export async function sqliteFloor(opts: { count: number; concurrency: number; answerBody: (i: number) => Record<string, string>; purchase: (i: number) => PurchaseInput }): Promise<{ purchaseUs: number; answerUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), "valuepulse-floor-"));
  const raw = await connectNode(`file:${join(dir, "floor.db")}`);
  const spent = { ms: 0 };
  const db = createDb(raw);
  const stopCounting = countSqliteCpu(spent);
  try {
    await migrateDb(db);
    const now = Date.now();
    const clock = { now: () => now };
    // What the services need besides the database: the secret key (survey links); an answer publishes (nobody listens
    // here) and kicks the alert emails (the built-in rule emails nobody, so no mail leaves and no other setting is read).
    const deps = { db, clock, events: createEventBus<AppEvent>(), mailer: devMailbox(db, clock.now), config: { secretKey: SECRET } as Deps["config"], log: { info() {}, error() {} } };
    await ensureDefaultTemplate(deps);
    await ensureDefaultAlertRule(deps);
    const waves = async (n: number, one: (i: number) => Promise<unknown>) => {
      spent.ms = 0;
      for (let i = 0; i < n; i += opts.concurrency) await Promise.all(Array.from({ length: Math.min(opts.concurrency, n - i) }, (_, j) => one(i + j)));
      return (spent.ms * 1000) / n;
    };
    const invitations: string[] = [];
    const purchaseUs = await waves(opts.count, async (i) => {
      const r = await recordPurchase(deps, opts.purchase(i));
      invitations.push(...r.scheduled.map((s) => s.invitationId));
    });
    const tokens = invitations.map((id) => surveyToken(SECRET, id));
    // Each invitation answered once, then the answer changed, which is what most of the load's answers do;
    // only the changes count, so the server's cached token lookups are not charged to the database either.
    await waves(tokens.length, (i) => recordAnswer({ ...deps, clock: { now: () => now + 1000 } }, { token: tokens[i]!, answers: opts.answerBody(i) }));
    const answerUs = await waves(tokens.length, (i) => recordAnswer({ ...deps, clock: { now: () => now + 2000 } }, { token: tokens[i]!, answers: opts.answerBody(i + 1) }));
    return { purchaseUs, answerUs };
  } finally {
    stopCounting();
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
