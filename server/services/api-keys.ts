// API keys: created with a secret shown once, stored as a SHA-256 hash, revoked at once; each change audited in its commit.
import { and, desc, eq, isNull } from "drizzle-orm";
import { newId } from "../ids";
import { apiKeys } from "../../db/schema";
import type { Deps } from "../deps";
import { randomToken, sha256Hex } from "../domain/crypto";
import { notFound } from "../errors";
import { auditEntry, type Actor } from "./audit";
import { forgetApiKey, type ApiKeyScope } from "./auth";

const PREFIX_LENGTH = 11;

export type NewApiKey = { name: string; scope: ApiKeyScope; secret?: string; actor?: Actor };

/** `actor`: who creates it, audited in the same commit; none for the system's own registration (INGEST_API_KEY, as before). */
export async function createApiKey(deps: Pick<Deps, "db" | "clock">, input: NewApiKey) {
  const { db } = deps;
  const now = deps.clock.now();
  // High-entropy secrets need no slow hash: SHA-256 is enough and keeps each request cheap.
  const secret = input.secret ?? `vp_${randomToken(24)}`;
  const row = { id: newId(now), name: input.name, prefix: secret.slice(0, PREFIX_LENGTH), keyHash: sha256Hex(secret), scope: input.scope, createdAt: now, lastUsedAt: null, revokedAt: null };
  const { id, name, scope, prefix } = row;
  await db.commit([
    db.insert(apiKeys).values(row),
    ...(input.actor ? [auditEntry(deps, input.actor, { action: "api_key.create", targetType: "api_key", targetId: id, after: { name, scope, prefix } })] : []),
  ]);
  const { keyHash: _, ...key } = row;
  return { key, secret };
}

export async function listApiKeys(deps: Pick<Deps, "db">) {
  const rows = await deps.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
  return rows.map(({ keyHash: _, ...key }) => key);
}

export async function revokeApiKey(deps: Pick<Deps, "db" | "clock">, input: { id: string; actor: Actor }): Promise<void> {
  const { db } = deps;
  const { id, actor } = input;
  const [found] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id));
  if (!found) throw notFound("API key");
  await db.commit([
    db.update(apiKeys).set({ revokedAt: deps.clock.now() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))),
    auditEntry(deps, actor, { action: "api_key.revoke", targetType: "api_key", targetId: id }),
  ]);
  forgetApiKey(deps, id);
}

/** INGEST_API_KEY: a full-scope key for scripts and CI, registered (hashed) on start if new. */
export async function ensureIngestKey(deps: Pick<Deps, "db" | "clock">, secret: string): Promise<void> {
  const [found] = await deps.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, sha256Hex(secret)));
  if (!found) await createApiKey(deps, { name: "INGEST_API_KEY", scope: "full", secret });
}
