// Users, sessions and API keys: sign-in, who is asking, and the first admin.
import { and, desc, eq, gt, isNull, like, sql } from "drizzle-orm";
import { newId } from "../ids";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { apiKeys, loginAttempts, sessions, users } from "../../db/schema";
import { FAILURE_MEMORY_MS, lockedUntilAfter, lockRemainingMs } from "../domain/login-backoff";
import { hashPassword, verifyPassword } from "../domain/passwords";
import { randomToken, sha256Hex } from "../domain/crypto";
import { AppError, notFound, tooManyRequests } from "../errors";
import { DAY_MS, MINUTE_MS } from "../domain/time";

export const SESSION_TTL_MS = 14 * DAY_MS;
/** last_used_at is bookkeeping: written at most once a minute per key, not on every request. */
const LAST_USED_RESOLUTION_MS = MINUTE_MS;

export type User = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "role">;
export type ApiKeyScope = (typeof apiKeys.$inferSelect)["scope"];
/** address: the client address the request came from (set by the authenticate middleware), for the audit log. */
export type Principal = ({ kind: "user"; user: User } | { kind: "apiKey"; keyId: string; scope: ApiKeyScope }) & { address?: string };

export const publicUser = ({ id, email, name, role }: User): User => ({ id, email, name, role });

// Verified against when the email is unknown, so response time does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

/** What a session list shows; `id` is a prefix of the token's hash, enough to name it, useless to sign in. */
export type SessionInfo = { id: string; createdAt: number; expiresAt: number; userAgent: string | null; current: boolean };
const SESSION_ID_LENGTH = 16;

const lockedError = (ms: number) => {
  const retryAfterSeconds = Math.ceil(ms / 1000);
  return tooManyRequests("account_locked", `Too many wrong passwords; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
};

/**
 * Checks the password and opens a session. Wrong passwords count per account (keyed by a hash of the
 * email); after LOCKOUT_THRESHOLD the account is locked with a doubling delay, and while locked no
 * password is even checked. A right password clears the count.
 */
export async function signIn(deps: Pick<Deps, "db" | "clock">, input: { email: string; password: string; userAgent?: string }): Promise<{ token: string; user: User }> {
  const { db } = deps;
  const { email, password } = input;
  const now = deps.clock.now();
  const normalized = email.toLowerCase();
  const emailHash = sha256Hex(`login:${normalized}`);
  const [attempts] = await db.select().from(loginAttempts).where(eq(loginAttempts.emailHash, emailHash));
  const locked = lockRemainingMs(attempts, now);
  if (locked > 0) throw lockedError(locked);

  const [user] = await db.select().from(users).where(eq(users.email, normalized));
  // An unknown email or an invited user (no password yet) costs one full Argon2 check too: timing tells nothing.
  const hasPassword = user?.passwordHash.startsWith("$argon2") ?? false;
  const ok = hasPassword
    ? await verifyPassword(password, user!.passwordHash)
    : (await verifyPassword(password, await (dummyHash ??= hashPassword(randomToken()))), false);
  // A deactivated account gets the wrong password's answer, even with the right one: a leaked password tells nothing.
  if (!user || !ok || user.status !== "active") {
    await recordLoginFailure(db, emailHash, now);
    throw new AppError("invalid_credentials", "Email or password is wrong");
  }
  if (attempts) await db.delete(loginAttempts).where(eq(loginAttempts.emailHash, emailHash));
  const token = await openSession(deps, { userId: user.id, userAgent: input.userAgent });
  return { token, user: publicUser(user) };
}

/**
 * Counts one failure with an atomic increment (concurrent wrong guesses each count), then sets the
 * lock the new count calls for.
 */
async function recordLoginFailure(db: Db, emailHash: string, now: number): Promise<void> {
  const [row] = await db
    .insert(loginAttempts)
    .values({ emailHash, failures: 1, lastFailedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginAttempts.emailHash,
      set: {
        failures: sql`case when ${loginAttempts.lastFailedAt} < ${now - FAILURE_MEMORY_MS} then 1 else ${loginAttempts.failures} + 1 end`,
        lastFailedAt: now,
      },
    })
    .returning({ failures: loginAttempts.failures });
  const lockedUntil = lockedUntilAfter(row!.failures, now);
  if (lockedUntil !== null) await db.update(loginAttempts).set({ lockedUntil }).where(eq(loginAttempts.emailHash, emailHash));
}

export async function openSession(deps: Pick<Deps, "db" | "clock">, { userId, userAgent }: { userId: string; userAgent?: string }): Promise<string> {
  const now = deps.clock.now();
  const token = randomToken();
  await deps.db.insert(sessions).values({ tokenHash: sha256Hex(token), userId, createdAt: now, expiresAt: now + SESSION_TTL_MS, lastSeenAt: now, userAgent: userAgent?.slice(0, 300) ?? null });
  return token;
}

export async function signOut(deps: Pick<Deps, "db">, token: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)));
}

/** Ends every session of the user ("sign out everywhere"); returns how many ended. */
export async function signOutEverywhere(deps: Pick<Deps, "db">, userId: string): Promise<number> {
  const gone = await deps.db.delete(sessions).where(eq(sessions.userId, userId)).returning({ t: sessions.tokenHash });
  return gone.length;
}

/** When a session was last used (to the minute); sessions from before idle timeouts count from their start. */
const lastSeen = sql`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt})`;

export async function listSessions(
  deps: Pick<Deps, "db" | "clock">,
  { userId, currentToken, idleTimeoutMs = Infinity }: { userId: string; currentToken?: string; idleTimeoutMs?: number },
): Promise<SessionInfo[]> {
  const now = deps.clock.now();
  const current = currentToken ? sha256Hex(currentToken) : undefined;
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now), Number.isFinite(idleTimeoutMs) ? gt(lastSeen, now - idleTimeoutMs) : undefined))
    .orderBy(desc(sessions.createdAt));
  return rows.map((r) => ({ id: r.tokenHash.slice(0, SESSION_ID_LENGTH), createdAt: r.createdAt, expiresAt: r.expiresAt, userAgent: r.userAgent, current: r.tokenHash === current }));
}

/** Ends one of the user's own sessions, named by its id from listSessions. */
export async function revokeSession(deps: Pick<Deps, "db">, { userId, id }: { userId: string; id: string }): Promise<void> {
  if (!/^[0-9a-f]{16}$/.test(id)) throw notFound("Session");
  const gone = await deps.db.delete(sessions).where(and(eq(sessions.userId, userId), like(sessions.tokenHash, `${id}%`))).returning({ t: sessions.tokenHash });
  if (gone.length === 0) throw notFound("Session");
}

/**
 * The session's user, unless the session has expired (14 days) or has had no request for idleTimeoutMs.
 * `touch`: this request counts as use (a live stream's periodic re-check does not: an unattended open tab still goes idle).
 */
export async function userForSession(deps: Pick<Deps, "db" | "clock">, opts: { token: string; idleTimeoutMs: number; touch?: boolean }): Promise<User | null> {
  const { db } = deps;
  const { token } = opts;
  const now = deps.clock.now();
  const tokenHash = sha256Hex(token);
  const [row] = await db
    .select({ user: users, lastSeen: sql<number>`${lastSeen}` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), gt(lastSeen, now - opts.idleTimeoutMs), eq(users.status, "active")));
  if (!row) return null;
  // Written at most once a minute, like an API key's last use: most requests write nothing.
  if (opts.touch !== false && row.lastSeen < now - LAST_USED_RESOLUTION_MS) await db.commit([db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash))]);
  return publicUser(row.user);
}

/**
 * Valid keys, cached for a few seconds so each API request skips a lookup. Revoking in this process
 * drops the entry at once; another process (a Workers isolate) sees a revocation within API_KEY_CACHE_MS.
 */
const API_KEY_CACHE_MS = 5000;
const keyCache = new WeakMap<Db, Map<string, { keyId: string; scope: ApiKeyScope; lastUsedAt: number | null; checkedAt: number }>>();

export function forgetApiKey(deps: Pick<Deps, "db">, keyId: string): void {
  const cache = keyCache.get(deps.db);
  if (cache) for (const [hash, entry] of cache) if (entry.keyId === keyId) cache.delete(hash);
}

export async function principalForApiKey(deps: Pick<Deps, "db" | "clock">, secret: string): Promise<Principal | null> {
  const { db } = deps;
  const now = deps.clock.now();
  const keyHash = sha256Hex(secret);
  let cache = keyCache.get(db);
  if (!cache) keyCache.set(db, (cache = new Map()));
  let entry = cache.get(keyHash);
  if (!entry || entry.checkedAt < now - API_KEY_CACHE_MS) {
    const [key] = await db
      .select({ id: apiKeys.id, scope: apiKeys.scope, lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
    if (!key) {
      cache.delete(keyHash);
      return null;
    }
    cache.set(keyHash, (entry = { keyId: key.id, scope: key.scope, lastUsedAt: key.lastUsedAt, checkedAt: now }));
  }
  if (entry.lastUsedAt === null || entry.lastUsedAt < now - LAST_USED_RESOLUTION_MS) {
    entry.lastUsedAt = now;
    await db.commit([db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, entry.keyId))]);
  }
  return { kind: "apiKey", keyId: entry.keyId, scope: entry.scope };
}

export async function createUser(deps: Pick<Deps, "db" | "clock">, input: { email: string; password: string; role: User["role"]; name?: string }): Promise<User> {
  const { db } = deps;
  const now = deps.clock.now();
  const row = { id: newId(now), email: input.email.toLowerCase(), name: input.name ?? null, role: input.role, passwordHash: await hashPassword(input.password), createdAt: now, status: "active" as const };
  await db.insert(users).values(row);
  return publicUser(row);
}

/**
 * Creates the first admin when there is no user: from ADMIN_EMAIL/ADMIN_PASSWORD, or with a
 * random password that the caller prints once (it is stored only as a hash).
 */
export async function ensureFirstAdmin(
  deps: Pick<Deps, "db" | "clock"> & { config: { adminEmail?: string; adminPassword?: string } },
): Promise<{ email: string; generatedPassword?: string } | null> {
  const cfg = deps.config;
  const [any] = await deps.db.select({ id: users.id }).from(users).limit(1);
  if (any) return null;
  const email = cfg.adminEmail ?? "admin@localhost";
  const generatedPassword = cfg.adminPassword ? undefined : randomToken(12);
  await createUser(deps, { email, password: cfg.adminPassword ?? generatedPassword!, role: "admin", name: "Admin" });
  return { email, generatedPassword };
}
