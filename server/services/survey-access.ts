// Resolves a survey token to its invitation, template and current answers; the token is the only credential.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers, invitations, responses } from "../../db/schema";
import { looksLikeToken, sha256Hex } from "../domain/tokens";
import { templateById, type Template } from "./templates";

export type SurveyAccess =
  | { state: "not_found" }
  | {
      state: "open" | "closed";
      invitation: typeof invitations.$inferSelect;
      customer: typeof customers.$inferSelect;
      template: Template;
      response: typeof responses.$inferSelect | null;
    };

export async function surveyAccess(db: Db, token: string, now: number): Promise<SurveyAccess> {
  if (!looksLikeToken(token)) return { state: "not_found" };
  const [row] = await db
    .select({ invitation: invitations, customer: customers, response: responses })
    .from(invitations)
    .innerJoin(customers, eq(customers.id, invitations.customerId))
    .leftJoin(responses, eq(responses.invitationId, invitations.id))
    .where(eq(invitations.tokenHash, await sha256Hex(token)));
  if (!row) return { state: "not_found" };
  const template = await templateById(db, row.invitation.templateId);
  if (!template) return { state: "not_found" };
  const state = row.invitation.closesAt <= now ? "closed" : "open";
  return { state, invitation: row.invitation, customer: row.customer, template, response: row.response };
}
