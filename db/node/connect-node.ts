// Node only (native engine): opens DATABASE_URL — an embedded file with our statement-keeping client and its
// durable settings, or a remote libSQL server (Turso) with @libsql/client.
import { createClient, type Client } from "@libsql/client";
import { fileURLToPath } from "node:url";
import { applyFilePragmas } from "../client";
import { createFileClient } from "./file-client";

export async function connectNode(url: string, opts: { authToken?: string } = {}): Promise<Client> {
  if (!url.startsWith("file:")) return createClient({ url, authToken: opts.authToken });
  const path = url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length).split("?")[0];
  // One connection: per-connection PRAGMAs stick, and SQLite has one writer anyway.
  const client = createFileClient(path);
  await applyFilePragmas(client);
  return client;
}
