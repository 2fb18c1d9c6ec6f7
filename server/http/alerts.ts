// Alert rules (admins set them) and the alerts they raised.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { createAlertRule, deleteAlertRule, latestAlerts, listAlertRules, updateAlertRule } from "../services/alerts";
import { router } from "./app-env";
import { resolveFilter } from "./query-filter";
import { LOCALES, ROLES_WHO_MAY } from "../domain/vocabulary";
import { AlertRuleSchema, AlertSchema } from "./schemas/alerts";
import { FilterQuery, fromNotAfterTo, fromNotAfterToIssue } from "./schemas/filters";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";

const readAccess = requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE });
const adminAccess = requireAuth({ scopes: ["full"], roles: ROLES_WHO_MAY.administer });
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
const idParam = z.object({ id: z.string().min(1).max(64) });

const RuleFields = z.object({
  name: z.string().trim().min(1).max(100),
  maxScore: z.number().int().min(0).max(10).nullable().optional().openapi({ description: "Raise when the NPS answer is at most this (0–10)" }),
  keyword: z.string().trim().max(100).nullable().optional().openapi({ description: "Raise when the comment contains this word (case-insensitive)" }),
  recipients: z.array(z.email()).max(50).default([]).openapi({ description: "Leads to email" }),
  locale: z.enum(LOCALES).optional().openapi({ description: "Language of the alert emails (default en)" }),
  active: z.boolean().optional(),
});

const listRules = createRoute({
  method: "get",
  path: "/api/v1/alert-rules",
  summary: "Alert rules",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  responses: { 200: json("Rules", z.object({ rules: z.array(AlertRuleSchema) })), ...errorResponses(401, 403) },
});
const createRule = createRoute({
  method: "post",
  path: "/api/v1/alert-rules",
  summary: "Create an alert rule: score at most maxScore and/or comment containing keyword (both set: both must hold)",
  security: [{ bearer: [] }],
  middleware: [adminAccess] as const,
  request: { body: { content: { "application/json": { schema: RuleFields } } } },
  responses: { 201: json("The rule", AlertRuleSchema), ...errorResponses(400, 401, 403) },
});
const patchRule = createRoute({
  method: "patch",
  path: "/api/v1/alert-rules/{id}",
  summary: "Change an alert rule",
  security: [{ bearer: [] }],
  middleware: [adminAccess] as const,
  request: { params: idParam, body: { content: { "application/json": { schema: RuleFields.partial() } } } },
  responses: { 200: json("The rule", AlertRuleSchema), ...errorResponses(400, 401, 403, 404) },
});
const deleteRule = createRoute({
  method: "delete",
  path: "/api/v1/alert-rules/{id}",
  summary: "Delete an alert rule and its alerts",
  security: [{ bearer: [] }],
  middleware: [adminAccess] as const,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
});
const listAlerts = createRoute({
  method: "get",
  path: "/api/v1/alerts",
  summary: "Latest alerts, newest first; with the dashboard's filters, only those of the responses they select (dates: when answered)",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: { query: FilterQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(20) }).refine(fromNotAfterTo, fromNotAfterToIssue) },
  responses: { 200: json("Alerts", z.object({ alerts: z.array(AlertSchema) })), ...errorResponses(400, 401, 403) },
});

export function alertsRoutes(deps: Deps) {
  return router()
    .openapi(listRules, async (c) => c.json({ rules: await listAlertRules(deps) }, 200))
    .openapi(createRule, async (c) => c.json(await createAlertRule(deps, c.req.valid("json")), 201))
    .openapi(patchRule, async (c) => c.json(await updateAlertRule(deps, { ...c.req.valid("json"), id: c.req.valid("param").id }), 200))
    .openapi(deleteRule, async (c) => {
      await deleteAlertRule(deps, c.req.valid("param").id);
      return c.body(null, 204);
    })
    .openapi(listAlerts, async (c) => {
      const { limit, ...filter } = await resolveFilter(deps, c.req.valid("query"));
      return c.json({ alerts: await latestAlerts(deps, { limit, filter }) }, 200);
    });
}
