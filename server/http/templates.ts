// /api/v1/templates: survey templates — list, read, create, edit, publish, archive, duplicate, test-send, preview.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { renderInvitation } from "../../emails/invitation";
import type { Deps } from "../deps";
import { LOCALES, type Locale, type TemplateContent } from "../domain/template-content";
import { PRESETS } from "../domain/template-presets";
import { randomToken } from "../domain/crypto";
import { AppError, forbidden } from "../errors";
import type { Principal } from "../services/auth";
import {
  archiveTemplate,
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  getTemplate,
  getTemplateVersion,
  listTemplates,
  publishOverlaps,
  publishTemplate,
  updateTemplate,
} from "../services/template-editing";
import { previewSurveyUrl, sendTestEmail } from "../services/template-test-send";
import { router } from "./app-env";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY, TEMPLATE_STATUSES } from "../domain/vocabulary";
import { errorResponses } from "./openapi";
import { localeUrls, renderSurveyPage } from "./pages/survey-page";
import {
  PresetSchema,
  PreviewBodySchema,
  PreviewSchema,
  TemplateDetailSchema,
  TemplateInputSchema,
  TemplateSummarySchema,
  TemplateVersionSchema,
  TestSendBodySchema,
  OverlapsSchema,
} from "./template-schemas";
import { DAY_MS } from "../domain/time";

/** Support leads and viewers may look; admins and marketers edit. API keys: read scope reads, full scope does all. */
const canRead = requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE });
const canEdit = requireAuth({ scopes: ["full"], roles: ROLES_WHO_MAY.editTemplates });

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const idParam = z.object({ id: z.string().min(1).max(64) });
const tags = ["Templates"];
const security = [{ bearer: [] }];

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/templates",
  tags,
  security,
  summary: "List survey templates",
  middleware: [canRead] as const,
  request: { query: z.object({ status: z.enum(TEMPLATE_STATUSES).optional() }) },
  responses: { 200: { description: "Templates, newest first", ...json(z.object({ templates: z.array(TemplateSummarySchema) })) }, ...errorResponses(400, 401, 403) },
});

const presetsRoute = createRoute({
  method: "get",
  path: "/api/v1/templates/presets",
  tags,
  security,
  summary: "Starting points for a new template",
  description: "Post-purchase NPS, CSAT only, and the full customer-value survey (PERVAL-style wording), in English and Vietnamese. Create a template from one by posting its `content` and `rules`.",
  middleware: [canRead] as const,
  responses: { 200: { description: "Presets", ...json(z.object({ presets: z.array(PresetSchema) })) }, ...errorResponses(401, 403) },
});

const previewRoute = createRoute({
  method: "post",
  path: "/api/v1/templates/preview",
  tags,
  security,
  summary: "Render the email and the survey page for template content, as customers will see them",
  description: "Uses the same rendering code as sending and the survey page. Changes nothing.",
  middleware: [canRead] as const,
  request: { body: { required: true, ...json(PreviewBodySchema) } },
  responses: { 200: { description: "Rendered email and page per locale", ...json(PreviewSchema) }, ...errorResponses(400, 401, 403) },
});

const createTemplateRoute = createRoute({
  method: "post",
  path: "/api/v1/templates",
  tags,
  security,
  summary: "Create a draft template",
  middleware: [canEdit] as const,
  request: { body: { required: true, ...json(TemplateInputSchema) } },
  responses: { 201: { description: "Created (draft)", ...json(TemplateDetailSchema) }, ...errorResponses(400, 401, 403) },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/templates/{id}",
  tags,
  security,
  summary: "A template: its working copy and its published versions",
  middleware: [canRead] as const,
  request: { params: idParam },
  responses: { 200: { description: "Template", ...json(TemplateDetailSchema) }, ...errorResponses(401, 403, 404) },
});

const versionRoute = createRoute({
  method: "get",
  path: "/api/v1/templates/{id}/versions/{version}",
  tags,
  security,
  summary: "One published version, exactly as invitations and responses of that version used it",
  middleware: [canRead] as const,
  request: { params: idParam.extend({ version: z.coerce.number().int().min(1) }) },
  responses: { 200: { description: "Version", ...json(TemplateVersionSchema) }, ...errorResponses(400, 401, 403, 404) },
});

const updateRoute = createRoute({
  method: "put",
  path: "/api/v1/templates/{id}",
  tags,
  security,
  summary: "Replace the working copy",
  description: "Published versions never change: the edit becomes a draft until published as the next version.",
  middleware: [canEdit] as const,
  request: { params: idParam, body: { required: true, ...json(TemplateInputSchema) } },
  responses: { 200: { description: "Updated", ...json(TemplateDetailSchema) }, ...errorResponses(400, 401, 403, 404, 409) },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/api/v1/templates/{id}",
  tags,
  security,
  summary: "Delete a draft that was never published",
  description: "A template that was published has invitations pointing at its versions: 409, archive it instead.",
  middleware: [canEdit] as const,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404, 409) },
});

const action = <N extends string>(name: N, summary: string, description: string) =>
  createRoute({
    method: "post",
    path: `/api/v1/templates/{id}/${name}` as const,
    tags,
    security,
    summary,
    description,
    middleware: [canEdit] as const,
    request: { params: idParam },
    responses: { 200: { description: summary, ...json(TemplateDetailSchema) }, ...errorResponses(401, 403, 404, 409) },
  });

const publishRoute = action("publish", "Publish the working copy as the next version", "New purchases are invited with the new version; earlier invitations and their responses keep theirs. 409 when archived or nothing changed.");
const overlapsRoute = createRoute({
  method: "get",
  path: "/api/v1/templates/{id}/overlaps",
  tags,
  security,
  summary: "Which published templates publishing this one would take purchases from",
  description:
    "Published templates whose filters overlap this template's and whose priority is not higher: after publishing, purchases they matched go to this one (a tie goes to the most recently published). Ones this template's current version already wins against are left out. Changes nothing; the editor shows them before it publishes.",
  middleware: [canRead] as const,
  request: { params: idParam },
  responses: { 200: { description: "Overlapping published templates", ...json(OverlapsSchema) }, ...errorResponses(401, 403, 404) },
});
const archiveRoute = action("archive", "Archive: invite no one with this template", "Invitations already scheduled or sent keep working.");
const duplicateRoute = createRoute({
  method: "post",
  path: "/api/v1/templates/{id}/duplicate",
  tags,
  security,
  summary: "Copy a template's working copy into a new draft",
  middleware: [canEdit] as const,
  request: { params: idParam, body: { required: false, ...json(z.object({ name: z.string().trim().min(1).max(120).optional() })) } },
  responses: { 201: { description: "The new draft", ...json(TemplateDetailSchema) }, ...errorResponses(400, 401, 403, 404) },
});

const testSendRoute = createRoute({
  method: "post",
  path: "/api/v1/templates/{id}/test-send",
  tags,
  security,
  summary: "Email the working copy to yourself, once per locale",
  description: "Subjects start with [TEST …]; score links open a signed-in preview of the survey page; nothing is recorded.",
  middleware: [canEdit] as const,
  request: { params: idParam, body: { required: false, ...json(TestSendBodySchema) } },
  responses: {
    202: { description: "Handed to the email provider", ...json(z.object({ to: z.string(), locales: z.array(z.enum(LOCALES)) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const previewSurveyRoute = createRoute({
  method: "get",
  path: "/api/v1/templates/{id}/preview/{locale}",
  tags,
  security,
  summary: "The survey page of a template's working copy (where test emails link)",
  middleware: [canRead] as const,
  request: { params: idParam.extend({ locale: z.enum(LOCALES) }), query: z.object({ score: z.coerce.number().int().min(0).max(10).optional(), csat: z.coerce.number().int().min(1).max(5).optional() }) },
  responses: { 200: { description: "HTML page", content: { "text/html": { schema: z.string() } } }, ...errorResponses(400, 401, 403, 404) },
});

/** The sample customer a preview greets, by locale (dictionary content). */
const PREVIEW_CUSTOMER_NAMES: Record<Locale, string> = { en: "Alex", vi: "Lan" };

/** What the editor shows: both renderers, fed a sample customer and product, never a real token. */
function renderPreview(content: TemplateContent, locales: readonly Locale[], closesAt: number, publicUrl: string) {
  const email: Partial<Record<Locale, ReturnType<typeof renderInvitation>>> = {};
  const page: Partial<Record<Locale, string>> = {};
  for (const locale of locales) {
    const surveyUrl = `${publicUrl}/s/preview`;
    email[locale] = renderInvitation({ locale, content, customerName: PREVIEW_CUSTOMER_NAMES[locale], productName: null, surveyUrl, unsubscribeUrl: `${publicUrl}/u/preview` });
    page[locale] = surveyPreview(content, locale, closesAt, "#", {});
  }
  return { email, page };
}

function surveyPreview(content: TemplateContent, locale: Locale, closesAt: number, postUrl: string, answers: Record<string, number>, nonce?: string) {
  // interactive: false — a preview never saves answers.
  return renderSurveyPage({ locale, content, postUrl, answers, saved: false, closesAt, errors: {}, switchLocaleUrls: localeUrls((l) => l), nonce, interactive: false });
}

/**
 * The preview page is served from the dashboard's origin with a marketer's content: only its own
 * nonce'd style and script run, and it can neither post nor fetch (a preview records nothing).
 */
function previewHeaders(c: Context, nonce: string) {
  c.header("Content-Security-Policy", `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src http: https:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'`);
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
}

function actorOf(p: Principal | null): string {
  if (!p) return "unknown";
  return p.kind === "user" ? `user:${p.user.id}` : `apiKey:${p.keyId}`;
}

/** A signed-in user's test goes to their own address only, so the action cannot mail strangers. */
function testRecipient(p: Principal | null, to: string | undefined): string {
  if (p?.kind === "user") {
    if (to && to.toLowerCase() !== p.user.email.toLowerCase()) throw forbidden("Test emails go to your own address");
    return p.user.email;
  }
  if (!to) throw new AppError("invalid_input", "Invalid to", [{ field: "to", message: "an API key must name the address to send the test to" }]);
  return to;
}

export function templatesRoutes(deps: Deps) {
  const now = () => deps.clock.now();
  return (
    router()
      .openapi(listRoute, async (c) => c.json({ templates: await listTemplates(deps, c.req.valid("query")) }, 200))
      // Fixed paths before /{id}, so "presets" and "preview" are never taken for ids.
      .openapi(presetsRoute, (c) => c.json({ presets: PRESETS.map((p) => ({ ...p })) }, 200))
      .openapi(previewRoute, (c) => {
        const { content, rules, locales } = c.req.valid("json");
        return c.json(renderPreview(content, locales, now() + (rules?.closeAfterDays ?? 30) * DAY_MS, deps.config.publicUrl), 200);
      })
      .openapi(createTemplateRoute, async (c) => c.json(await createTemplate(deps, c.req.valid("json")), 201))
      .openapi(getRoute, async (c) => c.json(await getTemplate(deps, c.req.valid("param").id), 200))
      .openapi(versionRoute, async (c) => {
        const { id, version } = c.req.valid("param");
        return c.json(await getTemplateVersion(deps, id, version), 200);
      })
      .openapi(updateRoute, async (c) => c.json(await updateTemplate(deps, c.req.valid("param").id, c.req.valid("json")), 200))
      .openapi(deleteRoute, async (c) => {
        await deleteTemplate(deps, c.req.valid("param").id);
        return c.body(null, 204);
      })
      .openapi(overlapsRoute, async (c) => c.json({ overlaps: await publishOverlaps(deps, c.req.valid("param").id) }, 200))
      .openapi(publishRoute, async (c) => c.json(await publishTemplate(deps, c.req.valid("param").id, actorOf(c.get("principal"))), 200))
      .openapi(archiveRoute, async (c) => c.json(await archiveTemplate(deps, c.req.valid("param").id), 200))
      .openapi(duplicateRoute, async (c) => {
        const body = c.req.header("content-type")?.includes("json") ? c.req.valid("json") : {};
        return c.json(await duplicateTemplate(deps, c.req.valid("param").id, body?.name), 201);
      })
      .openapi(testSendRoute, async (c) => {
        const body = c.req.header("content-type")?.includes("json") ? c.req.valid("json") : { to: undefined, locales: [...LOCALES] };
        const to = testRecipient(c.get("principal"), body.to);
        return c.json(await sendTestEmail(deps, c.req.valid("param").id, to, body.locales), 202);
      })
      .openapi(previewSurveyRoute, async (c) => {
        const { id, locale } = c.req.valid("param");
        const { score, csat } = c.req.valid("query");
        const t = await getTemplate(deps, id);
        const url = previewSurveyUrl(deps.config.publicUrl, id, locale);
        const nonce = randomToken(16);
        previewHeaders(c, nonce);
        return c.html(surveyPreview(t.content, locale, now() + t.rules.closeAfterDays * DAY_MS, url, { ...(score === undefined ? {} : { score }), ...(csat === undefined ? {} : { csat }) }, nonce), 200);
      })
  );
}
