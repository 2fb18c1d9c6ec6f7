// Reads survey templates with their content parsed (cached: hot paths must not re-parse JSON); seeds the default one.
import { eq } from "drizzle-orm";
import { newId } from "../ids";
import type { Db } from "../../db/client";
import { templates } from "../../db/schema";
import { defaultTemplate } from "../domain/default-template";
import { templateContentSchema, templateRulesSchema, type TemplateContent, type TemplateRules } from "../domain/template-content";

export type Template = { id: string; name: string; version: number; content: TemplateContent; rules: TemplateRules };

function toTemplate(row: typeof templates.$inferSelect): Template {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    content: templateContentSchema.parse(row.content),
    rules: templateRulesSchema.parse({
      delayHours: row.delayHours,
      throttleDays: row.throttleDays,
      closeAfterDays: row.closeAfterDays,
      reminderAfterDays: row.reminderAfterDays,
    }),
  };
}

/**
 * Parsed templates per database, dropped by every template write in this process.
 * (Several processes — Workers isolates — would each need to see a template change; issue 4 revisits this.)
 */
const cache = new WeakMap<Db, { byId: Map<string, Template>; active?: Template[] }>();
const cacheOf = (db: Db) => {
  let c = cache.get(db);
  if (!c) cache.set(db, (c = { byId: new Map() }));
  return c;
};

export function forgetTemplates(db: Db): void {
  cache.delete(db);
}

export async function activeTemplates(db: Db): Promise<Template[]> {
  const c = cacheOf(db);
  c.active ??= (await db.select().from(templates).where(eq(templates.status, "active")).orderBy(templates.createdAt)).map(toTemplate);
  return c.active;
}

export async function templateById(db: Db, id: string): Promise<Template | null> {
  const c = cacheOf(db);
  const hit = c.byId.get(id);
  if (hit) return hit;
  const [row] = await db.select().from(templates).where(eq(templates.id, id));
  if (!row) return null;
  const t = toTemplate(row);
  c.byId.set(id, t);
  return t;
}

/** Seeds "Post-purchase NPS & value" (en + vi) when no template exists yet. */
export async function ensureDefaultTemplate(db: Db, now: number): Promise<void> {
  const [any] = await db.select({ id: templates.id }).from(templates).limit(1);
  if (any) return;
  await db.insert(templates).values({
    id: newId(now),
    name: defaultTemplate.name,
    status: "active",
    version: 1,
    content: defaultTemplate.content,
    ...defaultTemplate.rules,
    createdAt: now,
  });
  forgetTemplates(db);
}
