// The response feed: filtered, searchable, newest first, with each response's place in the closed loop.
import type { Deps } from "../deps";
import { and, desc, eq, gte, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { customers, invitations, purchases, responses, users } from "../../db/schema";
import type { CaseStatus } from "../domain/cases";
import { commentGlob } from "../domain/comment-search";
import { commentAspects, localeOf, type CommentAspect } from "../domain/comment-aspects";
import type { NpsClass } from "../domain/nps";
import type { RollupFilter } from "./score-rollups";
import { ANSWER_FIELD_COLUMNS } from "./answer-columns";

export type ResponseStatus = CaseStatus;
export type FeedFilter = RollupFilter & {
  /** Words in the comment, whatever their case and tone marks ("giao hang" finds "Giao hàng"). */
  q?: string;
  group?: NpsClass;
  status?: ResponseStatus;
  assignee?: string;
};

const assignee = alias(users, "assignee");

const feedColumns = {
  id: responses.id,
  ...ANSWER_FIELD_COLUMNS,
  customerEmail: customers.email,
  customerName: customers.name,
  orderId: purchases.orderId,
  templateId: responses.templateId,
  locale: responses.locale,
  channel: responses.channel,
  category: responses.category,
  flagged: responses.flagged,
  answeredAt: responses.answeredAt,
  updatedAt: responses.updatedAt,
  status: responses.status,
  assigneeId: responses.assigneeId,
  assigneeEmail: assignee.email,
  closedAt: responses.closedAt,
};

type Row = { [K in keyof typeof feedColumns]: (typeof feedColumns)[K]["_"]["data"] | (K extends "assigneeEmail" ? null : never) };
export type FeedItem = Row & { timeToCloseMs: number | null; aspects: CommentAspect[] };

function feedQuery(db: Db) {
  return db
    .select(feedColumns)
    .from(responses)
    .innerJoin(customers, eq(customers.id, responses.customerId))
    .innerJoin(invitations, eq(invitations.id, responses.invitationId))
    .innerJoin(purchases, eq(purchases.id, invitations.purchaseId))
    .leftJoin(assignee, eq(assignee.id, responses.assigneeId));
}

// Aspects are read from the comment at read time (a page at most 500 short comments; no column to
// keep in step with the lexicon), in the response's locale.
const withTimeToClose = (r: Row): FeedItem => ({
  ...r,
  timeToCloseMs: r.closedAt === null ? null : r.closedAt - r.answeredAt,
  aspects: r.comment ? commentAspects(r.comment, localeOf(r.locale)) : [],
});

const GROUP_WHERE: Record<NpsClass, SQL> = {
  promoter: sql`${responses.score} >= 9`,
  passive: sql`${responses.score} between 7 and 8`,
  detractor: sql`${responses.score} <= 6`,
};

/** `sameOr` for a segment where "-" means "no value". */
const segment = (col: typeof responses.channel | typeof responses.category, v: string) => (v === "-" ? isNull(col) : eq(col, v));

/** The responses a filter selects; also the analytics views' filter. */
export function whereOf(f: FeedFilter): SQL | undefined {
  return and(
    f.from !== undefined ? gte(responses.answeredAt, f.from) : undefined,
    f.to !== undefined ? lt(responses.answeredAt, f.to) : undefined,
    f.template !== undefined ? eq(responses.templateId, f.template) : undefined,
    f.channel !== undefined ? segment(responses.channel, f.channel) : undefined,
    f.locale !== undefined ? eq(responses.locale, f.locale) : undefined,
    f.category !== undefined ? segment(responses.category, f.category) : undefined,
    f.group ? GROUP_WHERE[f.group] : undefined,
    f.status ? eq(responses.status, f.status) : undefined,
    f.assignee ? eq(responses.assigneeId, f.assignee) : undefined,
    f.tier ? eq(responses.tier, f.tier) : undefined,
    f.q ? sql`${responses.comment} glob ${commentGlob(f.q)}` : undefined,
  );
}

/** Opaque keyset cursor: "answeredAt.id" of the last item of the previous page. */
export const cursorOf = (item: { answeredAt: number; id: string }) => `${item.answeredAt}.${item.id}`;
function parseCursor(cursor: string): { answeredAt: number; id: string } | null {
  const m = /^(\d+)\.([0-9A-Za-z]+)$/.exec(cursor);
  return m ? { answeredAt: Number(m[1]), id: m[2] } : null;
}

/** One page of the feed, newest answer first; `next` continues it (null at the end). */
export async function responseFeed(deps: Pick<Deps, "db">, filter: FeedFilter, limit: number, cursor?: string): Promise<{ responses: FeedItem[]; next: string | null }> {
  const { db } = deps;
  const after = cursor ? parseCursor(cursor) : null;
  const page = after
    ? or(lt(responses.answeredAt, after.answeredAt), and(eq(responses.answeredAt, after.answeredAt), lt(responses.id, after.id)))
    : undefined;
  const rows = await feedQuery(db)
    .where(and(whereOf(filter), page))
    .orderBy(desc(responses.answeredAt), desc(responses.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => withTimeToClose(r as Row));
  return { responses: items, next: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}

/** Every response matching the filter, page by page, without holding them all (for exports). */
export async function* allResponses(deps: Pick<Deps, "db">, filter: FeedFilter, pageSize = 1000): AsyncGenerator<FeedItem[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await responseFeed(deps, filter, pageSize, cursor);
    if (page.responses.length > 0) yield page.responses;
    if (!page.next) return;
    cursor = page.next;
  }
}

export async function responseById(db: Db, id: string): Promise<FeedItem | null> {
  const [row] = await feedQuery(db).where(eq(responses.id, id));
  return row ? withTimeToClose(row as Row) : null;
}
