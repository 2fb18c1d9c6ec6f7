// Typed client for the ValuePulse API: same-origin fetch with the session cookie; JSON errors become ApiError.
import type { z } from "@hono/zod-openapi";
import type { ApiKey, DispatchResult, Drivers, ErrorSchema, Expectations, LexiconEntries, MailboxEmail, ResponseItem, Scores, Segments, Themes, User, ValueOverview } from "../../server/http/schemas";
import type { AuditEntry, EraseResult, Retention, SessionInfo, UserRecord } from "../../server/http/schemas";
export type { AuditEntry, EraseResult, Retention, SessionInfo, UserRecord } from "../../server/http/schemas";

export type { ApiKey, DispatchResult, Drivers, Expectations, LexiconEntries, LiveEvent, MailboxEmail, ResponseItem, Scores, Segments, Themes, User, ValueOverview } from "../../server/http/schemas";
import type { AutomatedClicks } from "../../server/http/schemas";
export type { AutomatedClicks } from "../../server/http/schemas";
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

export type TimeRange = { from: number; to: number };

export const api = {
  login: (email: string, password: string) =>
    request<{ user: User }>("POST", "/api/v1/auth/login", { email, password }, { login: true }).then((r) => r.user),
  logout: () => request<void>("POST", "/api/v1/auth/logout"),
  me: () => request<{ user: User }>("GET", "/api/v1/auth/me").then((r) => r.user),
  scores: (range?: TimeRange) => request<Scores>("GET", `/api/v1/scores${qs({ from: range?.from, to: range?.to })}`),
  responses: (limit = 20) =>
    request<{ responses: ResponseItem[] }>("GET", `/api/v1/responses${qs({ limit })}`).then((r) => r.responses),
  mailbox: (limit = 100) => request<{ emails: MailboxEmail[] }>("GET", `/api/v1/mailbox${qs({ limit })}`).then((r) => r.emails),
  dispatch: () => request<DispatchResult>("POST", "/api/v1/dispatch"),
  apiKeys: () => request<{ keys: ApiKey[] }>("GET", "/api/v1/api-keys").then((r) => r.keys),
  createApiKey: (name: string, scope: ApiKeyScope) =>
    request<{ key: ApiKey; secret: string }>("POST", "/api/v1/api-keys", { name, scope }),
  automatedClicks: (range?: TimeRange) => request<AutomatedClicks>("GET", `/api/v1/automated-clicks${qs({ from: range?.from, to: range?.to })}`),
  revokeApiKey: (id: string) => request<void>("DELETE", `/api/v1/api-keys/${encodeURIComponent(id)}`),
  // Accounts, security and privacy
  requestPasswordReset: (email: string) => request<void>("POST", "/api/v1/auth/password-reset", { email }, { login: true }),
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
  expectations: (f: AnalyticsFilter) => request<Expectations>("GET", `/api/v1/analytics/expectations${qs(f)}`),
  segments: (f: AnalyticsFilter, dimension: string) => request<Segments>("GET", `/api/v1/analytics/segments${qs({ ...f, dimension })}`),
  themes: (f: AnalyticsFilter) => request<Themes>("GET", `/api/v1/analytics/themes${qs(f)}`),
  lexicon: () => request<{ lexicon: LexiconEntries }>("GET", "/api/v1/analytics/lexicon").then((r) => r.lexicon),
  saveLexicon: (lexicon: LexiconEntries) => request<{ lexicon: LexiconEntries }>("PUT", "/api/v1/analytics/lexicon", { lexicon }).then((r) => r.lexicon),
};

export type AnalyticsFilter = { from?: number; to?: number; tier?: string };

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 403) return e.message || "You don't have permission to see this.";
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
