// The response feed and the closed loop: list, export CSV, read one, assign / change status, notes, reply by email.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { CASE_STATUSES, SETTABLE_CASE_STATUSES } from "../domain/cases";
import { forbidden } from "../errors";
import { responseFeed } from "../services/response-feed";
import { responsesCsv } from "../services/responses-csv";
import { addNote, listAssignees, replyToResponse, responseDetail, updateResponseWorkflow } from "../services/response-workflow";
import { router } from "./app-env";
import { resolveFilter } from "./query-filter";
import { FilterQuery, fromNotAfterTo, fromNotAfterToIssue } from "./schemas/filters";
import { AssigneeSchema, FeedSchema, NoteSchema, ResponseDetailSchema, ResponseItemSchema } from "./schemas/responses";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { ROLES_WHO_MAY } from "../domain/vocabulary";
import { errorResponses } from "./openapi";

const readAccess = requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE });
/** Handling responses is support work: admins and support leads, or a full-scope API key. */
const handleAccess = requireAuth({ scopes: ["full"], roles: ROLES_WHO_MAY.handleCases });
/** Replying needs a person: the customer's answer goes back to them. */
const replyAccess = requireAuth({ roles: ROLES_WHO_MAY.handleCases });
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
const idParam = z.object({ id: z.string().min(1).max(64) });

const FeedQuery = FilterQuery.extend({
  q: z.string().min(1).max(200).optional().openapi({ description: "Search in comments, ignoring case and Vietnamese tone marks (`giao hang` finds `Giao hàng`)" }),
  group: z.enum(["detractor", "passive", "promoter"]).optional().openapi({ description: "NPS group" }),
  status: z.enum(CASE_STATUSES).optional().openapi({ description: "Case status; `none` selects responses without a case" }),
  assignee: z.string().min(1).optional().openapi({ description: "Assignee user id" }),
});

const feedRoute = createRoute({
  method: "get",
  path: "/api/v1/responses",
  summary: "Response feed, newest answer first, filtered and searchable",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: {
    query: FeedQuery.extend({
      limit: z.coerce.number().int().min(1).max(500).default(20),
      cursor: z.string().max(100).optional().openapi({ description: "`next` of the previous page" }),
    }).refine(fromNotAfterTo, fromNotAfterToIssue),
  },
  responses: { 200: json("Responses", FeedSchema), ...errorResponses(400, 401, 403) },
});

const exportRoute = createRoute({
  method: "get",
  path: "/api/v1/responses/export.csv",
  summary: "Every response matching the filters as CSV (streamed; one row per response)",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: { query: FeedQuery.refine(fromNotAfterTo, fromNotAfterToIssue) },
  responses: { 200: { description: "CSV with a header row", content: { "text/csv": { schema: z.string() } } }, ...errorResponses(400, 401, 403) },
});

const detailRoute = createRoute({
  method: "get",
  path: "/api/v1/responses/{id}",
  summary: "One response with its notes, replies and alerts",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  request: { params: idParam },
  responses: { 200: json("Response", ResponseDetailSchema), ...errorResponses(401, 403, 404) },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/api/v1/responses/{id}",
  summary: "Open a case on a response, assign it and/or change its status (open, in_progress, closed)",
  description:
    "Detractors (0–6) and alert matches have a case from the start (status open); any other response has none (status none) until a lead opens one with {\"status\":\"open\"}. Assigning a response without a case or with a new one moves it to in_progress; closing stamps closedAt; reopening clears it.",
  security: [{ bearer: [] }],
  middleware: [handleAccess] as const,
  request: {
    params: idParam,
    body: {
      content: {
        "application/json": {
          schema: z
            .object({ assigneeId: z.string().min(1).nullable().optional(), status: z.enum(SETTABLE_CASE_STATUSES).optional() })
            .refine((b) => b.assigneeId !== undefined || b.status !== undefined, { message: "send assigneeId or status", path: ["status"] }),
        },
      },
    },
  },
  responses: { 200: json("The response", ResponseItemSchema), ...errorResponses(400, 401, 403, 404) },
});

const noteRoute = createRoute({
  method: "post",
  path: "/api/v1/responses/{id}/notes",
  summary: "Add an internal note (never shown to the customer)",
  security: [{ bearer: [] }],
  middleware: [handleAccess] as const,
  request: { params: idParam, body: { content: { "application/json": { schema: z.object({ body: z.string().trim().min(1).max(5000) }) } } } },
  responses: { 201: json("The note", NoteSchema), ...errorResponses(400, 401, 403, 404) },
});

const replyRoute = createRoute({
  method: "post",
  path: "/api/v1/responses/{id}/reply",
  summary: "Email the customer; their reply goes to you (Reply-To)",
  security: [{ bearer: [] }],
  middleware: [replyAccess] as const,
  request: { params: idParam, body: { content: { "application/json": { schema: z.object({ body: z.string().trim().min(1).max(5000) }) } } } },
  responses: { 201: json("The reply, kept as a note", NoteSchema), ...errorResponses(400, 401, 403, 404) },
});

const assigneesRoute = createRoute({
  method: "get",
  path: "/api/v1/assignees",
  summary: "People a response can be assigned to (admin and support users)",
  security: [{ bearer: [] }],
  middleware: [readAccess] as const,
  responses: { 200: json("Assignees", z.object({ assignees: z.array(AssigneeSchema) })), ...errorResponses(401, 403) },
});

export function responsesRoutes(deps: Deps) {
  return router()
    .openapi(feedRoute, async (c) => {
      const { limit, cursor, ...filter } = await resolveFilter(deps, c.req.valid("query"));
      return c.json(await responseFeed(deps, filter, limit, cursor), 200);
    })
    .openapi(exportRoute, async (c) => {
      const filter = await resolveFilter(deps, c.req.valid("query"));
      const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
      return c.body(responsesCsv(deps, filter), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="responses-${day}.csv"`,
        "Cache-Control": "no-store",
      }) as never;
    })
    .openapi(detailRoute, async (c) => c.json(await responseDetail(deps, c.req.valid("param").id), 200))
    .openapi(patchRoute, async (c) => {
      return c.json(await updateResponseWorkflow(deps, c.req.valid("param").id, c.req.valid("json")), 200);
    })
    .openapi(noteRoute, async (c) => {
      const p = c.get("principal")!;
      const note = await addNote(deps, c.req.valid("param").id, p.kind === "user" ? p.user.id : null, c.req.valid("json").body);
      return c.json(note, 201);
    })
    .openapi(replyRoute, async (c) => {
      const p = c.get("principal")!;
      if (p.kind !== "user") throw forbidden("Only a signed-in lead can reply");
      const { id } = c.req.valid("param");
      return c.json(await replyToResponse(deps, id, p.user, c.req.valid("json").body), 201);
    })
    .openapi(assigneesRoute, async (c) => c.json({ assignees: await listAssignees(deps) }, 200));
}
