// One-click unsubscribe and re-subscribe: the survey token identifies the customer; repeating either changes nothing.
import type { Deps } from "../deps";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers } from "../../db/schema";
import type { TemplateContent } from "../domain/template-content";
import { AppError } from "../errors";
import { surveyAccess } from "./survey-access";

export type SubscriptionChange = { locale: string; content: TemplateContent };

async function accessOrThrow(deps: Pick<Deps, "db" | "clock">, token: string) {
  const access = await surveyAccess(deps, token);
  // A closed survey's link still works: people find old emails.
  if (access.state === "not_found") throw new AppError("not_found", "This link is not valid");
  return access;
}

export async function unsubscribe(deps: Pick<Deps, "db" | "clock">, token: string): Promise<SubscriptionChange> {
  const { db } = deps;
  const now = deps.clock.now();
  const access = await accessOrThrow(deps, token);
  await db.commit([
    db
      .update(customers)
      .set({ unsubscribedAt: now })
      .where(and(eq(customers.id, access.customer.id), isNull(customers.unsubscribedAt))),
  ]);
  return { locale: access.invitation.locale, content: access.template.content };
}

/** Undo an unsubscribe from the confirmation page: future purchases may be surveyed again. */
export async function resubscribe(deps: Pick<Deps, "db" | "clock">, token: string): Promise<SubscriptionChange> {
  const { db } = deps;
  const access = await accessOrThrow(deps, token);
  await db.commit([
    db
      .update(customers)
      .set({ unsubscribedAt: null })
      .where(and(eq(customers.id, access.customer.id), isNotNull(customers.unsubscribedAt))),
  ]);
  return { locale: access.invitation.locale, content: access.template.content };
}
