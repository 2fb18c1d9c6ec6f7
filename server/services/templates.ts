// Reads survey templates with their content parsed; seeds the default template on first start.
import { eq } from "drizzle-orm";
import { ulid } from "ulidx";
import type { Db } from "../../db/client";
import { templates } from "../../db/schema";
import { defaultTemplate } from "../domain/default-template";
import { templateContentSchema, type TemplateContent, type TemplateRules } from "../domain/template-content";

export type Template = { id: string; name: string; version: number; content: TemplateContent; rules: TemplateRules };

function toTemplate(row: typeof templates.$inferSelect): Template {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    content: templateContentSchema.parse(row.content),
    rules: { delayHours: row.delayHours, throttleDays: row.throttleDays, closeAfterDays: row.closeAfterDays },
  };
}

export async function activeTemplates(db: Db): Promise<Template[]> {
  const rows = await db.select().from(templates).where(eq(templates.status, "active")).orderBy(templates.createdAt);
  return rows.map(toTemplate);
}

export async function templateById(db: Db, id: string): Promise<Template | null> {
  const [row] = await db.select().from(templates).where(eq(templates.id, id));
  return row ? toTemplate(row) : null;
}

/** Seeds "Post-purchase NPS & value" (en + vi) when no template exists yet. */
export async function ensureDefaultTemplate(db: Db, now: number): Promise<void> {
  const [any] = await db.select({ id: templates.id }).from(templates).limit(1);
  if (any) return;
  await db.insert(templates).values({
    id: ulid(now),
    name: defaultTemplate.name,
    status: "active",
    version: 1,
    content: defaultTemplate.content,
    ...defaultTemplate.rules,
    createdAt: now,
  });
}
