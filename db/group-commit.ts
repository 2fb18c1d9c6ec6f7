// Group commit: concurrent small writes share one transaction, so durability costs one sync per batch, not per request.
import type { Client, InStatement, ResultSet } from "@libsql/client";

type Pending = { stmts: InStatement[]; resolve(r: ResultSet[]): void; reject(e: unknown): void };

/** Upper bound on statements per shared transaction, so one commit never grows without limit. */
const MAX_STATEMENTS = 2000;

/** After this turn's I/O callbacks (setImmediate on Node); a macrotask where there is none (Workers). */
const defer: (f: () => void) => void = typeof setImmediate === "function" ? (f) => setImmediate(f) : (f) => setTimeout(f, 0);

export type GroupCommit = (stmts: InStatement[]) => Promise<ResultSet[]>;

/**
 * Each caller's statements are applied atomically (all or none) and its promise resolves only
 * after the transaction holding them committed. Requests arriving while a commit runs wait for
 * the next one; if a shared transaction fails (one caller's conflict, say), each caller's
 * statements are retried alone, so one bad write never fails the others.
 */
export function createGroupCommit(client: Client): GroupCommit {
  let queue: Pending[] = [];
  let flushing = false;

  async function flush() {
    flushing = true;
    while (queue.length > 0) {
      let count = 0;
      let take = 0;
      while (take < queue.length && (take === 0 || count + queue[take].stmts.length <= MAX_STATEMENTS)) count += queue[take++].stmts.length;
      const group = queue.slice(0, take);
      queue = queue.slice(take);
      try {
        const results = await client.batch(group.flatMap((p) => p.stmts), "write");
        let at = 0;
        for (const p of group) {
          p.resolve(results.slice(at, at + p.stmts.length));
          at += p.stmts.length;
        }
      } catch (err) {
        if (group.length === 1) group[0].reject(err);
        else
          for (const p of group)
            await client.batch(p.stmts, "write").then(p.resolve, p.reject);
      }
    }
    flushing = false;
  }

  return (stmts) =>
    new Promise<ResultSet[]>((resolve, reject) => {
      queue.push({ stmts, resolve, reject });
      // Wait for the requests of this event-loop turn to join before committing.
      if (!flushing) {
        flushing = true;
        defer(() => void flush());
      }
    });
}
