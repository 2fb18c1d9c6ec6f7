// Resolves a survey token to its invitation, template and current answers; the token is the only credential.
import type { Deps } from "../deps";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers, invitations, purchaseItems, purchases, responses } from "../../db/schema";
import { sha256Hex } from "../domain/crypto";
import { looksLikeToken } from "../domain/tokens";
import { templateById, type Template } from "./templates";

export type SurveyAccess =
  | { state: "not_found" }
  | {
      state: "open" | "closed";
      invitation: typeof invitations.$inferSelect;
      customer: typeof customers.$inferSelect;
      channel: string | null;
      template: Template;
      response: typeof responses.$inferSelect | null;
      /** The purchase's first item's name (as in the email), for `{product}`; null when the purchase lists none. */
      productName: string | null;
    };

/** Built once per database: every answer runs this lookup, so skip rebuilding its SQL each time. */
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

function prepareLookup(db: Db) {
  return db
    .select({
      invitation: invitations,
      customer: customers,
      response: responses,
      channel: purchases.channel,
      productName: sql<string | null>`(select ${purchaseItems.name} from ${purchaseItems} where ${purchaseItems.purchaseId} = ${invitations.purchaseId} order by ${purchaseItems.position} limit 1)`,
    })
    .from(invitations)
    .innerJoin(customers, eq(customers.id, invitations.customerId))
    .innerJoin(purchases, eq(purchases.id, invitations.purchaseId))
    .leftJoin(responses, eq(responses.invitationId, invitations.id))
    .where(eq(invitations.tokenHash, sql.placeholder("tokenHash")))
    .prepare();
}

/** What an answer needs to know about its invitation: fixed once the invitation exists. */
export type InvitationFacts = {
  id: string;
  templateId: string;
  templateVersion: number;
  customerId: string;
  locale: string;
  closesAt: number;
  channel: string | null;
  /** The purchase's first categorised item's category: what the dashboard filters and rolls up by. */
  category: string | null;
};

/** Token hash → invitation facts. They never change, so caching them is safe; bounded, oldest dropped first. */
const factsCache = new WeakMap<Db, Map<string, InvitationFacts>>();
const FACTS_CACHE_SIZE = 50_000;
const factsLookups = new WeakMap<Db, ReturnType<typeof prepareFactsLookup>>();

function prepareFactsLookup(db: Db) {
  return db
    .select({
      id: invitations.id,
      templateId: invitations.templateId,
      templateVersion: invitations.templateVersion,
      customerId: invitations.customerId,
      locale: invitations.locale,
      closesAt: invitations.closesAt,
      channel: purchases.channel,
      category: sql<string | null>`(select ${purchaseItems.category} from ${purchaseItems} where ${purchaseItems.purchaseId} = ${invitations.purchaseId} and ${purchaseItems.category} is not null order by ${purchaseItems.position} limit 1)`,
    })
    .from(invitations)
    .innerJoin(purchases, eq(purchases.id, invitations.purchaseId))
    .where(eq(invitations.tokenHash, sql.placeholder("tokenHash")))
    .prepare();
}

/** The invitation a token opens, or null for an unknown or forged token. The hot path of every answer. */
export async function invitationForToken(db: Db, token: string): Promise<InvitationFacts | null> {
  if (!looksLikeToken(token)) return null;
  const tokenHash = sha256Hex(token);
  let cache = factsCache.get(db);
  if (!cache) factsCache.set(db, (cache = new Map()));
  const hit = cache.get(tokenHash);
  if (hit) return hit;
  let lookup = factsLookups.get(db);
  if (!lookup) factsLookups.set(db, (lookup = prepareFactsLookup(db)));
  const facts = await lookup.get({ tokenHash });
  if (!facts) return null;
  if (cache.size >= FACTS_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(tokenHash, facts);
  return facts;
}

/**
 * Forgets what this process cached about a customer's invitations: called by an erase, so their links answer 404. Another
 * process or isolate keeps its own cache; recordAnswer notices there when the invitation is gone (invitationStillExists).
 */
export function forgetCustomerInvitations(db: Db, customerId: string): void {
  const cache = factsCache.get(db);
  if (!cache) return;
  for (const [tokenHash, facts] of cache) if (facts.customerId === customerId) cache.delete(tokenHash);
}

/** After a failed write: was the invitation erased meanwhile? If so, its token is forgotten here too. */
export async function invitationStillExists(db: Db, token: string, invitationId: string): Promise<boolean> {
  const [row] = await db.select({ id: invitations.id }).from(invitations).where(eq(invitations.id, invitationId));
  if (!row) factsCache.get(db)?.delete(sha256Hex(token));
  return row !== undefined;
}

export async function surveyAccess(deps: Pick<Deps, "db" | "clock">, token: string): Promise<SurveyAccess> {
  const { db } = deps;
  const now = deps.clock.now();
  if (!looksLikeToken(token)) return { state: "not_found" };
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
  const row = await lookup.get({ tokenHash: sha256Hex(token) });
  if (!row) return { state: "not_found" };
  const template = await templateById(db, row.invitation.templateId, row.invitation.templateVersion);
  if (!template) return { state: "not_found" };
  const state = row.invitation.closesAt <= now ? "closed" : "open";
  return { state, ...row, template };
}
