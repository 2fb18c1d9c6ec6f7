// Request and response schemas of /api/v1/templates: the editor and the API validate with the same template content schema.
import { z } from "@hono/zod-openapi";
import { LOCALES, templateContentSchema, templateInputSchema, templateRulesSchema } from "../domain/template-content";
import { TEMPLATE_STATUSES } from "../domain/vocabulary";

export const TemplateContentSchema = templateContentSchema.meta({ id: "TemplateContent" });
export const TemplateRulesSchema = templateRulesSchema.meta({ id: "TemplateRules" });

export const TemplateInputSchema = templateInputSchema.extend({ content: TemplateContentSchema, rules: TemplateRulesSchema }).meta({ id: "TemplateInput" });

const status = z.enum(TEMPLATE_STATUSES).openapi({ description: "draft: never published; published: its latest version invites customers; archived: invites no one" });

export const TemplateSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status,
    version: z.number().int().openapi({ description: "Latest published version; 0 when never published" }),
    hasDraft: z.boolean().openapi({ description: "The working copy has changes not yet published" }),
    priority: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    publishedAt: z.number().int().nullable(),
  })
  .openapi("TemplateSummary");
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;

export const TemplateDetailSchema = TemplateSummarySchema.extend({
  content: TemplateContentSchema,
  rules: TemplateRulesSchema,
  versions: z.array(z.object({ version: z.number().int(), publishedAt: z.number().int(), publishedBy: z.string() })),
}).openapi("Template");
export type TemplateDetail = z.infer<typeof TemplateDetailSchema>;

export const TemplateVersionSchema = z
  .object({
    templateId: z.string(),
    version: z.number().int(),
    name: z.string(),
    content: TemplateContentSchema,
    rules: TemplateRulesSchema,
    publishedAt: z.number().int(),
    publishedBy: z.string(),
  })
  .openapi("TemplateVersion");

export const PresetSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), content: TemplateContentSchema, rules: TemplateRulesSchema })
  .openapi("TemplatePreset");
export type Preset = z.infer<typeof PresetSchema>;

const locales = z.array(z.enum(LOCALES)).min(1).max(LOCALES.length).default([...LOCALES]);

export const PreviewBodySchema = z
  .object({ content: TemplateContentSchema, rules: TemplateRulesSchema.optional(), locales })
  .openapi("TemplatePreviewInput");

const renderedEmail = z.object({ subject: z.string(), html: z.string(), text: z.string() });
export const PreviewSchema = z
  .object({
    email: z.partialRecord(z.enum(LOCALES), renderedEmail).openapi({ description: "The invitation email per locale, rendered by the sending code" }),
    page: z.partialRecord(z.enum(LOCALES), z.string()).openapi({ description: "The survey page's HTML per locale, rendered by the page code" }),
  })
  .openapi("TemplatePreview");
export type Preview = z.infer<typeof PreviewSchema>;

export const TestSendBodySchema = z
  .object({
    to: z.email().max(320).optional().openapi({ description: "API keys only (required); a signed-in user's test goes to their own address" }),
    locales,
  })
  .openapi("TemplateTestSendInput");

export const OverlapsSchema = z
  .object({
    overlaps: z
      .array(z.object({ id: z.string(), name: z.string(), version: z.number().int(), priority: z.number().int() }))
      .openapi({ description: "Published templates that would lose matching purchases to this one if it were published now" }),
  })
  .openapi("TemplatePublishOverlaps");
export type Overlaps = z.infer<typeof OverlapsSchema>;
