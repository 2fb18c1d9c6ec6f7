// One-click unsubscribe: the survey token identifies the customer; repeating it changes nothing.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers } from "../../db/schema";
import { AppError } from "../errors";
import { surveyAccess } from "./survey-access";

export async function unsubscribe(db: Db, token: string, now: number): Promise<{ locale: string }> {
  const access = await surveyAccess(db, token, now);
  // A closed survey's link still unsubscribes: people find old emails.
  if (access.state === "not_found") throw new AppError("not_found", 404, "This link is not valid");
  await db
    .update(customers)
    .set({ unsubscribedAt: now })
    .where(and(eq(customers.id, access.customer.id), isNull(customers.unsubscribedAt)));
  return { locale: access.invitation.locale };
}
