// Typed client for the ValuePulse API: same-origin fetch with the session cookie; JSON errors become ApiError.
import type { z } from "@hono/zod-openapi";
import type { ApiKey, User } from "../../server/http/schemas/accounts";
import type { Alert, AlertRule } from "../../server/http/schemas/alerts";
import type { AtRiskPage, Reliability, AutomatedClicks, Drivers, Expectations, LexiconEntries, Segments, Themes, ValueOverview } from "../../server/http/schemas/analytics";
import type { DispatchResult, MailboxEmail } from "../../server/http/schemas/delivery";
import type { ErrorSchema } from "../../server/http/schemas/errors";
import type { Assignee, Feed, Note, ResponseDetail, ResponseItem } from "../../server/http/schemas/responses";
import type { Breakdown, Comparison, Scores, Trend } from "../../server/http/schemas/scores";
import type { AuditEntry, EraseResult, Retention, SessionInfo, UserRecord } from "../../server/http/schemas/accounts";
import { DIMENSIONS, type BreakdownDimension } from "../../server/domain/vocabulary";
import { setTimeZone } from "./time-zone";
import { applyUserLocale, preference, type Locale } from "./i18n";
import { describeError } from "./error-text";
export type { AuditEntry, EraseResult, Retention, SessionInfo, UserRecord } from "../../server/http/schemas/accounts";

export type { ApiKey, User } from "../../server/http/schemas/accounts";
export type { Alert, AlertRule } from "../../server/http/schemas/alerts";
export type { AutomatedClicks, Drivers, Expectations, LexiconEntries, Segments, Themes, ValueOverview } from "../../server/http/schemas/analytics";
export type { DispatchResult, MailboxEmail } from "../../server/http/schemas/delivery";
export type { Assignee, Feed, LiveEvent, Note, ResponseDetail, ResponseItem } from "../../server/http/schemas/responses";
export type { Breakdown, Comparison, Scores, Trend } from "../../server/http/schemas/scores";
export type ApiKeyScope = ApiKey["scope"];
type ErrorBody = z.infer<typeof ErrorSchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const isUnauthorized = (e: unknown) => e instanceof ApiError && e.status === 401;

let unauthorizedHandler: (() => void) | undefined;
/** Called when any request (other than login) answers 401, i.e. the session ended. Returns an unregister function. */
export function onUnauthorized(handler: () => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = undefined;
  };
}
export const notifyUnauthorized = () => unauthorizedHandler?.();

export async function request<T>(method: string, path: string, body?: unknown, opts: { login?: boolean } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network_error", "Cannot reach the server. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as Partial<ErrorBody> | undefined)?.error;
    if (res.status === 401 && !opts.login) notifyUnauthorized();
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`.trim(), err?.details);
  }
  return data as T;
}

const qs = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
};

/** The dashboard's filters as they appear in its URL and the API's query: dates are YYYY-MM-DD (days in the server's TIMEZONE), `to` inclusive. */
export type Filters = { from?: string; to?: string; template?: string; category?: string; channel?: string; locale?: string; tier?: string };
export const FILTER_KEYS = ["from", "to", ...DIMENSIONS] as const satisfies readonly (keyof Filters)[];
export type Dimension = BreakdownDimension;
export type FeedQuery = Filters & { q?: string; group?: string; status?: string; limit?: number; cursor?: string };
export type AlertRuleInput = { name: string; maxScore?: number | null; keyword?: string | null; recipients: string[]; locale?: Locale; active?: boolean };

export const api = {
  login: (email: string, password: string) =>
    request<{ user: User }>("POST", "/api/v1/auth/login", { email, password }, { login: true }).then((r) => r.user),
  logout: () => request<void>("POST", "/api/v1/auth/logout"),
  /** Whether this browser is signed in: 200 either way, so an anonymous visit logs no failed request. */
  session: () => request<{ signedIn: boolean }>("GET", "/api/v1/auth/session"),
  me: () =>
    request<{ user: User; timeZone: string; locale: Locale | null }>("GET", "/api/v1/auth/me").then((r) => {
      setTimeZone(r.timeZone);
      // The user's saved language wins; with none saved, a language picked on the sign-in page becomes theirs.
      const picked = preference();
      if (r.locale === null && picked !== null) void api.updateMe({ locale: picked }).catch(() => {});
      else applyUserLocale(r.locale);
      return r.user;
    }),
  updateMe: (settings: { locale: Locale | null }) => request<{ locale: Locale | null }>("PATCH", "/api/v1/auth/me", settings),
  scores: (f: Filters = {}) => request<Scores>("GET", `/api/v1/scores${qs(f)}`),
  trend: (f: Filters, bucket: "day" | "week" | "month") => request<Trend>("GET", `/api/v1/scores/trend${qs({ ...f, bucket })}`),
  breakdown: (f: Filters, by: Dimension) => request<Breakdown>("GET", `/api/v1/scores/breakdown${qs({ ...f, by })}`),
  compare: (f: Filters & { by?: Dimension; a?: string; b?: string }) => request<Comparison>("GET", `/api/v1/scores/compare${qs(f)}`),
  feed: (q: FeedQuery) => request<Feed>("GET", `/api/v1/responses${qs(q)}`),
  responses: (limit = 20) => request<Feed>("GET", `/api/v1/responses${qs({ limit })}`).then((r) => r.responses),
  exportUrl: (q: FeedQuery) => `/api/v1/responses/export.csv${qs(q)}`,
  response: (id: string) => request<ResponseDetail>("GET", `/api/v1/responses/${encodeURIComponent(id)}`),
  updateResponse: (id: string, change: { assigneeId?: string | null; status?: ResponseItem["status"] }) =>
    request<ResponseItem>("PATCH", `/api/v1/responses/${encodeURIComponent(id)}`, change),
  addNote: (id: string, body: string) => request<Note>("POST", `/api/v1/responses/${encodeURIComponent(id)}/notes`, { body }),
  reply: (id: string, body: string) => request<Note>("POST", `/api/v1/responses/${encodeURIComponent(id)}/reply`, { body }),
  assignees: () => request<{ assignees: Assignee[] }>("GET", "/api/v1/assignees").then((r) => r.assignees),
  alerts: (limit = 10, f: Filters = {}) => request<{ alerts: Alert[] }>("GET", `/api/v1/alerts${qs({ ...f, limit })}`).then((r) => r.alerts),
  /** A purchase as a shop sends it (POST /api/v1/purchases; admins and ingest keys): the Live page's test purchase. */
  recordPurchase: (body: Record<string, unknown>) =>
    request<{ scheduled: { invitationId: string; dueAt: number }[]; skipped: { reason: string }[] }>("POST", "/api/v1/purchases", body),
  alertRules: () => request<{ rules: AlertRule[] }>("GET", "/api/v1/alert-rules").then((r) => r.rules),
  createAlertRule: (rule: AlertRuleInput) => request<AlertRule>("POST", "/api/v1/alert-rules", rule),
  updateAlertRule: (id: string, change: Partial<AlertRuleInput>) => request<AlertRule>("PATCH", `/api/v1/alert-rules/${encodeURIComponent(id)}`, change),
  deleteAlertRule: (id: string) => request<void>("DELETE", `/api/v1/alert-rules/${encodeURIComponent(id)}`),
  mailbox: (limit = 100) => request<{ emails: MailboxEmail[] }>("GET", `/api/v1/mailbox${qs({ limit })}`).then((r) => r.emails),
  dispatch: () => request<DispatchResult>("POST", "/api/v1/dispatch"),
  apiKeys: () => request<{ keys: ApiKey[] }>("GET", "/api/v1/api-keys").then((r) => r.keys),
  createApiKey: (name: string, scope: ApiKeyScope) =>
    request<{ key: ApiKey; secret: string }>("POST", "/api/v1/api-keys", { name, scope }),
  automatedClicks: (range: { from?: string; to?: string }) => request<AutomatedClicks>("GET", `/api/v1/automated-clicks${qs(range)}`),
  revokeApiKey: (id: string) => request<void>("DELETE", `/api/v1/api-keys/${encodeURIComponent(id)}`),
  // Accounts, security and privacy
  requestPasswordReset: (email: string, locale?: Locale) => request<void>("POST", "/api/v1/auth/password-reset", { email, locale }, { login: true }),
  setPassword: (token: string, password: string) => request<{ email: string }>("POST", "/api/v1/auth/set-password", { token, password }, { login: true }),
  sessions: () => request<{ sessions: SessionInfo[] }>("GET", "/api/v1/auth/sessions").then((r) => r.sessions),
  revokeSession: (id: string) => request<void>("DELETE", `/api/v1/auth/sessions/${encodeURIComponent(id)}`),
  logoutAll: () => request<{ ended: number }>("POST", "/api/v1/auth/logout-all"),
  users: () => request<{ users: UserRecord[] }>("GET", "/api/v1/users").then((r) => r.users),
  inviteUser: (body: { email: string; role: UserRecord["role"]; name?: string; locale?: "en" | "vi" }) =>
    request<{ user: UserRecord }>("POST", "/api/v1/users", body).then((r) => r.user),
  updateUser: (id: string, body: { role?: UserRecord["role"]; name?: string | null }) =>
    request<{ user: UserRecord }>("PATCH", `/api/v1/users/${encodeURIComponent(id)}`, body).then((r) => r.user),
  deactivateUser: (id: string) => request<{ user: UserRecord }>("POST", `/api/v1/users/${encodeURIComponent(id)}/deactivate`).then((r) => r.user),
  reactivateUser: (id: string) => request<{ user: UserRecord }>("POST", `/api/v1/users/${encodeURIComponent(id)}/reactivate`).then((r) => r.user),
  signOutUser: (id: string) => request<{ ended: number }>("DELETE", `/api/v1/users/${encodeURIComponent(id)}/sessions`),
  audit: (limit = 100, before?: string) => request<{ entries: AuditEntry[] }>("GET", `/api/v1/audit${qs({ limit, before })}`).then((r) => r.entries),
  exportCustomer: (customer: string) => request<Record<string, unknown>>("POST", "/api/v1/privacy/export", { customer }),
  eraseCustomer: (customer: string) => request<EraseResult>("POST", "/api/v1/privacy/erase", { customer, confirm: true }),
  retention: () => request<Retention>("GET", "/api/v1/privacy/retention"),
  setRetention: (months: number | null) => request<Retention>("PUT", "/api/v1/privacy/retention", { months }),
  valueOverview: (f: AnalyticsFilter) => request<ValueOverview>("GET", `/api/v1/analytics/overview${qs(f)}`),
  drivers: (f: AnalyticsFilter) => request<Drivers>("GET", `/api/v1/analytics/drivers${qs(f)}`),
  reliability: (f: AnalyticsFilter) => request<Reliability>("GET", `/api/v1/analytics/reliability${qs(f)}`),
  atRisk: (f: AnalyticsFilter, offset: number) => request<AtRiskPage>("GET", `/api/v1/analytics/at-risk${qs({ ...f, offset })}`),
  expectations: (f: AnalyticsFilter) => request<Expectations>("GET", `/api/v1/analytics/expectations${qs(f)}`),
  segments: (f: AnalyticsFilter, dimension: string) => request<Segments>("GET", `/api/v1/analytics/segments${qs({ ...f, dimension })}`),
  themes: (f: AnalyticsFilter) => request<Themes>("GET", `/api/v1/analytics/themes${qs(f)}`),
  lexicon: () => request<{ lexicon: LexiconEntries }>("GET", "/api/v1/analytics/lexicon").then((r) => r.lexicon),
  saveLexicon: (lexicon: LexiconEntries) => request<{ lexicon: LexiconEntries }>("PUT", "/api/v1/analytics/lexicon", { lexicon }).then((r) => r.lexicon),
};

/** Dates as epoch ms or YYYY-MM-DD (days in TIMEZONE), as the API takes them. */
export type AnalyticsFilter = { from?: number | string; to?: number | string; tier?: string; templateId?: string; channel?: string; locale?: string };

/** A message fit to show a person, whatever was thrown: in their language, naming the failing fields (error-text.ts). */
export const errorMessage = describeError;
