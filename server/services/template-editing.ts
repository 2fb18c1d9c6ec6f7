// The template life cycle: create (blank or from a preset), edit the working copy, publish an immutable version, archive, duplicate.
import type { Deps } from "../deps";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { templates, templateVersions } from "../../db/schema";
import { templateRulesSchema, type TemplateContent, type TemplateRules } from "../domain/template-content";
import { takenOverBy } from "../domain/template-matching";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { forgetTemplates, publishedTemplates } from "./templates";

export type TemplateStatus = (typeof templates.$inferSelect)["status"];

export type TemplateSummary = {
  id: string;
  name: string;
  status: TemplateStatus;
  /** Latest published version; 0 when never published. */
  version: number;
  /** The working copy has changes not yet published. */
  hasDraft: boolean;
  priority: number;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
};
export type TemplateDetail = TemplateSummary & {
  /** The working copy: what the editor edits and the next publish freezes. */
  content: TemplateContent;
  rules: TemplateRules;
  versions: { version: number; publishedAt: number; publishedBy: string }[];
};
export type TemplateVersionDetail = { templateId: string; version: number; name: string; content: TemplateContent; rules: TemplateRules; publishedAt: number; publishedBy: string };

/** Who made a change, as recorded on a published version. */
export type Actor = string;

type Row = typeof templates.$inferSelect;

function summary(row: Row): TemplateSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    version: row.version,
    hasDraft: row.hasDraft,
    priority: (row.rules as TemplateRules | null)?.priority ?? 100,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt ?? row.createdAt,
    publishedAt: row.publishedAt,
  };
}

async function rowOf(db: Db, id: string): Promise<Row> {
  const [row] = await db.select().from(templates).where(eq(templates.id, id));
  if (!row) throw notFound("Template");
  return row;
}

export async function listTemplates(deps: Pick<Deps, "db">, filter: { status?: TemplateStatus } = {}): Promise<TemplateSummary[]> {
  const { db } = deps;
  const rows = await db
    .select()
    .from(templates)
    .where(filter.status ? eq(templates.status, filter.status) : undefined)
    .orderBy(desc(templates.createdAt));
  return rows.map(summary);
}

export async function getTemplate(deps: Pick<Deps, "db">, id: string): Promise<TemplateDetail> {
  const { db } = deps;
  const row = await rowOf(db, id);
  const versions = await db
    .select({ version: templateVersions.version, publishedAt: templateVersions.publishedAt, publishedBy: templateVersions.publishedBy })
    .from(templateVersions)
    .where(eq(templateVersions.templateId, id))
    .orderBy(desc(templateVersions.version));
  return { ...summary(row), content: row.content as TemplateContent, rules: row.rules as TemplateRules, versions };
}

export async function getTemplateVersion(deps: Pick<Deps, "db">, id: string, version: number): Promise<TemplateVersionDetail> {
  const { db } = deps;
  const [row] = await db
    .select()
    .from(templateVersions)
    .where(and(eq(templateVersions.templateId, id), eq(templateVersions.version, version)));
  if (!row) throw notFound(`Version ${version} of this template`);
  return { ...row, content: row.content as TemplateContent, rules: row.rules as TemplateRules };
}

export type TemplateInput = { name: string; content: TemplateContent; rules: TemplateRules };

/** A new draft (the editor starts one from a preset's content and rules). */
export async function createTemplate(deps: Pick<Deps, "db" | "clock">, input: TemplateInput): Promise<TemplateDetail> {
  const { db } = deps;
  const now = deps.clock.now();
  const id = newId(now);
  await db.insert(templates).values({ id, ...input, status: "draft", version: 0, hasDraft: true, createdAt: now, updatedAt: now });
  return getTemplate(deps, id);
}

/** Edits the working copy. Published versions never change: editing a published template makes a new draft. */
export async function updateTemplate(deps: Pick<Deps, "db" | "clock">, id: string, input: TemplateInput): Promise<TemplateDetail> {
  const { db } = deps;
  const now = deps.clock.now();
  const row = await rowOf(db, id);
  if (row.status === "archived") throw new AppError("archived", "This template is archived; duplicate it to make changes");
  await db
    .update(templates)
    .set({ name: input.name, content: input.content, rules: input.rules, hasDraft: true, updatedAt: now })
    .where(eq(templates.id, id));
  return getTemplate(deps, id);
}

/** Freezes the working copy as the next version; new purchases use it, earlier invitations keep theirs. */
export async function publishTemplate(deps: Pick<Deps, "db" | "clock">, id: string, actor: Actor): Promise<TemplateDetail> {
  const { db } = deps;
  const now = deps.clock.now();
  const row = await rowOf(db, id);
  if (row.status === "archived") throw new AppError("archived", "This template is archived; duplicate it to publish again");
  if (!row.hasDraft && row.version > 0) throw new AppError("nothing_to_publish", `Version ${row.version} is already the latest; edit the template first`);
  const version = row.version + 1;
  try {
    // The version row's primary key (template, version) refuses a concurrent publish of the same number.
    await db.batch([
      db.insert(templateVersions).values({ templateId: id, version, name: row.name, content: row.content, rules: row.rules ?? {}, publishedAt: now, publishedBy: actor }),
      db.update(templates).set({ status: "published", version, hasDraft: false, publishedAt: now, updatedAt: now }).where(eq(templates.id, id)),
    ]);
  } catch (err) {
    if ((await rowOf(db, id)).version >= version) throw new AppError("conflict", `Version ${version} was just published by someone else`);
    throw err;
  }
  forgetTemplates(db);
  return getTemplate(deps, id);
}

/** No new invitations from this template; invitations already scheduled or sent keep their version and stay answerable. */
export async function archiveTemplate(deps: Pick<Deps, "db" | "clock">, id: string): Promise<TemplateDetail> {
  const { db } = deps;
  const now = deps.clock.now();
  const row = await rowOf(db, id);
  if (row.status !== "archived") await db.update(templates).set({ status: "archived", updatedAt: now }).where(eq(templates.id, id));
  forgetTemplates(db);
  return getTemplate(deps, id);
}

/** A new draft with the working copy of another template (any status). */
export async function duplicateTemplate(deps: Pick<Deps, "db" | "clock">, id: string, name: string | undefined): Promise<TemplateDetail> {
  const { db } = deps;
  const row = await rowOf(db, id);
  return createTemplate(deps, { name: name ?? `Copy of ${row.name}`.slice(0, 120), content: row.content as TemplateContent, rules: row.rules as TemplateRules });
}

/** Only a never-published draft can be deleted: a published template has invitations pointing at its versions (archive it instead). */
export async function deleteTemplate(deps: Pick<Deps, "db">, id: string): Promise<void> {
  const { db } = deps;
  const row = await rowOf(db, id);
  if (row.version > 0) throw new AppError("published", "A template that was published cannot be deleted; archive it instead");
  await db.delete(templates).where(and(eq(templates.id, id), eq(templates.version, 0)));
}

/** A published template whose purchases (some or all) another one would take over. */
export type Overlap = { id: string; name: string; version: number; priority: number };

/**
 * What publishing this template's working copy now would take from the other published templates: those whose filters
 * overlap and whose priority is not higher (see takenOverBy). The editor asks for confirmation when this is not empty.
 */
export async function publishOverlaps(deps: Pick<Deps, "db">, id: string): Promise<Overlap[]> {
  const { db } = deps;
  const row = await rowOf(db, id);
  const rules = templateRulesSchema.parse(row.rules ?? {});
  const published = await publishedTemplates(db);
  const current = row.status === "published" ? (published.find((p) => p.id === id) ?? null) : null;
  return takenOverBy(rules, published.filter((p) => p.id !== id), current).map((t) => ({ id: t.id, name: t.name, version: t.version, priority: t.rules.priority }));
}
