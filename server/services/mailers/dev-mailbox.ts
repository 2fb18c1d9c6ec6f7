// The built-in dev mailbox: "sends" by storing emails in the database, deduplicated like a provider would.
import type { Deps } from "../../deps";
import { desc, inArray } from "drizzle-orm";
import { newId } from "../../ids";
import type { Db } from "../../../db/client";
import { mailbox } from "../../../db/schema";
import type { Mailer } from "./mailer";

export function devMailbox(db: Db, now: () => number): Mailer {
  return {
    kind: "dev-mailbox",
    async sendBatch(emails, idempotencyKey) {
      if (emails.length === 0) return [];
      // The mailbox shows Reply-To among the headers, as a mail client would.
      const rows = emails.map(({ replyTo, ...e }, i) => ({ id: newId(), dedupeKey: `${idempotencyKey}:${i}`, ...e, headers: replyTo ? { ...e.headers, "Reply-To": replyTo } : e.headers, createdAt: now() }));
      await db.insert(mailbox).values(rows).onConflictDoNothing({ target: mailbox.dedupeKey });
      const stored = await db
        .select({ id: mailbox.id, dedupeKey: mailbox.dedupeKey })
        .from(mailbox)
        .where(inArray(mailbox.dedupeKey, rows.map((r) => r.dedupeKey)));
      const byKey = new Map(stored.map((s) => [s.dedupeKey, s.id]));
      return rows.map((r) => ({ id: byKey.get(r.dedupeKey)! }));
    },
  };
}

export async function listMailbox(deps: Pick<Deps, "db">, limit: number) {
  const { db } = deps;
  return db.select().from(mailbox).orderBy(desc(mailbox.createdAt), desc(mailbox.id)).limit(limit);
}
