// A staff user's own dashboard settings: the language (null: follow the browser's).
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import type { Locale } from "../domain/template-content";

export async function uiLocaleOf(db: Db, userId: string): Promise<Locale | null> {
  const [row] = await db.select({ uiLocale: users.uiLocale }).from(users).where(eq(users.id, userId));
  return row?.uiLocale ?? null;
}

export async function setUiLocale(db: Db, userId: string, locale: Locale | null): Promise<Locale | null> {
  await db.update(users).set({ uiLocale: locale }).where(eq(users.id, userId));
  return locale;
}
