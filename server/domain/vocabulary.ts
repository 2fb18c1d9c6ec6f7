// The product's vocabulary, defined once: locales, the value model's kinds, staff roles and the limits a person
// meets. Schemas (zod, drizzle), mappers and dictionaries derive from these lists; adding an entry here makes
// the typecheck and test/unit/vocabulary.test.ts point at every place that must follow.

/** Languages of customer pages, emails and the dashboard. */
export const LOCALES = ["en", "vi"] as const;
export type Locale = (typeof LOCALES)[number];
/** Whether a value is one of LOCALES. */
export const isLocale = (v: unknown): v is Locale => (LOCALES as readonly unknown[]).includes(v);
/** The BCP 47 tag Intl formats each locale's dates and numbers with. */
export const INTL_LOCALES: Record<Locale, string> = { en: "en-US", vi: "vi-VN" };

/** The benefit side of the customer-value model: what a purchase gave. */
export const VALUE_TYPES = ["functional", "social", "emotional", "monetary"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
/** The cost side: what it took. */
export const COST_KINDS = ["money", "time", "effort", "risk"] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** Staff roles; what each may do is ROLES_WHO_MAY (below), which routes (requireAuth) and the dashboard's navigation read. */
export const ROLES = ["admin", "marketer", "support", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do, as the roles allowed to do it (docs/SECURITY.md has the table; the authorization matrix
 * test checks every route). A route passes one of these to requireAuth; the dashboard shows a page by the same list.
 */
export const ROLES_WHO_MAY = {
  /** Scores, analytics, templates and alert rules read, the response export, their own sessions. */
  read: ROLES,
  /** Invitations and delivery rates, the purchase export. */
  seeDelivery: ["admin", "marketer", "support"],
  /** Templates, the comment lexicon, trying the comment reader. */
  editTemplates: ["admin", "marketer"],
  /** Take, reply to and close cases (and be assigned one); read the suppression list. */
  handleCases: ["admin", "support"],
  /** Users, API keys, audit, privacy, imports, webhooks, alert rules, the suppression list's changes, the dev mailbox. */
  administer: ["admin"],
} as const satisfies Record<string, readonly Role[]>;
export type RoleAction = keyof typeof ROLES_WHO_MAY;
/** Whether `role` may do `action` (undefined: not signed in, or not known yet). */
export const roleMay = (role: string | undefined, action: RoleAction) => (ROLES_WHO_MAY[action] as readonly string[]).includes(role ?? "");

/** What an API key may call: ingest (purchases, imports, dispatch), read (reads), full (everything a key may do). */
export const API_KEY_SCOPES = ["ingest", "read", "full"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

// ── Statuses and kinds: each stored column, API field and dashboard label map takes its values from here ──

/** A staff account: `invited` until it sets a password. */
export const USER_STATUSES = ["active", "invited", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A survey template: `draft` never published; `published` invites customers; `archived` invites no one. */
export const TEMPLATE_STATUSES = ["draft", "published", "archived"] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** An invitation's or a reminder's place in the email outbox. */
export const INVITATION_STATUSES = ["scheduled", "sending", "sent", "skipped", "failed"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Why an invitation was skipped at send time (its `reason` then; the dashboard words each). */
export const SKIP_REASONS = ["unsubscribed", "suppressed", "throttled", "closed", "answered"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What the email provider reported of a sent message, in order: a later state wins (domain/delivery-status.ts). */
export const DELIVERY_STATES = ["sent", "delivery_delayed", "delivered", "bounced", "complained"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Why an address is never emailed again. */
export const SUPPRESSION_REASONS = ["hard_bounce", "complaint", "manual"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/**
 * A response as a support case: `none` (no case: a promoter or passive nobody opened one for), `open` (a case nobody
 * has started, shown as "New"), `in_progress` (someone assigned or replied), `closed` (resolved).
 */
export const CASE_STATUSES = ["none", "open", "in_progress", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A note on a response: kept among staff, or a reply emailed to the customer. */
export const NOTE_KINDS = ["note", "reply"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Who did what in the audit log. */
export const ACTOR_KINDS = ["user", "apiKey", "system"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** An import run (CSV or Delighted upload). */
export const IMPORT_STATUSES = ["waiting", "running", "done", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** purchases (CSV), or a Delighted export: `delighted` until its file is read, then what it held. */
export const IMPORT_KINDS = ["purchases", "delighted", "delighted-responses", "delighted-people", "delighted-unsubscribes", "delighted-bounces"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Events an outgoing webhook endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = ["response.created", "response.updated", "detractor.alert", "customer.unsubscribed"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** standard: the event as JSON (Standard Webhooks); slack: a Slack incoming-webhook message. */
export const WEBHOOK_FORMATS = ["standard", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
/** An outgoing webhook delivery in the outbox: pending until it succeeded or gave up. */
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Customer value tiers (RFM from purchase history; the rules are domain/value-tiers.ts). */
export const TIERS = ["top", "loyal", "new", "at_risk", "occasional"] as const;
export type Tier = (typeof TIERS)[number];

// ── Dashboard dimensions ──

/** What the dashboard slices answers by: every one is a filter (`?channel=…`), in the filter bar's order. */
export const DIMENSIONS = ["template", "category", "channel", "locale", "tier"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Scores broken down by (GET /api/v1/scores/breakdown): the rollups' segment columns, so not the tier. */
export const BREAKDOWN_DIMENSIONS = ["template", "channel", "locale", "category"] as const satisfies readonly Dimension[];
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
/** Segments compared against the rest (GET /api/v1/analytics/segments), the default first. */
export const SEGMENT_DIMENSIONS = ["tier", "channel", "locale", "template"] as const satisfies readonly Dimension[];
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** A customer's comment, in characters: the survey page's field and the server's check. */
export const COMMENT_MAX = 2000;

/** The value model's answer keys (`benefit_functional` … `cost_risk`): one per value type and per cost kind. */
export const VALUE_ANSWER_KEYS = [...VALUE_TYPES.map((t) => `benefit_${t}` as const), ...COST_KINDS.map((k) => `cost_${k}` as const)];
export type ValueAnswerKey = (typeof VALUE_ANSWER_KEYS)[number];
/** Question keys with a column of their own in `responses` (any other key goes to `extra`), in export order. */
export const ANSWER_KEYS = ["score", "csat", ...VALUE_ANSWER_KEYS, "comment"] as const;
export type AnswerKey = (typeof ANSWER_KEYS)[number];

type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
/** A key's property on a stored response row: `benefit_functional` → `benefitFunctional`. */
export type AnswerField<K extends AnswerKey = AnswerKey> = Camel<K>;
export const answerField = <K extends AnswerKey>(key: K) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) as AnswerField<K>;

/** A stored row's value answers by key ({benefit_functional: 4, …}): the one mapper for exports, webhooks and the survey page. */
export function valueAnswers<V>(row: { [F in AnswerField<ValueAnswerKey>]: V }): Record<ValueAnswerKey, V> {
  return Object.fromEntries(VALUE_ANSWER_KEYS.map((k) => [k, row[answerField(k)]])) as Record<ValueAnswerKey, V>;
}
