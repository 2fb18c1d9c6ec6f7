// Node only: opens DATABASE_URL — an embedded file with its durable settings on one connection, or a
// remote libSQL server (Turso).
import { createClient, type Client } from "@libsql/client";
import { applyFilePragmas } from "../client";

export async function connectNode(url: string, opts: { authToken?: string } = {}): Promise<Client> {
  if (!url.startsWith("file:")) return createClient({ url, authToken: opts.authToken });
  // One connection: per-connection PRAGMAs stick, and SQLite has one writer anyway.
  const client = createClient({ url, concurrency: 1, timeout: 5000 });
  await applyFilePragmas(client);
  return client;
}
