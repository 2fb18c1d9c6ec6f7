// A response as the dashboard sees it (feed, detail, live events), its notes and assignees.
import { z } from "@hono/zod-openapi";
import { ASPECT_KEYS, POLARITIES } from "../../domain/comment-aspects";
import { answerField, CASE_STATUSES, NOTE_KINDS, VALUE_ANSWER_KEYS, type AnswerField, type ValueAnswerKey } from "../../domain/vocabulary";
import { ScoresSchema } from "./scores";

/**
 * One nullable 1–5 answer per value key, under its row field (`benefitFunctional` …), in the vocabulary's order: a whole
 * number, or the mean of the items answered when the template asks that type as a scale (item bank; the items are in `extra`).
 */
const valueAnswerFields = Object.fromEntries(
  VALUE_ANSWER_KEYS.map((k) => [answerField(k), z.number().min(1).max(5).nullable().openapi({ description: "1–5; the mean of the scale's answered items when the template asks several" })]),
) as Record<AnswerField<ValueAnswerKey>, z.ZodNullable<z.ZodNumber>>;

export const CommentAspectSchema = z
  .object({
    aspect: z.enum(ASPECT_KEYS).openapi({ description: "A benefit value type or a cost kind, named as the answer keys" }),
    polarity: z.enum(POLARITIES).openapi({ description: "From the customer's side: a benefit got or a light cost (positive), a benefit missing or a cost that weighed (negative)" }),
  })
  .openapi("CommentAspect");

export const ResponseItemSchema = z
  .object({
    id: z.string(),
    score: z.number().int().nullable(),
    csat: z.number().int().nullable(),
    ...valueAnswerFields,
    comment: z.string().nullable(),
    customerEmail: z.string(),
    customerName: z.string().nullable(),
    orderId: z.string(),
    templateId: z.string(),
    locale: z.string(),
    channel: z.string().nullable(),
    category: z.string().nullable(),
    flagged: z.boolean(),
    answeredAt: z.number().int(),
    updatedAt: z.number().int(),
    status: z.enum(CASE_STATUSES).openapi({
      description:
        "Where the response stands as a support case: none (no case: not a detractor, no alert, nobody opened one), open (a new case; detractors 0–6 and alert matches open one by themselves), in_progress, closed (resolved). `none` is new: a client written before it should treat it as no case.",
    }),
    assigneeId: z.string().nullable(),
    assigneeEmail: z.string().nullable(),
    closedAt: z.number().int().nullable(),
    timeToCloseMs: z.number().int().nullable().openapi({ description: "closedAt − answeredAt; null while not closed" }),
    aspects: z.array(CommentAspectSchema).openapi({ description: "What the comment speaks of (see POST /api/v1/analytics/aspects); [] without a comment" }),
  })
  .openapi("ResponseItem");
export type ResponseItem = z.infer<typeof ResponseItemSchema>;

export const LiveEventSchema = z.object({ type: z.literal("scores"), scores: ScoresSchema, response: ResponseItemSchema.nullable() });
export type LiveEvent = z.infer<typeof LiveEventSchema>;

export const FeedSchema = z.object({ responses: z.array(ResponseItemSchema), next: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page" }) }).openapi("Feed");
export type Feed = z.infer<typeof FeedSchema>;

export const NoteSchema = z
  .object({ id: z.string(), kind: z.enum(NOTE_KINDS), body: z.string(), authorEmail: z.string().nullable(), createdAt: z.number().int() })
  .openapi("Note");
export type Note = z.infer<typeof NoteSchema>;

export const ResponseDetailSchema = z
  .object({
    response: ResponseItemSchema,
    notes: z.array(NoteSchema),
    alerts: z.array(z.object({ id: z.string(), ruleName: z.string(), createdAt: z.number().int(), emailedAt: z.number().int().nullable() })),
  })
  .openapi("ResponseDetail");
export type ResponseDetail = z.infer<typeof ResponseDetailSchema>;

export const AssigneeSchema = z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.string() }).openapi("Assignee");
export type Assignee = z.infer<typeof AssigneeSchema>;
