// `npm run db:migrate`: applies db/migrations to DATABASE_URL — a file, or a remote libSQL database (Turso)
// over HTTP, the protocol the Worker uses — then seeds it as `npm start` does: default template, first
// admin (ADMIN_EMAIL / ADMIN_PASSWORD, or a password printed once), INGEST_API_KEY.
import { createClient as createHttpClient } from "@libsql/client/http";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createDb } from "../db/client";
import { connectNode } from "../db/node/connect-node";
import { migrateDb } from "../db/migrate";
import { ConfigError, loadConfig } from "./config";
import { consoleLog, systemClock } from "./deps";
import { bootstrap } from "./services/bootstrap";
import { upgradeCustomerValues } from "./services/customer-values";

async function main() {
  const config = loadConfig(process.env);
  const isFile = config.databaseUrl.startsWith("file:");
  if (isFile) mkdirSync(dirname(resolve(config.databaseUrl.slice("file:".length))), { recursive: true });
  const client = isFile
    ? await connectNode(config.databaseUrl)
    : createHttpClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  try {
    const db = createDb(client, { utcOffsetMs: config.utcOffsetMs });
    await migrateDb(db);
    // Kept customer values of a database from before them: back-filled in batches, progress in the log.
    await upgradeCustomerValues({ db, clock: systemClock, log: consoleLog });
    // Seeding never derives survey tokens: the secret key is not needed here.
    await bootstrap({ db, config: { ...config, secretKey: config.secretKey ?? "" }, clock: systemClock, log: consoleLog });
    // The URL without credentials in it.
    const where = new URL(config.databaseUrl);
    console.log(`Database is up to date: ${where.protocol}//${where.host}${where.pathname}`);
  } finally {
    client.close();
  }
}

try {
  await main();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
