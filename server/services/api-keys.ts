// API keys: created with a secret shown once, stored as a SHA-256 hash, revoked at once.
import { and, desc, eq, isNull } from "drizzle-orm";
import { newId } from "../ids";
import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";
import { randomToken, sha256Hex } from "../domain/crypto";
import { notFound } from "../errors";
import { forgetApiKey, type ApiKeyScope } from "./auth";

const PREFIX_LENGTH = 11;

export async function createApiKey(db: Db, input: { name: string; scope: ApiKeyScope; secret?: string }, now: number) {
  // High-entropy secrets need no slow hash: SHA-256 is enough and keeps each request cheap.
  const secret = input.secret ?? `vp_${randomToken(24)}`;
  const row = { id: newId(now), name: input.name, prefix: secret.slice(0, PREFIX_LENGTH), keyHash: sha256Hex(secret), scope: input.scope, createdAt: now, lastUsedAt: null, revokedAt: null };
  await db.insert(apiKeys).values(row);
  const { keyHash: _, ...key } = row;
  return { key, secret };
}

export async function listApiKeys(db: Db) {
  const rows = await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
  return rows.map(({ keyHash: _, ...key }) => key);
}

export async function revokeApiKey(db: Db, id: string, now: number): Promise<void> {
  const [found] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id));
  if (!found) throw notFound("API key");
  await db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  forgetApiKey(db, id);
}

/** INGEST_API_KEY: a full-scope key for scripts and CI, registered (hashed) on start if new. */
export async function ensureIngestKey(db: Db, secret: string, now: number): Promise<void> {
  const [found] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, sha256Hex(secret)));
  if (!found) await createApiKey(db, { name: "INGEST_API_KEY", scope: "full", secret }, now);
}
