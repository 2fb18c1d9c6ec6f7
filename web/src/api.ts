// The dashboard's calls to the ValuePulse API, each through the typed client (api-client.ts): their paths, inputs and
// answers are the server's routes' own, so a changed route fails `tsc -p web` here or at the page that calls it.
import type { InferRequestType } from "hono/client";
import type { ApiKey } from "../../server/http/schemas/accounts";
import type { LexiconEntries } from "../../server/http/schemas/analytics";
import { DIMENSIONS, type BreakdownDimension } from "../../server/domain/vocabulary";
import { setTimeZone } from "./time-zone";
import { applyUserLocale, preference, type Locale } from "./i18n";
import { describeError } from "./error-text";
import { call, client, seg } from "./api-client";
export type { AuditEntry, EraseResult, Retention, SessionInfo, UserRecord } from "../../server/http/schemas/accounts";

export type { ApiKey, User } from "../../server/http/schemas/accounts";
export type { Alert, AlertRule } from "../../server/http/schemas/alerts";
export type { AutomatedClicks, Drivers, Expectations, LexiconEntries, Segments, Themes, ValueOverview } from "../../server/http/schemas/analytics";
export type { DispatchResult, MailboxEmail } from "../../server/http/schemas/delivery";
export type { Assignee, Feed, LiveEvent, Note, ResponseDetail, ResponseItem } from "../../server/http/schemas/responses";
export type { Breakdown, Comparison, Scores, Trend } from "../../server/http/schemas/scores";
export type ApiKeyScope = ApiKey["scope"];
export { ApiError, isUnauthorized, notifyUnauthorized, onUnauthorized } from "./api-client";

/** A route's query or JSON body, as its schema takes it (hono/client's InferRequestType). */
type Query<E> = InferRequestType<E> extends { query: infer Q } ? Q : never;
type Json<E> = InferRequestType<E> extends { json: infer J } ? J : never;

/**
 * Filters held in the URL, as a route's query. Their values go as the URL has them, and the server validates
 * them (400 naming the field); their names are checked: a filter the route does not take fails typecheck.
 */
const filterQuery = <Q, F extends object = Filters>(f: F & { [K in Exclude<keyof F, keyof Q>]?: never }) => f as unknown as Q;
/** A route's query names with the values a URL holds (strings, or epoch ms), for filterQuery. */
type UrlHeld<Q> = { [K in keyof Q]?: string | number };

const v1 = client.api.v1;

/** The dashboard's filters as they appear in its URL and the API's query: dates are YYYY-MM-DD (days in the server's TIMEZONE), `to` inclusive. */
export type Filters = { from?: string; to?: string; template?: string; category?: string; channel?: string; locale?: string; tier?: string };
export const FILTER_KEYS = ["from", "to", ...DIMENSIONS] as const satisfies readonly (keyof Filters)[];
export type Dimension = BreakdownDimension;
/** The response feed's query: the filters and the feed's own (search, case group and status from the URL, paging). */
export type FeedQuery = Filters & { q?: string; group?: string; status?: string; limit?: number; cursor?: string };
export type AlertRuleInput = Json<(typeof v1)["alert-rules"]["$post"]>;

/** The Data page's export form as a query of the responses export. */
export type ExportQuery = UrlHeld<Query<(typeof v1.exports)["responses.csv"]["$get"]>>;

/** The case statuses a lead may set (the route's own list: a response leaves "none" by being opened). */
export type CaseStatusChange = NonNullable<Json<(typeof v1.responses)[":id"]["$patch"]>["status"]>;

export const api = {
  login: (email: string, password: string) => call(v1.auth.login.$post({ json: { email, password } }), { login: true }).then((r) => r.user),
  logout: () => call(v1.auth.logout.$post()),
  /** Whether this browser is signed in: 200 either way, so an anonymous visit logs no failed request. */
  session: () => call(v1.auth.session.$get()),
  me: () =>
    call(v1.auth.me.$get()).then((r) => {
      setTimeZone(r.timeZone);
      // The user's saved language wins; with none saved, a language picked on the sign-in page becomes theirs.
      const picked = preference();
      if (r.locale === null && picked !== null) void api.updateMe({ locale: picked }).catch(() => {});
      else applyUserLocale(r.locale);
      return r.user;
    }),
  updateMe: (settings: Json<typeof v1.auth.me.$patch>) => call(v1.auth.me.$patch({ json: settings })),
  scores: (f: Filters = {}) => call(v1.scores.$get({ query: filterQuery(f) })),
  trend: (f: Filters, bucket: NonNullable<Query<typeof v1.scores.trend.$get>["bucket"]>) => call(v1.scores.trend.$get({ query: { ...filterQuery<Query<typeof v1.scores.trend.$get>>(f), bucket } })),
  breakdown: (f: Filters, by: Dimension) => call(v1.scores.breakdown.$get({ query: { ...filterQuery<Query<typeof v1.scores.breakdown.$get>>(f), by } })),
  compare: (f: Filters & { by?: Dimension; a?: string; b?: string }) => call(v1.scores.compare.$get({ query: filterQuery(f) })),
  feed: (q: FeedQuery) => call(v1.responses.$get({ query: filterQuery<Query<typeof v1.responses.$get>, FeedQuery>(q) })),
  responses: (limit = 20) => call(v1.responses.$get({ query: { limit } })).then((r) => r.responses),
  /**
   * The Data page's download links: the export routes' paths and query names; the values as its form holds them
   * (dates YYYY-MM-DD in TIMEZONE, `to` inclusive), validated by the server.
   */
  exportLinks: (q: ExportQuery) => ({
    responsesCsv: v1.exports["responses.csv"].$path({ query: filterQuery<Query<(typeof v1.exports)["responses.csv"]["$get"]>, ExportQuery>(q) }),
    responsesJson: v1.exports["responses.json"].$path({ query: filterQuery<Query<(typeof v1.exports)["responses.json"]["$get"]>, ExportQuery>(q) }),
    purchasesCsv: v1.exports["purchases.csv"].$path({ query: { from: q.from, to: q.to } }),
  }),
  /** The CSV of every response the feed's filters select (no paging), for a download link. */
  exportUrl: (q: Omit<FeedQuery, "cursor" | "limit">) => v1.responses["export.csv"].$path({ query: filterQuery<Query<(typeof v1.responses)["export.csv"]["$get"]>, Omit<FeedQuery, "cursor" | "limit">>(q) }),
  response: (id: string) => call(v1.responses[":id"].$get({ param: { id: seg(id) } })),
  updateResponse: (id: string, change: Json<(typeof v1.responses)[":id"]["$patch"]>) => call(v1.responses[":id"].$patch({ param: { id: seg(id) }, json: change })),
  addNote: (id: string, body: string) => call(v1.responses[":id"].notes.$post({ param: { id: seg(id) }, json: { body } })),
  reply: (id: string, body: string) => call(v1.responses[":id"].reply.$post({ param: { id: seg(id) }, json: { body } })),
  assignees: () => call(v1.assignees.$get()).then((r) => r.assignees),
  alerts: (limit = 10, f: Filters = {}) => call(v1.alerts.$get({ query: { ...filterQuery<Query<typeof v1.alerts.$get>>(f), limit } })).then((r) => r.alerts),
  /** A purchase as a shop sends it (POST /api/v1/purchases; admins and ingest keys): the Live page's test purchase. */
  recordPurchase: (body: Json<typeof v1.purchases.$post>) => call(v1.purchases.$post({ json: body })),
  alertRules: () => call(v1["alert-rules"].$get()).then((r) => r.rules),
  createAlertRule: (rule: AlertRuleInput) => call(v1["alert-rules"].$post({ json: rule })),
  updateAlertRule: (id: string, change: Partial<AlertRuleInput>) => call(v1["alert-rules"][":id"].$patch({ param: { id: seg(id) }, json: change })),
  deleteAlertRule: (id: string) => call(v1["alert-rules"][":id"].$delete({ param: { id: seg(id) } })),
  mailbox: (limit = 100) => call(v1.mailbox.$get({ query: { limit } })).then((r) => r.emails),
  dispatch: () => call(v1.dispatch.$post()),
  apiKeys: () => call(v1["api-keys"].$get()).then((r) => r.keys),
  createApiKey: (name: string, scope: ApiKeyScope) => call(v1["api-keys"].$post({ json: { name, scope } })),
  automatedClicks: (range: { from?: string; to?: string }) => call(v1["automated-clicks"].$get({ query: range })),
  revokeApiKey: (id: string) => call(v1["api-keys"][":id"].$delete({ param: { id: seg(id) } })),
  // Accounts, security and privacy
  requestPasswordReset: (email: string, locale?: Locale) => call(v1.auth["password-reset"].$post({ json: { email, locale } }), { login: true }),
  setPassword: (token: string, password: string) => call(v1.auth["set-password"].$post({ json: { token, password } }), { login: true }),
  sessions: () => call(v1.auth.sessions.$get()).then((r) => r.sessions),
  revokeSession: (id: string) => call(v1.auth.sessions[":id"].$delete({ param: { id: seg(id) } })),
  logoutAll: () => call(v1.auth["logout-all"].$post()),
  users: () => call(v1.users.$get()).then((r) => r.users),
  inviteUser: (body: Json<typeof v1.users.$post>) => call(v1.users.$post({ json: body })).then((r) => r.user),
  updateUser: (id: string, body: Json<(typeof v1.users)[":id"]["$patch"]>) => call(v1.users[":id"].$patch({ param: { id: seg(id) }, json: body })).then((r) => r.user),
  deactivateUser: (id: string) => call(v1.users[":id"].deactivate.$post({ param: { id: seg(id) } })).then((r) => r.user),
  reactivateUser: (id: string) => call(v1.users[":id"].reactivate.$post({ param: { id: seg(id) } })).then((r) => r.user),
  signOutUser: (id: string) => call(v1.users[":id"].sessions.$delete({ param: { id: seg(id) } })),
  audit: (limit = 100, before?: string) => call(v1.audit.$get({ query: { limit, before } })).then((r) => r.entries),
  exportCustomer: (customer: string) => call(v1.privacy.export.$post({ json: { customer } })),
  eraseCustomer: (customer: string) => call(v1.privacy.erase.$post({ json: { customer, confirm: true } })),
  retention: () => call(v1.privacy.retention.$get()),
  setRetention: (months: number | null) => call(v1.privacy.retention.$put({ json: { months } })),
  valueOverview: (f: AnalyticsFilter) => call(v1.analytics.overview.$get({ query: filterQuery(f) })),
  drivers: (f: AnalyticsFilter) => call(v1.analytics.drivers.$get({ query: filterQuery(f) })),
  reliability: (f: AnalyticsFilter) => call(v1.analytics.reliability.$get({ query: filterQuery(f) })),
  atRisk: (f: AnalyticsFilter, offset: number) => call(v1.analytics["at-risk"].$get({ query: { ...filterQuery<Query<(typeof v1.analytics)["at-risk"]["$get"]>, AnalyticsFilter>(f), offset } })),
  expectations: (f: AnalyticsFilter) => call(v1.analytics.expectations.$get({ query: filterQuery(f) })),
  segments: (f: AnalyticsFilter, dimension: Query<typeof v1.analytics.segments.$get>["dimension"]) => call(v1.analytics.segments.$get({ query: { ...filterQuery<Query<typeof v1.analytics.segments.$get>, AnalyticsFilter>(f), dimension } })),
  themes: (f: AnalyticsFilter) => call(v1.analytics.themes.$get({ query: filterQuery(f) })),
  lexicon: () => call(v1.analytics.lexicon.$get()).then((r) => r.lexicon),
  saveLexicon: (lexicon: LexiconEntries) => call(v1.analytics.lexicon.$put({ json: { lexicon } })).then((r) => r.lexicon),
};

/** The analytics pages' filters (dates as epoch ms or YYYY-MM-DD, days in TIMEZONE), as the analytics routes take them. */
export type AnalyticsFilter = UrlHeld<Query<typeof v1.analytics.overview.$get>>;

/** A message fit to show a person, whatever was thrown: in their language, naming the failing fields (error-text.ts). */
export const errorMessage = describeError;
