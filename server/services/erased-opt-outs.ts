// Opt-outs that outlive an erasure: an unsubscribe or a suppression is kept under an HMAC of the address, and
// honoured when a shop sends that address again, so forgetting a person never starts emailing them.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { erasedOptOuts, suppressions } from "../../db/schema";
import { emailDigest } from "../domain/tokens";

type Leaving = { email: string; unsubscribedAt: number | null; suppressionReason: (typeof erasedOptOuts.$inferSelect)["suppressionReason"] };

/**
 * The write that remembers a leaving person's opt-out, or null when they had none (an erasure alone is no
 * opt-out: a person who buys again may be asked again). A second erasure keeps the earliest unsubscribe.
 */
export function rememberOptOut(deps: Pick<Deps, "db" | "clock" | "config">, leaving: Leaving) {
  const { db } = deps;
  const now = deps.clock.now();
  if (leaving.unsubscribedAt === null && leaving.suppressionReason === null) return null;
  const row = { emailDigest: emailDigest(deps.config.secretKey, leaving.email), unsubscribedAt: leaving.unsubscribedAt, suppressionReason: leaving.suppressionReason, erasedAt: now };
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

/**
 * For an address about to become a customer: the opt-out kept if it was erased, as the new customer's
 * `unsubscribedAt` and the writes to commit with it (a suppressed address is suppressed again; the list
 * names addresses, so it is restored in the clear).
 */
export async function returningOptOut(deps: Pick<Deps, "db" | "clock" | "config">, email: string) {
  const { db } = deps;
  const now = deps.clock.now();
  let read = byDigest.get(db);
  if (!read) byDigest.set(db, (read = prepareByDigest(db)));
  const optOut = await read.get({ digest: emailDigest(deps.config.secretKey, email) });
  const reason = optOut?.suppressionReason;
  return {
    unsubscribedAt: optOut?.unsubscribedAt ?? null,
    writes: reason ? [db.insert(suppressions).values({ email: email.trim().toLowerCase(), reason, detail: "Kept through an erasure", createdAt: now }).onConflictDoNothing()] : [],
  };
}
