// A staff user's own dashboard settings: the language (null: follow the browser's).
import { eq } from "drizzle-orm";
import type { Deps } from "../deps";
import { users } from "../../db/schema";
import type { Locale } from "../domain/template-content";

export async function uiLocaleOf(deps: Pick<Deps, "db">, userId: string): Promise<Locale | null> {
  const [row] = await deps.db.select({ uiLocale: users.uiLocale }).from(users).where(eq(users.id, userId));
  return row?.uiLocale ?? null;
}

export async function setUiLocale(deps: Pick<Deps, "db">, { userId, locale }: { userId: string; locale: Locale | null }): Promise<Locale | null> {
  await deps.db.update(users).set({ uiLocale: locale }).where(eq(users.id, userId));
  return locale;
}
