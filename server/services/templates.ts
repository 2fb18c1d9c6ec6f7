// Reads survey templates and their immutable published versions, parsed and cached (hot paths must not re-parse JSON); seeds the default one.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { templates, templateVersions } from "../../db/schema";
import { defaultTemplate } from "../domain/default-template";
import { templateContentSchema, templateRulesSchema, type TemplateContent, type TemplateRules } from "../domain/template-content";
import { newId } from "../ids";

/** One published version of a template: what an invitation is sent with and a response answers. */
export type Template = { id: string; name: string; version: number; publishedAt: number; content: TemplateContent; rules: TemplateRules };

function toTemplate(row: typeof templateVersions.$inferSelect): Template {
  return {
    id: row.templateId,
    name: row.name,
    version: row.version,
    publishedAt: row.publishedAt,
    content: templateContentSchema.parse(row.content),
    rules: templateRulesSchema.parse(row.rules),
  };
}

/**
 * Per database: versions are immutable, so a cached version is never stale, in any process.
 * The list of published templates is dropped by every template write in this process, and
 * re-read after PUBLISHED_TTL_MS so other processes (Workers isolates) see a publish soon.
 */
const PUBLISHED_TTL_MS = 10_000;
type Cache = { versions: Map<string, Template>; published?: { list: Template[]; readAt: number } };
const cache = new WeakMap<Db, Cache>();
const cacheOf = (db: Db) => {
  let c = cache.get(db);
  if (!c) cache.set(db, (c = { versions: new Map() }));
  return c;
};

/** Called after any template write: the published list must be read again. */
export function forgetTemplates(db: Db): void {
  const c = cache.get(db);
  if (c) c.published = undefined;
}

/** The latest version of every published (not archived, not draft-only) template. */
export async function publishedTemplates(db: Db, now?: number): Promise<Template[]> {
  const c = cacheOf(db);
  if (c.published && (now === undefined || now - c.published.readAt < PUBLISHED_TTL_MS)) return c.published.list;
  const rows = await db
    .select({ v: templateVersions })
    .from(templates)
    .innerJoin(templateVersions, and(eq(templateVersions.templateId, templates.id), eq(templateVersions.version, templates.version)))
    .where(eq(templates.status, "published"))
    .orderBy(templates.createdAt);
  const list = rows.map((r) => remember(c, toTemplate(r.v)));
  c.published = { list, readAt: now ?? 0 };
  return list;
}

function remember(c: Cache, t: Template): Template {
  const key = `${t.id}@${t.version}`;
  const hit = c.versions.get(key);
  if (hit) return hit;
  c.versions.set(key, t);
  return t;
}

/**
 * A template as published: the given version (what an invitation used — pass `invitation.templateVersion`),
 * or else its latest published version. Null when there is no such version.
 */
export async function templateById(db: Db, id: string, version?: number): Promise<Template | null> {
  const c = cacheOf(db);
  if (version !== undefined) {
    const hit = c.versions.get(`${id}@${version}`);
    if (hit) return hit;
    const [row] = await db
      .select()
      .from(templateVersions)
      .where(and(eq(templateVersions.templateId, id), eq(templateVersions.version, version)));
    return row ? remember(c, toTemplate(row)) : null;
  }
  const [row] = await db.select({ version: templates.version }).from(templates).where(eq(templates.id, id));
  return row && row.version > 0 ? templateById(db, id, row.version) : null;
}

/** Seeds "Post-purchase NPS & value" (en + vi), published as version 1, when no template exists yet. */
export async function ensureDefaultTemplate(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const { db } = deps;
  const now = deps.clock.now();
  await upgradeLegacyTemplates(db, now);
  const [any] = await db.select({ id: templates.id }).from(templates).limit(1);
  if (any) return;
  const id = newId(now);
  await db.batch([
    db.insert(templates).values({
      id,
      name: defaultTemplate.name,
      status: "published",
      version: 1,
      content: defaultTemplate.content,
      rules: defaultTemplate.rules,
      hasDraft: false,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    }),
    db.insert(templateVersions).values({
      templateId: id,
      version: 1,
      name: defaultTemplate.name,
      content: defaultTemplate.content,
      rules: defaultTemplate.rules,
      publishedAt: now,
      publishedBy: "system",
    }),
  ]);
  forgetTemplates(db);
}

/**
 * Databases from before versioned templates had one "active" template with no rules column and no
 * version row: make it "published" and freeze its content as the version its invitations recorded.
 * Only the default template existed then, so its rules are the default rules.
 */
async function upgradeLegacyTemplates(db: Db, now: number): Promise<void> {
  const legacy = await db
    .select()
    .from(templates)
    .where(sql`${templates.status} = 'active' OR ${templates.rules} IS NULL`);
  if (legacy.length === 0) return;
  for (const row of legacy) {
    const rules = row.rules ?? defaultTemplate.rules;
    const status = row.status === ("active" as string) ? "published" : row.status;
    const [frozen] = await db
      .select({ version: templateVersions.version })
      .from(templateVersions)
      .where(and(eq(templateVersions.templateId, row.id), eq(templateVersions.version, row.version)));
    await db.batch([
      db
        .update(templates)
        .set({ status, rules, hasDraft: false, updatedAt: row.updatedAt ?? row.createdAt, publishedAt: row.publishedAt ?? row.createdAt })
        .where(eq(templates.id, row.id)),
      ...(frozen || status === "draft"
        ? []
        : [
            db.insert(templateVersions).values({
              templateId: row.id,
              version: row.version,
              name: row.name,
              content: row.content,
              rules,
              publishedAt: row.publishedAt ?? row.createdAt ?? now,
              publishedBy: "system",
            }),
          ]),
    ]);
  }
  forgetTemplates(db);
}
