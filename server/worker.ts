// Workers entry: libSQL over HTTP (Turso), the dispatcher on a Cron Trigger, the dashboard from Workers static assets.
import { createClient } from "@libsql/client/web";
import type { ExecutionContext } from "hono";
import { createDb } from "../db/client";
import { createApp, type App } from "./app";
import { ConfigError, loadWorkerConfig } from "./config";
import { consoleLog, systemClock, type AppEvent, type Deps } from "./deps";
import { createEventBus } from "./events";
import { kickedJobsDone, runJobs } from "./services/jobs";
import { scheduledJobs } from "./services/scheduled-jobs";
import { mailerFromConfig } from "./services/mailers/mailer-from-config";

// The few Workers runtime types used here (no @cloudflare/workers-types needed for them).
type Fetcher = { fetch(request: Request): Promise<Response> };
type ScheduledController = { cron: string; scheduledTime: number };
/** Vars and secrets (strings, validated by the config schema) and the ASSETS binding (wrangler.toml [assets]). */
export type WorkerEnv = Record<string, unknown> & { ASSETS?: Fetcher };

type Built = { deps: Deps; app: App };

/**
 * One app per isolate: its caches (API keys, templates, survey facts) then serve many requests. Bindings
 * only change with a new deployment, which starts new isolates.
 */
let built: Built | null = null;

function build(env: WorkerEnv): Built {
  if (built) return built;
  const config = loadWorkerConfig(env);
  // No client-side queue: a query queued behind another request's would be started from that request's
  // I/O context, which Workers cancel when it ends. Workers queue connections beyond 6 themselves.
  const client = createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken, concurrency: Number.POSITIVE_INFINITY });
  const db = createDb(client, { groupCommit: false, utcOffsetMs: config.utcOffsetMs });
  const deps: Deps = {
    config,
    db,
    mailer: mailerFromConfig(config, db, systemClock.now, consoleLog),
    clock: systemClock,
    // Answers are published here as on Node, but live streams poll the database (config.livePollMs):
    // an answer may be recorded by any isolate.
    events: createEventBus<AppEvent>(),
    log: consoleLog,
  };
  const app = createApp(deps);
  // Files in web/dist are served by Workers assets before the Worker runs; any other page of the
  // dashboard (it routes on the client) is its index.html, as on Node. API paths keep their JSON 404.
  app.get("*", async (c) => {
    const assets = (c.env as WorkerEnv | undefined)?.ASSETS;
    if (c.req.path.startsWith("/api/") || !assets) return c.notFound();
    const index = await assets.fetch(new Request(new URL("/", c.req.url)));
    // A fetched response's headers are immutable; the app's middleware (secure headers) adds to them.
    return new Response(index.body, index);
  });
  built = { deps, app };
  return built;
}

function misconfigured(err: ConfigError): Response {
  console.error(err.message);
  // Names the variables, never their values.
  return Response.json({ error: { code: "misconfigured", message: err.message } }, { status: 500 });
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let app: App;
    let deps: Deps;
    try {
      ({ app, deps } = build(env));
    } catch (err) {
      if (err instanceof ConfigError) return misconfigured(err);
      throw err;
    }
    const response = await app.fetch(request, env, ctx);
    // A job this request kicked (an answer's alert emails) runs on after the response: the isolate stays for it.
    ctx.waitUntil(kickedJobsDone(deps));
    return response;
  },

  /** Cron Trigger (wrangler.toml [triggers]): the same jobs as Node's timer (services/scheduled-jobs.ts). */
  async scheduled(controller: ScheduledController, env: WorkerEnv): Promise<void> {
    const { deps } = build(env);
    const failed = await runJobs(deps, scheduledJobs(deps), { cron: controller.cron });
    // Rethrown so the run shows as failed in the Cron Events log.
    if (failed.length) throw new Error(`scheduled jobs failed: ${failed.join(", ")}`);
  },
};
