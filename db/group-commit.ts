// Group commit: concurrent small writes share one transaction, so durability costs one sync per batch, not per request.
import type { Client, InStatement, ResultSet } from "@libsql/client";
import { afterThisTurn, createBatcher, type Batcher } from "./batcher";

/** Upper bound on statements per shared transaction, so one commit never grows without limit. */
const MAX_STATEMENTS = 2000;

export type GroupCommit = Batcher<InStatement[], ResultSet[]>;

/**
 * Each caller's statements are applied atomically (all or none) and its promise resolves only
 * after the transaction holding them committed. Requests arriving while a commit runs join the
 * next one. If a shared transaction fails (one caller's conflict, say), each
 * caller's statements are retried alone, so one bad write never fails the others.
 */
export function createGroupCommit(client: Client): GroupCommit {
  return createBatcher<InStatement[], ResultSet[]>({
    async run(callers) {
      const results = await client.batch(callers.flat(), "write");
      let at = 0;
      return callers.map((stmts) => results.slice(at, (at += stmts.length)));
    },
    weight: (stmts) => stmts.length,
    maxWeight: MAX_STATEMENTS,
    defer: afterThisTurn,
  });
}
