// What the app needs from its runtime; the Node and Workers entries each build one.
import type { Db } from "../db/client";
import type { Context } from "hono";
import type { Config } from "./config";
import type { EventBus } from "./events";
import { redact } from "./domain/redact";
import type { Mailer } from "./services/mailers/mailer";
import type { Metrics } from "./services/metrics";

export type Clock = { now(): number };

/**
 * Runs a long read (services/long-reads.ts, which types it: LongReadRunner) by name, its arguments after the database.
 * Declared loosely (a method's type, so the typed runner fits) to keep deps.ts free of imports from the services.
 */
export type AnyLongReadRunner = { run(name: string, ...args: never[]): Promise<unknown> }["run"];

export type Log = {
  info(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
};

/** Published by recordAnswer after an answer is committed; the live stream recomputes and pushes scores. */
export type AnswerEvent = { type: "answer"; responseId: string };
/** Published by the workflow services after a lead changed a response (assigned, noted, replied, closed). */
export type ResponseChangedEvent = { type: "response"; responseId: string };
/** What services publish after their commit (never before: a listener never sees a change that could be lost). */
export type AppEvent = AnswerEvent | ResponseChangedEvent;

/** Counts hits per key in fixed windows (rate limits). Default: in memory, per process / per Workers isolate. */
export interface RateLimitStore {
  hit(key: string, windowMs: number, now: number): { count: number; resetAt: number } | Promise<{ count: number; resetAt: number }>;
}

/** A host name's addresses (Node: node:dns lookup, as fetch would connect); the outbox refuses private ones (SSRF). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export type Deps = {
  config: Config & { secretKey: string };
  db: Db;
  mailer: Mailer;
  clock: Clock;
  events: EventBus<AppEvent>;
  log: Log;
  /** A store shared by every process or isolate (e.g. a Durable Object on Workers); default in memory. */
  rateLimitStore?: RateLimitStore;
  /**
   * Where the reads that scan responses run (services/long-reads.ts: the Analytics page, the tier filter). On an
   * embedded file the Node entry runs them on a thread of their own, so one never holds up other requests. Default: inline.
   */
  longReads?: AnyLongReadRunner;
  /** Node only: outgoing webhooks to a name are checked by the addresses it resolves to. Workers have no DNS access: the URL alone is checked. */
  resolveHost?: ResolveHost;
  /** Node only: the fetch outgoing webhooks use, checking the address it connects to (server/webhook-fetch-node.ts). Default: fetch. */
  webhookFetch?: typeof fetch;
  /** The socket's peer address as the runtime sees it (Node: Hono's connection info). Default: cf-connecting-ip (Workers). */
  peerAddress?: (c: Context) => string | undefined;
  /** Counters for GET /metrics (requests, job runs); createApp makes one if none is given (per process, per Workers isolate). */
  metrics?: Metrics;
  /** Aborted when the server begins to stop (Node, SIGTERM): live streams tell clients to reconnect and end. */
  stopping?: AbortSignal;
};

export const systemClock: Clock = { now: () => Date.now() };

/** JSON lines with emails, API keys and link tokens scrubbed: no personal data or secret reaches the log. */
export const consoleLog: Log = {
  info: (msg, data) => console.log(redact(JSON.stringify({ level: "info", msg, ...data }))),
  error: (msg, data) => console.error(redact(JSON.stringify({ level: "error", msg, ...data }))),
};
