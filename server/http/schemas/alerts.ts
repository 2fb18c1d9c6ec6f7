// Alert rules and the alerts they raised.
import { z } from "@hono/zod-openapi";
import { LOCALES } from "../../domain/vocabulary";
import { ResponseItemSchema } from "./responses";

export const AlertRuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    maxScore: z.number().int().nullable().openapi({ description: "Raise when the NPS answer is at most this" }),
    keyword: z.string().nullable().openapi({ description: "Raise when the comment contains this (case-insensitive)" }),
    recipients: z.array(z.string()).openapi({ description: "Leads emailed for each alert" }),
    locale: z.enum(LOCALES),
    active: z.boolean(),
    createdAt: z.number().int(),
  })
  .openapi("AlertRule");
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const AlertSchema = z
  .object({ id: z.string(), ruleId: z.string(), ruleName: z.string(), createdAt: z.number().int(), emailedAt: z.number().int().nullable(), response: ResponseItemSchema })
  .openapi("Alert");
export type Alert = z.infer<typeof AlertSchema>;
