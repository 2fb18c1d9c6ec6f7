// Users, sessions and API keys: sign-in, who is asking, and the first admin.
import { and, eq, gt, isNull } from "drizzle-orm";
import { newId } from "../ids";
import type { Db } from "../../db/client";
import { apiKeys, sessions, users } from "../../db/schema";
import { hashPassword, verifyPassword } from "../domain/passwords";
import { randomToken, sha256Hex } from "../domain/tokens";
import { AppError } from "../errors";

export const SESSION_TTL_MS = 14 * 24 * 3_600_000;
/** last_used_at is bookkeeping: written at most once a minute per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type User = Omit<typeof users.$inferSelect, "passwordHash" | "createdAt">;
export type ApiKeyScope = (typeof apiKeys.$inferSelect)["scope"];
export type Principal = { kind: "user"; user: User } | { kind: "apiKey"; keyId: string; scope: ApiKeyScope };

const publicUser = ({ id, email, name, role }: typeof users.$inferSelect): User => ({ id, email, name, role });

// Verified against when the email is unknown, so response time does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

export async function signIn(db: Db, email: string, password: string, now: number): Promise<{ token: string; user: User }> {
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  const ok = user
    ? await verifyPassword(password, user.passwordHash)
    : (await verifyPassword(password, await (dummyHash ??= hashPassword(randomToken()))), false);
  if (!user || !ok) throw new AppError("invalid_credentials", 401, "Email or password is wrong");
  const token = randomToken();
  await db.insert(sessions).values({ tokenHash: sha256Hex(token), userId: user.id, createdAt: now, expiresAt: now + SESSION_TTL_MS });
  return { token, user: publicUser(user) };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)));
}

export async function userForSession(db: Db, token: string, now: number): Promise<User | null> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256Hex(token)), gt(sessions.expiresAt, now)));
  return row ? publicUser(row.user) : null;
}

/**
 * Valid keys, cached for a few seconds so each API request skips a lookup. Revoking in this process
 * drops the entry at once; another process (a Workers isolate) sees a revocation within API_KEY_CACHE_MS.
 */
const API_KEY_CACHE_MS = 5000;
const keyCache = new WeakMap<Db, Map<string, { keyId: string; scope: ApiKeyScope; lastUsedAt: number | null; checkedAt: number }>>();

export function forgetApiKey(db: Db, keyId: string): void {
  const cache = keyCache.get(db);
  if (cache) for (const [hash, entry] of cache) if (entry.keyId === keyId) cache.delete(hash);
}

export async function principalForApiKey(db: Db, secret: string, now: number): Promise<Principal | null> {
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

export async function createUser(db: Db, input: { email: string; password: string; role: User["role"]; name?: string }, now: number): Promise<User> {
  const row = { id: newId(now), email: input.email.toLowerCase(), name: input.name ?? null, role: input.role, passwordHash: await hashPassword(input.password), createdAt: now };
  await db.insert(users).values(row);
  return publicUser(row);
}

/**
 * Creates the first admin when there is no user: from ADMIN_EMAIL/ADMIN_PASSWORD, or with a
 * random password that the caller prints once (it is stored only as a hash).
 */
export async function ensureFirstAdmin(db: Db, cfg: { adminEmail?: string; adminPassword?: string }, now: number): Promise<{ email: string; generatedPassword?: string } | null> {
  const [any] = await db.select({ id: users.id }).from(users).limit(1);
  if (any) return null;
  const email = cfg.adminEmail ?? "admin@localhost";
  const generatedPassword = cfg.adminPassword ? undefined : randomToken(12);
  await createUser(db, { email, password: cfg.adminPassword ?? generatedPassword!, role: "admin", name: "Admin" }, now);
  return { email, generatedPassword };
}
