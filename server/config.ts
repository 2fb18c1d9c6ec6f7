// Environment → Config, validated once with zod; a bad value stops start-up naming the variable.
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "./domain/client-address";
import { DEFAULT_MIN_SAMPLE } from "./domain/low-sample";
import { PASSWORD_MAX, PASSWORD_MIN } from "./domain/password-rules";
import { fixedOffsetMs } from "./domain/time-zone";
import { HOUR_MS, MINUTE_MS } from "./domain/time";

const optional = z.string().trim().min(1).optional();

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("file:data/valuepulse.db")
    .refine((v) => /^(file:|libsql:|https?:|wss?:)/.test(v), "must start with file:, libsql:, http(s): or ws(s):"),
  DATABASE_AUTH_TOKEN: optional,
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  // The address the Node server listens on; unset: every interface. 127.0.0.1 behind a proxy on the same machine.
  HOST: optional,
  PUBLIC_URL: z.string().url().optional(),
  SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  RESEND_API_KEY: optional,
  RESEND_BASE_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().min(3).default("ValuePulse <surveys@valuepulse.localhost>"),
  RESEND_WEBHOOK_SECRET: optional,
  // As the sign-in form takes it (admin@localhost included).
  ADMIN_EMAIL: z.email({ pattern: z.regexes.html5Email }).optional(),
  // The same rule as a password set in the dashboard: the first admin signs in with it.
  ADMIN_PASSWORD: z.string().min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`).optional(),
  INGEST_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  SHOPIFY_WEBHOOK_SECRET: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  DISPATCH_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  DISPATCH_LEASE_MS: z.coerce.number().int().min(1000).default(300_000),
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().min(0).max(1000).default(2),
  // Requests per client IP per minute on public endpoints; 0 turns a limit off (e.g. loopback benchmarks).
  RATE_LIMIT_SURVEY_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_SURVEY_PER_TOKEN_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  LIVE_POLL_MS: z.coerce.number().int().min(0).optional(),
  // The dev mailbox keeps password-reset and survey links readable in the database: on a public address only when asked.
  DEV_MAILBOX: z.literal("on", { error: 'must be "on" (or unset)' }).optional(),
  // Hosts outgoing webhooks may reach although private or loopback (comma-separated names or IPs).
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(/[\s,]+/).filter(Boolean)),
  // Below this many answers a figure is flagged lowSample and the dashboard says "too few answers".
  MIN_SAMPLE_SIZE: z.coerce.number().int().min(1).default(DEFAULT_MIN_SAMPLE),
  // Live streams open at once per session or API key, and in all (per process); beyond them 429.
  LIVE_STREAMS_PER_CREDENTIAL: z.coerce.number().int().min(1).default(5),
  LIVE_STREAMS_TOTAL: z.coerce.number().int().min(1).default(200),
  // A dashboard session ends after this long without a request (besides its 14-day limit).
  SESSION_IDLE_TIMEOUT_MS: z.coerce.number().int().min(MINUTE_MS).default(8 * HOUR_MS),
  // Node: time to receive a request's headers, and the whole request with its body (slow clients are cut off).
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).default(120_000),
  // CSV imports: file size, one record (any field in it too), rows, and uploads running at once per API key or user and in all.
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(64 * 1024 * 1024),
  IMPORT_MAX_RECORD_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(100_000),
  IMPORT_CONCURRENT_PER_CREDENTIAL: z.coerce.number().int().min(1).default(2),
  IMPORT_CONCURRENT_TOTAL: z.coerce.number().int().min(1).default(4),
  // Online backups of the embedded file (Node): where, how often (0 = never), how many are kept.
  BACKUP_DIR: optional,
  BACKUP_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 366).default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
  // GET /metrics for a scraper elsewhere (Bearer); unset: answered to this machine only.
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
  // One JSON line per request on stdout; "false" or "0" turns it off (the errors and job lines stay).
  LOG_REQUESTS: z.enum(["true", "false", "1", "0"]).default("true"),
  // Proxies whose X-Forwarded-For / Forwarded is believed: a number of hops, or addresses and CIDR ranges.
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseTrustProxy(raw);
      if ("error" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.trust;
    }),
  // The business's time zone: the dashboard's days, weeks and months start at its midnight.
  TIMEZONE: z
    .string()
    .default("UTC")
    .transform((zone, ctx) => {
      const fixed = fixedOffsetMs(zone, Date.now());
      if ("error" in fixed) {
        ctx.addIssue({ code: "custom", message: fixed.error });
        return z.NEVER;
      }
      return { zone, offsetMs: fixed.offsetMs };
    }),
});

export type Config = {
  databaseUrl: string;
  databaseAuthToken?: string;
  port: number;
  /** Listen address (Node); undefined: all interfaces. */
  host?: string;
  publicUrl: string;
  /** Undefined only until the entry loads or generates one. */
  secretKey?: string;
  resendApiKey?: string;
  resendBaseUrl?: string;
  emailFrom: string;
  resendWebhookSecret?: string;
  adminEmail?: string;
  adminPassword?: string;
  ingestApiKey?: string;
  shopifyWebhookSecret?: string;
  stripeWebhookSecret?: string;
  dispatchIntervalMs: number;
  /** A claimed batch not marked sent within this time is presumed abandoned by a dead sender and re-sent under the same key. */
  dispatchLeaseMs: number;
  /** Batch requests per second to Resend (each up to 100 emails); 0 = no limit. Resend's default team limit is 2. */
  resendRequestsPerSecond: number;
  /**
   * 0: live streams hear answers from the in-process event bus (one Node process).
   * > 0: each live stream polls the database for changed responses this often (Workers: many isolates).
   */
  livePollMs: number;
  /** Figures from fewer answers than this carry lowSample: true (MIN_SAMPLE_SIZE). */
  minSample: number;
  /** Gzip the customer pages in the app (Node). Off on Workers: Cloudflare compresses at the edge, and workerd would gzip a gzipped body again. */
  compressPages: boolean;
  /** Cookies are Secure unless the public URL is plain http on localhost. */
  secureCookies: boolean;
  /** A session with no request for this long has ended. */
  sessionIdleTimeoutMs: number;
  /** Node server: headers must arrive within headersMs, the whole request (body included) within requestMs. */
  httpTimeouts: { headersMs: number; requestMs: number };
  /** Live streams open at once, per session or API key and in all. */
  liveStreams: { perCredential: number; total: number };
  /** CSV import limits (see README: IMPORT_*). */
  imports: ImportLimits;
  /** IANA name of the business's time zone (one offset all year). */
  timeZone: string;
  /** How far that zone is ahead of UTC, ms: where the dashboard's days start. */
  utcOffsetMs: number;
  /** Online backups (Node, embedded file): folder (default: backups/ in the data folder), interval (0 = off), how many kept. */
  backups: { dir?: string; intervalMs: number; keep: number };
  /** Bearer token for GET /metrics; undefined: /metrics answers loopback clients only. */
  metricsToken?: string;
  /** A JSON log line per request. */
  logRequests: boolean;
  /** Whose forwarding headers name the client (null: nobody's, the socket's peer is the client). */
  trustProxy: TrustProxy;
  /** DEV_MAILBOX=on: run the dev mailbox even though PUBLIC_URL is not loopback (services/mailers/mailer-from-config.ts). */
  devMailboxOnPublicUrl: boolean;
  /** Outgoing webhooks may reach these hosts even if private or loopback (WEBHOOK_ALLOWED_HOSTS). */
  webhookAllowedHosts: string[];
  /** Requests per client IP per minute; 0 = no limit. */
  rateLimits: { survey: number; surveyPerToken: number; unsubscribe: number; login: number; webhooks: number };
};

export type ImportLimits = { maxBytes: number; maxRecordBytes: number; maxRows: number; concurrentPerCredential: number; concurrentTotal: number };

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable counts as unset, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const { hostname, protocol } = new URL(publicUrl);
  return {
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secretKey: e.SECRET_KEY,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    emailFrom: e.EMAIL_FROM,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    ingestApiKey: e.INGEST_API_KEY,
    shopifyWebhookSecret: e.SHOPIFY_WEBHOOK_SECRET,
    stripeWebhookSecret: e.STRIPE_WEBHOOK_SECRET,
    dispatchIntervalMs: e.DISPATCH_INTERVAL_MS,
    dispatchLeaseMs: e.DISPATCH_LEASE_MS,
    resendRequestsPerSecond: e.RESEND_REQUESTS_PER_SECOND,
    rateLimits: {
      survey: e.RATE_LIMIT_SURVEY_PER_MINUTE,
      surveyPerToken: e.RATE_LIMIT_SURVEY_PER_TOKEN_PER_MINUTE,
      unsubscribe: e.RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE,
      login: e.RATE_LIMIT_LOGIN_PER_MINUTE,
      webhooks: e.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
    },
    livePollMs: e.LIVE_POLL_MS ?? 0,
    devMailboxOnPublicUrl: e.DEV_MAILBOX === "on",
    webhookAllowedHosts: e.WEBHOOK_ALLOWED_HOSTS,
    minSample: e.MIN_SAMPLE_SIZE,
    liveStreams: { perCredential: e.LIVE_STREAMS_PER_CREDENTIAL, total: e.LIVE_STREAMS_TOTAL },
    sessionIdleTimeoutMs: e.SESSION_IDLE_TIMEOUT_MS,
    httpTimeouts: { headersMs: Math.min(e.HTTP_HEADERS_TIMEOUT_MS, e.HTTP_REQUEST_TIMEOUT_MS), requestMs: e.HTTP_REQUEST_TIMEOUT_MS },
    imports: {
      maxBytes: e.IMPORT_MAX_BYTES,
      maxRecordBytes: e.IMPORT_MAX_RECORD_BYTES,
      maxRows: e.IMPORT_MAX_ROWS,
      concurrentPerCredential: e.IMPORT_CONCURRENT_PER_CREDENTIAL,
      concurrentTotal: e.IMPORT_CONCURRENT_TOTAL,
    },
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    backups: { dir: e.BACKUP_DIR, intervalMs: Math.round(e.BACKUP_INTERVAL_HOURS * HOUR_MS), keep: e.BACKUP_KEEP },
    logRequests: e.LOG_REQUESTS === "true" || e.LOG_REQUESTS === "1",
    timeZone: e.TIMEZONE.zone,
    utcOffsetMs: e.TIMEZONE.offsetMs,
    compressPages: true,
    secureCookies: !(protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname)),
  };
}

/** On Workers an answer may land in another isolate, so live streams poll; this often unless LIVE_POLL_MS says otherwise. */
export const WORKER_LIVE_POLL_MS = 2000;

/**
 * Workers: the same schema over the Worker's bindings (vars and secrets are strings; ASSETS and other
 * bindings are objects and not configuration), plus what a Worker cannot do without — it has no file
 * system to hold a database or a generated key, and its cron-sent emails need an absolute address.
 */
export function loadWorkerConfig(bindings: Record<string, unknown>): Config & { secretKey: string } {
  const env = Object.fromEntries(Object.entries(bindings).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  // Every problem at once, the schema's and the Worker's, so one deploy fixes them all.
  const problems: string[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.message.split("\n").slice(1).map((l) => l.trim()));
  }
  if (!env.DATABASE_URL || env.DATABASE_URL.startsWith("file:"))
    problems.push("DATABASE_URL: required on Workers: a libsql:// or https:// database (a Worker has no file system)");
  if (!env.SECRET_KEY) problems.push("SECRET_KEY: required on Workers (wrangler secret put SECRET_KEY)");
  if (!env.PUBLIC_URL) problems.push("PUBLIC_URL: required on Workers: the https:// address that links in emails point to");
  if (env.RESEND_API_KEY && !env.EMAIL_FROM)
    problems.push("EMAIL_FROM: required on Workers with RESEND_API_KEY: a sender on a domain verified in Resend");
  if (env.LIVE_POLL_MS && Number(env.LIVE_POLL_MS) < 250)
    problems.push("LIVE_POLL_MS: must be at least 250 on Workers, where answers land in other isolates");
  if (problems.length > 0 || !config) throw new ConfigError(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  return { ...config, secretKey: config.secretKey!, livePollMs: env.LIVE_POLL_MS ? config.livePollMs : WORKER_LIVE_POLL_MS, compressPages: false };
}
