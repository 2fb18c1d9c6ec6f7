// Node entry: embedded libSQL file, dev mailbox or Resend, dispatcher interval, static dashboard.
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Server } from "node:http";
import { lookup } from "node:dns/promises";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createDb } from "../db/client";
import { connectNode } from "../db/node/connect-node";
import { migrateDb } from "../db/migrate";
import { createApp } from "./app";
import { randomToken } from "./domain/crypto";
import { startReadThread } from "./read-thread";
import { ConfigError, loadConfig, type Config } from "./config";
import { consoleLog, systemClock, type AppEvent, type Deps } from "./deps";
import { createEventBus } from "./events";
import { onStopSignals } from "./shutdown";
import { databaseFile, scheduleBackups } from "./backups";
import { runJobs } from "./services/jobs";
import { scheduledJobs } from "./services/scheduled-jobs";
import { bootstrap } from "./services/bootstrap";
import { upgradeCustomerValues } from "./services/customer-values";
import { mailerFromConfig } from "./services/mailers/mailer-from-config";
import { webhookFetchForNode } from "./webhook-fetch-node";

const WEB_DIST = resolve(import.meta.dirname, "../web/dist");

function dataFolder(config: Config): string {
  return config.databaseUrl.startsWith("file:") ? dirname(resolve(config.databaseUrl.slice("file:".length))) : resolve("data");
}

/** SECRET_KEY, or one generated on first start and kept (mode 600) in the data folder. */
function secretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = join(dataFolder(config), "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = randomToken(32);
  writeFileSync(file, key + "\n", { mode: 0o600 });
  return key;
}

async function main() {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  mkdirSync(dataFolder(config), { recursive: true });
  const client = await connectNode(config.databaseUrl, { authToken: config.databaseAuthToken });
  const db = createDb(client, { utcOffsetMs: config.utcOffsetMs });
  await migrateDb(db);

  const stopping = new AbortController();
  const deps: Deps = {
    config: { ...config, secretKey: secretKey(config) },
    db,
    mailer: mailerFromConfig(config, db, systemClock.now, consoleLog),
    // As fetch will connect (getaddrinfo, /etc/hosts included): outgoing webhooks to private addresses are refused.
    resolveHost: async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
    // ...and the connection itself goes only to an address that passed, so a second DNS answer cannot differ.
    webhookFetch: webhookFetchForNode({ allowedHosts: config.webhookAllowedHosts }),
    clock: systemClock,
    events: createEventBus<AppEvent>(),
    log: consoleLog,
    // The socket's peer; behind trusted proxies (TRUST_PROXY) the app reads the client from their headers.
    peerAddress: (c) => getConnInfo(c).remote.address,
    stopping: stopping.signal,
  };
  // A database from before kept customer values is back-filled first (batches, progress in the log; resumes after a restart).
  await upgradeCustomerValues(deps);
  await bootstrap(deps);
  // Over the network (Turso) reads wait on I/O, not on this thread: only the embedded file needs a thread of its own.
  const readThread = config.databaseUrl.startsWith("file:") ? startReadThread({ databaseUrl: config.databaseUrl, utcOffsetMs: config.utcOffsetMs }) : null;
  if (readThread) deps.longReads = readThread.run;

  const app = createApp(deps);
  app.use("/*", serveStatic({ root: WEB_DIST }));
  // The dashboard routes on the client: any other page is its index.html.
  app.get("*", serveStatic({ root: WEB_DIST, path: "index.html" }));

  // Invitations, reminders, alert emails (retries: each answer kicks them), outgoing webhooks and housekeeping, one pass at a time.
  const jobs = scheduledJobs(deps);
  let pass: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (pass) return;
    pass = runJobs(deps, jobs).finally(() => (pass = null));
  }, config.dispatchIntervalMs);

  const { headersMs, requestMs } = config.httpTimeouts;
  const serverOptions = {
    // A client that trickles its headers or body is cut off (408, then the socket closes): it cannot hold a socket for minutes.
    headersTimeout: headersMs,
    requestTimeout: requestMs,
    // Node checks those timeouts this often (30 s by default, far coarser than a short timeout).
    connectionsCheckingInterval: Math.min(1000, headersMs),
  };
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions }, (info) => {
    console.log(`ValuePulse on ${config.publicUrl} (port ${info.port}, ${deps.mailer.kind === "dev-mailbox" ? "dev mailbox" : "Resend"}, ${config.databaseUrl})`);
  });
  // Online backups of the embedded file (a remote database is backed up where it lives).
  const dbFile = databaseFile(config.databaseUrl);
  const backups =
    dbFile && config.backups.intervalMs > 0
      ? scheduleBackups({ source: dbFile, dir: config.backups.dir ?? join(dataFolder(config), "backups"), intervalMs: config.backups.intervalMs, keep: config.backups.keep, log: deps.log })
      : null;

  onStopSignals({
    server: server as Server,
    stopping,
    log: deps.log,
    stopJobs: async () => {
      clearInterval(timer);
      await Promise.all([pass, backups?.stop()]);
    },
    drained: () => db.drained(),
    close: async () => {
      await readThread?.stop();
      client.close();
    },
  });
}

await main().catch((err) => {
  // Found after loading (the dev mailbox's guard): stops start-up the same way, naming the variable.
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
});
