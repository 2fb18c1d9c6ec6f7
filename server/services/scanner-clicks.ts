// Records link opens soon after delivery and honeypot hits, marks scanned invitations, and counts clicks set aside as automated.
// None of this is an answer: the invitation stays answerable by the real customer.
import type { Deps } from "../deps";
import { and, count, countDistinct, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invitations, linkClicks } from "../../db/schema";
import { BURST_SPAN_MS, inScannerWindow, isScannerBurst } from "../domain/scanner-detection";
import { newId } from "../ids";

export type ClickVerdict = "ignored" | "human" | "automated";

/** The honeypot link in the email was opened: only a program that follows every link gets there. */
export async function recordHoneypotHit(deps: Pick<Deps, "db" | "clock">, invitationId: string): Promise<void> {
  const { db } = deps;
  const now = deps.clock.now();
  await db.commit([
    db.insert(linkClicks).values({ id: newId(now), invitationId, score: null, automated: true, at: now }),
    db.update(invitations).set({ scannedAt: now }).where(and(eq(invitations.id, invitationId))),
  ]);
}

/**
 * A score link was opened (GET /s/{token}?score=N). Within the scanner window after sending, the click is kept; a burst of
 * different scores, or a click on an invitation already seen scanned, sets the burst's clicks aside as automated.
 */
export async function recordScoreClick(deps: Pick<Deps, "db" | "clock">, invitation: { id: string; sentAt: number | null; scannedAt: number | null }, score: number): Promise<ClickVerdict> {
  const { db } = deps;
  const now = deps.clock.now();
  if (!inScannerWindow(invitation.sentAt, now)) return "ignored";
  const alreadyScanned = invitation.scannedAt !== null;
  await db.commit([db.insert(linkClicks).values({ id: newId(now), invitationId: invitation.id, score, automated: alreadyScanned, at: now })]);
  if (alreadyScanned) return "automated";
  const recent = await db
    .select({ score: linkClicks.score, at: linkClicks.at })
    .from(linkClicks)
    .where(and(eq(linkClicks.invitationId, invitation.id), gte(linkClicks.at, now - BURST_SPAN_MS)));
  if (!isScannerBurst(recent, now)) return "human";
  await db.commit([
    db
      .update(linkClicks)
      .set({ automated: true })
      .where(and(eq(linkClicks.invitationId, invitation.id), gte(linkClicks.at, now - BURST_SPAN_MS))),
    db.update(invitations).set({ scannedAt: now }).where(eq(invitations.id, invitation.id)),
  ]);
  return "automated";
}

export type AutomatedClicks = { automatedClicks: number; scannedInvitations: number };

/** Clicks set aside as a mail scanner's, and the invitations they touched, optionally within [from, to). */
export async function automatedClickSummary(deps: Pick<Deps, "db">, range: { from?: number; to?: number } = {}): Promise<AutomatedClicks> {
  const { db } = deps;
  const where: SQL[] = [eq(linkClicks.automated, true)];
  if (range.from !== undefined) where.push(gte(linkClicks.at, range.from));
  if (range.to !== undefined) where.push(lt(linkClicks.at, range.to));
  const [row] = await db
    .select({ clicks: count(), invitations: countDistinct(linkClicks.invitationId) })
    .from(linkClicks)
    .where(and(...where));
  return { automatedClicks: row?.clicks ?? 0, scannedInvitations: row?.invitations ?? 0 };
}
