// Wraps a libSQL client in drizzle; the runtime entry creates the client (file on Node, HTTP on Workers).
import type { Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type Db = ReturnType<typeof createDb>;

export function createDb(client: Client) {
  return drizzle(client, { schema });
}

/**
 * Per-connection settings for an embedded file: WAL so readers never block the writer,
 * synchronous=FULL so an acknowledged write survives power loss, foreign keys enforced.
 * The entry opens file clients with concurrency 1, so these stick to the only connection.
 */
export async function applyFilePragmas(client: Client): Promise<void> {
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = FULL");
  await client.execute("PRAGMA foreign_keys = ON");
  await client.execute("PRAGMA busy_timeout = 5000");
}
