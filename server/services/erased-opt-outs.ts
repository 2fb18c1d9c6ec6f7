// Opt-outs that outlive an erasure: an unsubscribe or a suppression is kept under an HMAC of the address, and
// honoured when a shop sends that address again, so forgetting a person never starts emailing them.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { erasedOptOuts, suppressions } from "../../db/schema";
import { emailDigest } from "../domain/tokens";

export type ErasedOptOut = typeof erasedOptOuts.$inferSelect;

type Leaving = { email: string; unsubscribedAt: number | null; suppressionReason: ErasedOptOut["suppressionReason"] };

/**
 * The write that remembers a leaving person's opt-out, or null when they had none (an erasure alone is no
 * opt-out: a person who buys again may be asked again). A second erasure keeps the earliest unsubscribe.
 */
export function rememberOptOut(db: Db, secretKey: string, leaving: Leaving, now: number) {
  if (leaving.unsubscribedAt === null && leaving.suppressionReason === null) return null;
  const row = { emailDigest: emailDigest(secretKey, leaving.email), unsubscribedAt: leaving.unsubscribedAt, suppressionReason: leaving.suppressionReason, erasedAt: now };
  return db
    .insert(erasedOptOuts)
    .values(row)
    .onConflictDoUpdate({
      target: erasedOptOuts.emailDigest,
      set: {
        unsubscribedAt: sql`coalesce(${erasedOptOuts.unsubscribedAt}, excluded.unsubscribed_at)`,
        suppressionReason: sql`coalesce(excluded.suppression_reason, ${erasedOptOuts.suppressionReason})`,
        erasedAt: now,
      },
    });
}

/** Built once per database: every purchase from an address new to us makes this read. */
const byDigest = new WeakMap<Db, ReturnType<typeof prepareByDigest>>();
const prepareByDigest = (db: Db) =>
  db
    .select()
    .from(erasedOptOuts)
    .where(eq(erasedOptOuts.emailDigest, sql.placeholder("digest")))
    .prepare();

/** The opt-out kept for an address that is about to become a customer again, if any. */
export async function erasedOptOutFor(db: Db, secretKey: string, email: string): Promise<ErasedOptOut | null> {
  let read = byDigest.get(db);
  if (!read) byDigest.set(db, (read = prepareByDigest(db)));
  return (await read.get({ digest: emailDigest(secretKey, email) })) ?? null;
}

/** A suppressed address that comes back is suppressed again (the list names addresses, so it is restored in the clear). */
export function restoreSuppression(db: Db, email: string, optOut: ErasedOptOut | null, now: number) {
  if (!optOut?.suppressionReason) return null;
  return db
    .insert(suppressions)
    .values({ email: email.trim().toLowerCase(), reason: optOut.suppressionReason, detail: "Kept through an erasure", createdAt: now })
    .onConflictDoNothing();
}
