// Audit log of admin actions: who did what to which record, when, with the record before and after.
import { desc, sql } from "drizzle-orm";
import type { Deps } from "../deps";
import { auditLog } from "../../db/schema";
import { newId } from "../ids";
import type { ActorKind } from "../domain/vocabulary";
import type { Principal } from "./auth";

/** address: where the request came from (the client address, see TRUST_PROXY); none for the system's own actions. */
export type Actor = { kind: ActorKind; id: string | null; label: string; address?: string | null };

export function actorOf(p: Principal | null): Actor {
  if (!p) return { kind: "system", id: null, label: "system" };
  const address = p.address ?? null;
  return p.kind === "user" ? { kind: "user", id: p.user.id, label: p.user.email, address } : { kind: "apiKey", id: p.keyId, label: `API key ${p.keyId}`, address };
}

export type AuditEvent = {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/** The insert for one audit entry, stamped by deps.clock: pass it to db.commit([...]) together with the change it records. */
export function auditEntry(deps: Pick<Deps, "db" | "clock">, actor: Actor, event: AuditEvent) {
  const now = deps.clock.now();
  return deps.db.insert(auditLog).values({
    id: newId(now),
    at: now,
    actorKind: actor.kind,
    actorId: actor.id,
    actorLabel: actor.label,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    address: actor.address ?? null,
  });
}

/** Newest first, in the order written (rowid: ids made in the same millisecond are not ordered); `before` (an entry id) pages back. */
export async function listAudit(deps: Pick<Deps, "db">, opts: { limit: number; before?: string }) {
  return deps.db
    .select()
    .from(auditLog)
    .where(opts.before ? sql`rowid < (select rowid from ${auditLog} where ${auditLog.id} = ${opts.before})` : undefined)
    .orderBy(desc(sql`rowid`))
    .limit(opts.limit);
}
