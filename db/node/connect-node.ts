// Node only (native engine): opens DATABASE_URL — an embedded file with our statement-keeping client and its
// durable settings, or a remote libSQL server (Turso) with @libsql/client.
import { createClient, type Client } from "@libsql/client";
import { fileURLToPath } from "node:url";
import { applyFilePragmas } from "../client";
import { createFileClient } from "./file-client";
import { createWorkerClient } from "./worker-client";

/**
 * `ownThread` (the server): SQLite runs on a thread of its own, so the event loop never waits for it.
 * Without (tests, scripts): on the calling thread, which starts faster.
 */
export async function connectNode(url: string, opts: { authToken?: string; ownThread?: boolean } = {}): Promise<Client> {
  if (!url.startsWith("file:")) return createClient({ url, authToken: opts.authToken });
  const path = url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length).split("?")[0];
  const client = opts.ownThread ? createWorkerClient(path) : createFileClient(path);
  await applyFilePragmas(client);
  return client;
}
