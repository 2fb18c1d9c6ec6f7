// Staff accounts, API keys, sessions, the audit log and privacy (retention, erasure).
import { z } from "@hono/zod-openapi";
import { ACTOR_KINDS, API_KEY_SCOPES, ROLES, USER_STATUSES } from "../../domain/vocabulary";

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.enum(ROLES) })
  .openapi("User");
export type User = z.infer<typeof UserSchema>;

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "First characters of the key, to recognise it" }),
    scope: z.enum(API_KEY_SCOPES),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
  })
  .openapi("ApiKey");
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const UserRecordSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    status: z.enum(USER_STATUSES).openapi({ description: "invited: has not set a password yet" }),
    createdAt: z.number().int(),
    deactivatedAt: z.number().int().nullable(),
  })
  .openapi("UserRecord");
export type UserRecord = z.infer<typeof UserRecordSchema>;

export const SessionInfoSchema = z
  .object({
    id: z.string(),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    userAgent: z.string().nullable(),
    current: z.boolean().openapi({ description: "The session making this request" }),
  })
  .openapi("Session");
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.number().int(),
    actorKind: z.enum(ACTOR_KINDS),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string().openapi({ example: "user.update" }),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    address: z.string().nullable().openapi({ description: "The client address the action came from (behind a trusted proxy, the client it names: TRUST_PROXY)" }),
  })
  .openapi("AuditEntry");
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const RetentionSchema = z
  .object({
    months: z.number().int().min(1).max(120).nullable().openapi({ description: "Delete comments and personal data after this many months; null keeps them" }),
    lastRunAt: z.number().int().nullable(),
  })
  .openapi("Retention");
export type Retention = z.infer<typeof RetentionSchema>;

export const EraseResultSchema = z
  .object({ purchases: z.number().int(), responses: z.number().int(), emails: z.number().int() })
  .openapi("EraseResult", { description: "How many records of each kind were erased" });
export type EraseResult = z.infer<typeof EraseResultSchema>;
