// The suppression list: addresses never emailed again (hard bounces, complaints, admins' manual entries).
import type { Deps } from "../deps";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { suppressions } from "../../db/schema";
import { notFound } from "../errors";

export type Suppression = typeof suppressions.$inferSelect;

export async function listSuppressions(deps: Pick<Deps, "db">, limit: number): Promise<Suppression[]> {
  const { db } = deps;
  return db.select().from(suppressions).orderBy(desc(suppressions.createdAt), suppressions.email).limit(limit);
}

/** Adds an address by hand; an address already listed keeps its first reason. */
export async function addSuppression(deps: Pick<Deps, "db" | "clock">, input: { email: string; note?: string | null }, by: string): Promise<{ suppression: Suppression; created: boolean }> {
  const { db } = deps;
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const inserted = await db
    .insert(suppressions)
    .values({ email, reason: "manual", detail: input.note ?? null, createdBy: by, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted.length) return { suppression: inserted[0], created: true };
  const [existing] = await db.select().from(suppressions).where(eq(suppressions.email, email));
  return { suppression: existing, created: false };
}

/** Lets the address be emailed again (invitations skipped meanwhile stay skipped). */
export async function removeSuppression(deps: Pick<Deps, "db">, email: string): Promise<void> {
  const { db } = deps;
  const gone = await db.delete(suppressions).where(eq(suppressions.email, email.trim().toLowerCase())).returning({ email: suppressions.email });
  if (gone.length === 0) throw notFound("Suppressed address");
}
