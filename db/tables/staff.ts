// Staff: users, sessions, API keys, password tokens, sign-in attempts, the audit log and privacy settings.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ACTOR_KINDS, API_KEY_SCOPES, LOCALES, ROLES, USER_STATUSES } from "../../server/domain/vocabulary";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name"),
  role: text("role", { enum: ROLES }).notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull(),
  /** invited: has not set a password yet (password_hash matches nothing); deactivated: cannot sign in, sessions ended. */
  status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
  deactivatedAt: integer("deactivated_at"),
  /** The dashboard's language this user chose; null: follow the browser's. */
  uiLocale: text("ui_locale", { enum: LOCALES }),
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a stolen database copy cannot sign anyone in. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Last request seen (to the minute): a session idle longer than SESSION_IDLE_TIMEOUT_MS ends. Null: opened before idle timeouts, counts from createdAt. */
    lastSeenAt: integer("last_seen_at"),
    /** Shown in the sessions list so a user can tell their devices apart. */
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiKeys = sqliteTable("api_keys", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  prefix: text("prefix").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  scope: text("scope", { enum: API_KEY_SCOPES }).notNull(),
  createdAt: integer("created_at").notNull(),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
});

/** Single-use links for setting a password: an invitation to join, or a reset. Only the token's SHA-256 is stored. */
export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["invite", "reset"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("password_tokens_user_idx").on(t.userId)],
);

/** Failed sign-ins per account, for lockout with backoff. Keyed by SHA-256 of the email: typed-in addresses are not stored. */
export const loginAttempts = sqliteTable("login_attempts", {
  emailHash: text("email_hash").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailedAt: integer("last_failed_at").notNull(),
  lockedUntil: integer("locked_until"),
});

/** Admin actions: who, what, when, and the record before and after. Never holds secrets. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    actorKind: text("actor_kind", { enum: ACTOR_KINDS }).notNull(),
    actorId: text("actor_id"),
    /** The actor's email (or key name) at the time: the log stays readable after the user is gone. */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    before: text("before", { mode: "json" }).$type<Record<string, unknown>>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown>>(),
    /** The client address the action came from (behind a trusted proxy, the client it names: TRUST_PROXY); null for system actions. */
    address: text("address"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);

/** Privacy settings (one row, id = 1). retention_months null: keep personal data until erased by hand. */
export const privacySettings = sqliteTable("privacy_settings", {
  id: integer("id").primaryKey(),
  retentionMonths: integer("retention_months"),
  lastRetentionRunAt: integer("last_retention_run_at"),
  updatedAt: integer("updated_at").notNull(),
});
