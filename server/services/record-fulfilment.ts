// A purchase recorded before it shipped learns its fulfilment time: invitations not yet sent move to the new due time.
import { and, eq, isNull } from "drizzle-orm";
import type { Deps } from "../deps";
import { invitations, purchases } from "../../db/schema";
import { invitationClosesAt, invitationDueAt } from "../domain/schedule-rules";
import { templateById } from "./templates";

/** Returns false when no purchase has this order id. A second fulfilment (partial shipments) changes nothing. */
export async function recordFulfilment(deps: Pick<Deps, "db" | "clock">, { orderId, fulfilledAt }: { orderId: string; fulfilledAt: number }): Promise<boolean> {
  const { db } = deps;
  const now = deps.clock.now();
  const [p] = await db.select({ id: purchases.id, purchasedAt: purchases.purchasedAt, fulfilledAt: purchases.fulfilledAt }).from(purchases).where(eq(purchases.orderId, orderId));
  if (!p) return false;
  if (p.fulfilledAt !== null) return true;
  const waiting = await db
    .select({ id: invitations.id, templateId: invitations.templateId })
    .from(invitations)
    .where(and(eq(invitations.purchaseId, p.id), eq(invitations.status, "scheduled")));
  const moves = [];
  for (const inv of waiting) {
    const template = await templateById(db, inv.templateId);
    if (!template) continue;
    const dueAt = invitationDueAt({ purchasedAt: p.purchasedAt, fulfilledAt }, template.rules, now);
    // Only while still scheduled: a sender that already claimed it wins.
    moves.push(
      db
        .update(invitations)
        .set({ dueAt, closesAt: invitationClosesAt(dueAt, template.rules) })
        .where(and(eq(invitations.id, inv.id), eq(invitations.status, "scheduled"))),
    );
  }
  await db.commit([db.update(purchases).set({ fulfilledAt }).where(and(eq(purchases.id, p.id), isNull(purchases.fulfilledAt))), ...moves]);
  return true;
}
