// Wraps a libSQL client in drizzle; the runtime entry creates the client (file on Node, HTTP on Workers).
import type { Client, InArgs, InStatement, ResultSet } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { createGroupCommit } from "./group-commit";
import * as schema from "./schema";

export type Db = ReturnType<typeof createDb>;

/**
 * A write transaction run to completion before it returns, each statement seeing the results of the ones
 * before: for writes whose later statements are computed from earlier reads. Commits if `body` returns,
 * rolls back if it throws. Only clients running SQLite in this process offer it (the embedded file).
 */
export type InProcessTransaction = <T>(body: (run: (stmt: InStatement) => ResultSet) => T) => T;

/** A drizzle query; commit() takes its SQL. */
type Query = { toSQL(): { sql: string; params: unknown[] } };

/**
 * `groupCommit: false` (Workers): each commit is its own batch. Sharing one transaction between requests
 * would run one request's write on another request's I/O context, which Workers cancel when that request ends.
 */
/**
 * `utcOffsetMs`: how far the business's time zone is ahead of UTC (config TIMEZONE); the dashboard's
 * rollups are bucketed at its midnights (server/services/score-rollups.ts).
 */
export function createDb(client: Client, opts: { groupCommit?: boolean; utcOffsetMs?: number } = {}) {
  const group = opts.groupCommit === false ? Object.assign((stmts: InStatement[]) => client.batch(stmts, "write"), { idle: async () => {} }) : createGroupCommit(client);
  return Object.assign(drizzle(client, { schema }), {
    utcOffsetMs: opts.utcOffsetMs ?? 0,
    /** See InProcessTransaction; undefined over the network (Turso). Bypasses group commit: its own transaction. */
    transactSync: (client as Partial<{ transactSync: InProcessTransaction }>).transactSync,
    /**
     * Writes the queries atomically in a transaction shared with concurrent writers and resolves
     * (with each query's result set) only after it committed: acknowledge a write after this.
     */
    /** Resolves once no shared transaction is waiting or running: the last step before closing the client. */
    drained: () => group.idle(),
    commit(queries: (Query | InStatement)[]) {
      return group(
        queries.map((q) => {
          if (typeof q === "string" || !("toSQL" in q)) return q;
          const { sql, params } = q.toSQL();
          return { sql, args: params as InArgs };
        }),
      );
    },
  });
}

/**
 * Per-connection settings for an embedded file: WAL so readers never block the writer,
 * synchronous=FULL so an acknowledged write survives power loss, foreign keys enforced.
 * connectNode (db/node/connect-node.ts) opens file clients with one connection, so these stick to it.
 */
export async function applyFilePragmas(client: Client): Promise<void> {
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = FULL");
  await client.execute("PRAGMA foreign_keys = ON");
  await client.execute("PRAGMA busy_timeout = 5000");
}
