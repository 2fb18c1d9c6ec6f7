// Customer value kept per customer as purchases arrive (in the purchase's transaction), the tier job (thresholds,
// expiry, current tiers; both runtimes' scheduled jobs), the upgrade of an existing database, and the reads served
// from the kept values: customers and revenue per tier, revenue per currency, revenue at risk and its list.
import type { InStatement } from "@libsql/client";
import type { Db } from "../../db/client";
import { DAY_MS, HOUR_MS } from "../domain/time";
import { RESPONSE_TIER_SQL, TIER_WINDOW_DAYS, TIERS, tierAtPurchase, tierSql, topRank, type Tier } from "../domain/value-tiers";

const WINDOW_MS = TIER_WINDOW_DAYS * DAY_MS;
/** The tier job runs at most this often: thresholds move slowly, and a customer's 12 months expire by the hour. */
export const VALUE_JOB_EVERY_MS = HOUR_MS;

/**
 * The part of Deps (server/deps.ts) these services take, written out: deps.ts names the read thread's list of reads,
 * which reaches this module, so importing it here would close an import cycle.
 */
type Deps = { db: Db; clock: { now(): number }; log: { info(msg: string, data?: Record<string, unknown>): void; error(msg: string, data?: Record<string, unknown>): void } };
type DbDeps = Pick<Deps, "db">;

// ——— keeping them: one set of statements for a purchase, the job's expiry and the upgrade ———

/** The customers a statement works on: a JSON array of ids in ?1; ?2 is the start of the 12 months, ?3 now. */
const SET = `(select value from json_each(?1))`;

/** The latest purchase's facts and tier (value-tiers.ts), the 12 months' count, first purchase and expiry, per customer of the set. */
const UPSERT_VALUES = `insert into customer_values (customer_id, purchases_12m, has_revenue, first_at, last_at, expires_at, last_currency, last_purchases, last_revenue, last_gap_ms, tier, updated_at)
select customer_id, n, pos, first, at, first + ${WINDOW_MS}, cur, fp, fr, gap, ${tierSql({ purchases: "fp", revenue: "fr", currency: "cur", gapMs: "gap" })}, ?3 from (
  select l.customer_id, l.n, l.pos, l.first, l.at, l.currency cur,
    (select count(*) + 1 from purchases e where e.customer_id = l.customer_id and e.purchased_at < l.at and e.purchased_at >= l.at - ${WINDOW_MS}) fp,
    l.amount + (select coalesce(sum(e.amount), 0) from purchases e where e.customer_id = l.customer_id and e.currency = l.currency and e.purchased_at < l.at and e.purchased_at >= l.at - ${WINDOW_MS}) fr,
    l.at - (select max(e.purchased_at) from purchases e where e.customer_id = l.customer_id and e.purchased_at < l.at and e.purchased_at >= l.at - ${WINDOW_MS}) gap
  from (select * from (
      select customer_id, currency, amount, purchased_at at,
        row_number() over (partition by customer_id order by purchased_at desc, id desc) rn,
        count(*) over (partition by customer_id) n, max(amount > 0) over (partition by customer_id) pos, min(purchased_at) over (partition by customer_id) first
      from purchases where customer_id in ${SET} and purchased_at >= ?2)
    where rn = 1) l
) where true
on conflict (customer_id) do update set purchases_12m = excluded.purchases_12m, has_revenue = excluded.has_revenue, first_at = excluded.first_at, last_at = excluded.last_at,
  expires_at = excluded.expires_at, last_currency = excluded.last_currency, last_purchases = excluded.last_purchases, last_revenue = excluded.last_revenue,
  last_gap_ms = excluded.last_gap_ms, tier = excluded.tier, updated_at = excluded.updated_at`;

/** Revenue and purchases per currency over the 12 months, with the customer's tier and latest answer copied; unchanged rows are left alone (their totals trigger would run for nothing). */
const UPSERT_REVENUE = `insert into customer_revenue (customer_id, currency, revenue_12m, purchases_12m, tier, latest_class)
select p.customer_id, p.currency, sum(p.amount), count(*), v.tier, v.latest_class from purchases p left join customer_values v on v.customer_id = p.customer_id
where p.customer_id in ${SET} and p.purchased_at >= ?2 group by p.customer_id, p.currency
on conflict (customer_id, currency) do update set revenue_12m = excluded.revenue_12m, purchases_12m = excluded.purchases_12m, tier = excluded.tier, latest_class = excluded.latest_class
where revenue_12m != excluded.revenue_12m or purchases_12m != excluded.purchases_12m or tier is not excluded.tier or latest_class is not excluded.latest_class`;

/** Every customer who ever bought has a row (their latest answer is kept even while they have no purchase in 12 months). */
const ENSURE_ROW = `insert into customer_values (customer_id, purchases_12m, has_revenue, updated_at)
select c.id, 0, 0, ?3 from customers c where c.id in ${SET} and exists (select 1 from purchases p where p.customer_id = c.id) on conflict (customer_id) do nothing`;

/** A customer whose 12 months emptied keeps their latest answer, but no tier, count, revenue or latest purchase. */
const RESET_LAPSED = `update customer_values set purchases_12m = 0, has_revenue = 0, first_at = null, last_at = null, expires_at = null, last_currency = null,
  last_purchases = null, last_revenue = null, last_gap_ms = null, tier = null, updated_at = ?3
where customer_id in ${SET} and not exists (select 1 from purchases p where p.customer_id = customer_values.customer_id and p.purchased_at >= ?2)`;
const DELETE_LAPSED_REVENUE = `delete from customer_revenue where customer_id in ${SET}
and not exists (select 1 from purchases p where p.customer_id = customer_revenue.customer_id and p.currency = customer_revenue.currency and p.purchased_at >= ?2)`;

const args = (customerIds: string[], now: number) => [JSON.stringify(customerIds), now - WINDOW_MS, now];

/**
 * The statements that bring these customers' kept values up to date after their purchases were written: appended
 * to the purchase's own transaction (record-purchase.ts, the Delighted import), so the kept values never lag a
 * purchase. A purchase only adds, so nothing lapses here; the tier job handles time passing.
 */
export function customerValueWrites(customerIds: string[], now: number): InStatement[] {
  const a = args(customerIds, now);
  return [
    { sql: UPSERT_VALUES, args: a },
    { sql: UPSERT_REVENUE, args: a },
  ];
}

/**
 * The same for a customer's first purchase (a customer created with it): nothing to read, its values are the
 * purchase's own. Half the statements' work of customerValueWrites on the way most purchases arrive.
 */
export function firstPurchaseWrites(customerId: string, p: { amount: number; currency: string; purchasedAt: number }, now: number): InStatement[] {
  if (p.purchasedAt < now - WINDOW_MS) return [{ sql: `insert into customer_values (customer_id, purchases_12m, has_revenue, updated_at) values (?, 0, 0, ?)`, args: [customerId, now] }];
  const tier = tierAtPurchase({ purchases: 1, revenue: p.amount, currency: p.currency, gapMs: null }, { topRevenue: {} });
  return [
    {
      sql: `insert into customer_values (customer_id, purchases_12m, has_revenue, first_at, last_at, expires_at, last_currency, last_purchases, last_revenue, last_gap_ms, tier, updated_at) values (?, 1, ?, ?, ?, ?, ?, 1, ?, null, ?, ?)`,
      args: [customerId, p.amount > 0 ? 1 : 0, p.purchasedAt, p.purchasedAt, p.purchasedAt + WINDOW_MS, p.currency, p.amount, tier, now],
    },
    { sql: `insert into customer_revenue (customer_id, currency, revenue_12m, purchases_12m, tier, latest_class) values (?, ?, ?, 1, ?, null)`, args: [customerId, p.currency, p.amount, tier] },
  ];
}

/** Everything recomputed from the customers' purchases, lapsed months included: the job's expiry and the upgrade. */
function recomputeWrites(customerIds: string[], now: number): InStatement[] {
  const a = args(customerIds, now);
  return [
    { sql: ENSURE_ROW, args: a },
    { sql: RESET_LAPSED, args: a },
    { sql: UPSERT_VALUES, args: a },
    { sql: DELETE_LAPSED_REVENUE, args: a },
    { sql: UPSERT_REVENUE, args: a },
  ];
}

// ——— the tier job ———

/** Each currency's top-spender threshold over the kept 12-month revenues: the revenue ranked ceil(n/5) from the top. */
async function computeThresholds(deps: Pick<Deps, "db">, now: number): Promise<{ currency: string; topRevenue: number; customers: number }[]> {
  const c = deps.db.$client;
  const currencies = (await c.execute(`select currency, sum(customers) from value_totals where currency != '' group by currency having sum(customers) > 0`)).rows.map((r) => String(r[0]));
  const out: { currency: string; topRevenue: number; customers: number }[] = [];
  for (const currency of currencies) {
    const n = Number((await c.execute({ sql: `select count(*) from customer_revenue where currency = ? and revenue_12m > 0`, args: [currency] })).rows[0][0]);
    if (n === 0) continue;
    const rs = await c.execute({ sql: `select revenue_12m from customer_revenue where currency = ? and revenue_12m > 0 order by revenue_12m desc limit 1 offset ?`, args: [currency, topRank(n) - 1] });
    out.push({ currency, topRevenue: Number(rs.rows[0][0]), customers: n });
  }
  const before = new Map((await c.execute(`select currency, top_revenue from tier_thresholds`)).rows.map((r) => [String(r[0]), Number(r[1])]));
  const changed = out.length !== before.size || out.some((t) => before.get(t.currency) !== t.topRevenue);
  if (changed)
    await deps.db.commit([
      `delete from tier_thresholds`,
      ...out.map((t) => ({ sql: `insert into tier_thresholds (currency, top_revenue, customers, computed_at) values (?, ?, ?, ?)`, args: [t.currency, t.topRevenue, t.customers, now] })),
    ]);
  return changed ? out : [];
}

/** Current tiers under the thresholds now, a batch of customers at a time; only rows whose tier moves are written. */
async function retier(deps: Pick<Deps, "db">, now: number): Promise<number> {
  const tier = tierSql({ purchases: "last_purchases", revenue: "last_revenue", currency: "last_currency", gapMs: "last_gap_ms" });
  let moved = 0;
  for (let after = ""; ; ) {
    const ids = (await deps.db.$client.execute({ sql: `select customer_id from customer_values where customer_id > ? order by customer_id limit 5000`, args: [after] })).rows.map((r) => String(r[0]));
    if (!ids.length) return moved;
    const [r] = await deps.db.commit([
      { sql: `update customer_values set tier = ${tier}, updated_at = ?2 where customer_id in (select value from json_each(?1)) and purchases_12m > 0 and tier is not ${tier}`, args: [JSON.stringify(ids), now] },
    ]);
    moved += r.rowsAffected;
    after = ids[ids.length - 1];
  }
}

/** Customers whose oldest purchase of the 12 months has left them: recomputed, a batch at a time. */
async function expire(deps: Pick<Deps, "db">, now: number): Promise<number> {
  let expired = 0;
  for (;;) {
    const ids = (await deps.db.$client.execute({ sql: `select customer_id from customer_values where expires_at <= ? limit 1000`, args: [now] })).rows.map((r) => String(r[0]));
    if (!ids.length) return expired;
    await deps.db.commit(recomputeWrites(ids, now));
    expired += ids.length;
  }
}

export type ValueJobResult = { expired: number; thresholds: { currency: string; topRevenue: number; customers: number }[]; moved: number; backfill?: string | null };

/**
 * The tier job (scheduledJobs, on Node's timer and the Worker's Cron Trigger): finishes an upgrade's back-fill if
 * one is left, then at most hourly expires 12-month windows, recomputes each currency's threshold and moves the
 * current tiers that change with it. Answers keep the tier they were given (responses.tier).
 */
export async function runValueJob(deps: Pick<Deps, "db" | "clock" | "log">, opts: { force?: boolean } = {}): Promise<ValueJobResult | null> {
  const now = deps.clock.now();
  const [state] = (await deps.db.$client.execute(`select last_run_at, backfill from value_job where id = 1`)).rows;
  // A run's share of an unfinished upgrade stays well inside a Worker's scheduled run; the next run goes on.
  if (state?.[1]) return { expired: 0, thresholds: [], moved: 0, backfill: await upgradeCustomerValues(deps, { budgetMs: 10_000 }) };
  if (!opts.force && state?.[0] != null && now - Number(state[0]) < VALUE_JOB_EVERY_MS) return null;
  const expired = await expire(deps, now);
  const thresholds = await computeThresholds(deps, now);
  const moved = thresholds.length ? await retier(deps, now) : 0;
  await deps.db.commit([{ sql: `insert into value_job (id, last_run_at, backfill, cursor) values (1, ?, null, '') on conflict (id) do update set last_run_at = excluded.last_run_at`, args: [now] }]);
  return { expired, thresholds, moved };
}

// ——— the upgrade of an existing database ———

const CUSTOMER_BATCH = 2000;
const ROW_BATCH = 50_000;

/** The latest answer of each customer among a range of responses (by rowid), where newer than the one kept. */
const LATEST_FROM_RANGE = `update customer_values set latest_score = r.score, latest_class = case when r.score >= 9 then 1 when r.score >= 7 then 0 else -1 end,
  latest_updated_at = r.updated_at, latest_answered_at = r.answered_at, latest_template_id = r.template_id, latest_channel = r.channel, latest_locale = r.locale,
  latest_category = r.category, latest_tier = r.tier
from (select customer_id, score, updated_at, answered_at, template_id, channel, locale, category, tier,
    row_number() over (partition by customer_id order by updated_at desc, rowid desc) rn
  from responses where rowid > ?1 and rowid <= ?2 and score is not null) r
where r.rn = 1 and customer_values.customer_id = r.customer_id and (customer_values.latest_updated_at is null or customer_values.latest_updated_at <= r.updated_at)`;

/**
 * Back-fills the kept values of a database from before them (migration 0017 marks it), in batches that each commit,
 * with progress in the log, resuming where it stopped after a restart: every customer's values from their
 * purchases, the thresholds and current tiers, every answer's tier under the definition with revenue, then each
 * customer's latest answer. Run by the Node entry on start and by `npm run db:migrate` before serving; the tier job
 * continues one left unfinished. `budgetMs`: stop after this long (a Worker's scheduled run); `customerBatch`: customers per
 * transaction. Returns the step left (null: done).
 */
export async function upgradeCustomerValues(deps: Pick<Deps, "db" | "clock" | "log">, opts: { budgetMs?: number; customerBatch?: number } = {}): Promise<string | null> {
  const customerBatch = opts.customerBatch ?? CUSTOMER_BATCH;
  const c = deps.db.$client;
  const started = performance.now();
  const out = () => opts.budgetMs !== undefined && performance.now() - started > opts.budgetMs;
  const save = (step: string | null, cursor: string) => deps.db.commit([{ sql: `update value_job set backfill = ?, cursor = ? where id = 1`, args: [step, cursor] }]);
  let [state] = (await c.execute(`select backfill, cursor from value_job where id = 1`)).rows;
  if (!state?.[0]) return null;
  const now = deps.clock.now();
  const progress = (step: string, done: number, of: number) => deps.log.info("customer values upgrade", { step, done, of, ms: Math.round(performance.now() - started) });

  if (state[0] === "customers") {
    const of = Number((await c.execute(`select count(*) from customers`)).rows[0][0]);
    let after = String(state[1] ?? "");
    let done = Number((await c.execute({ sql: `select count(*) from customers where id <= ?`, args: [after] })).rows[0][0]);
    for (;;) {
      if (out()) return "customers";
      const ids = (await c.execute({ sql: `select id from customers where id > ? order by id limit ${customerBatch}`, args: [after] })).rows.map((r) => String(r[0]));
      if (!ids.length) break;
      after = ids[ids.length - 1];
      done += ids.length;
      await deps.db.commit([...recomputeWrites(ids, now), { sql: `update value_job set cursor = ? where id = 1`, args: [after] }]);
      progress("customers", done, of);
    }
    // Thresholds from the back-filled values, then current tiers under them, before the answers take theirs.
    const thresholds = await computeThresholds(deps, now);
    await retier(deps, now);
    deps.log.info("customer values upgrade", { step: "thresholds", thresholds });
    await save("tiers", "0");
    [state] = (await c.execute(`select backfill, cursor from value_job where id = 1`)).rows;
  }
  const maxRowid = Number((await c.execute(`select coalesce(max(rowid), 0) from responses`)).rows[0][0]);
  const stepped = async (step: string, next: string | null, batch: number, sql: string) => {
    for (let from = Number(state[1] ?? 0); from < maxRowid; from += batch) {
      if (out()) return false;
      await deps.db.commit([{ sql, args: [from, from + batch] }, { sql: `update value_job set cursor = ? where id = 1`, args: [String(from + batch)] }]);
      progress(step, Math.min(from + batch, maxRowid), maxRowid);
    }
    if (next) {
      await save(next, "0");
      [state] = (await c.execute(`select backfill, cursor from value_job where id = 1`)).rows;
    }
    return true;
  };
  if (state[0] === "tiers") {
    // Every answer's tier under the definition with revenue (the purchase it is about, the thresholds now); no
    // trigger runs for it, so this is one look-up per answer.
    if (!(await stepped("tiers", "answers", ROW_BATCH / 5, `update responses set tier = ${RESPONSE_TIER_SQL} where rowid > ?1 and rowid <= ?2`))) return "tiers";
  }
  if (state[0] === "answers") {
    // Each customer's latest answer, its tier included.
    if (!(await stepped("answers", null, ROW_BATCH, LATEST_FROM_RANGE))) return "answers";
  }
  await deps.db.commit([{ sql: `update value_job set backfill = null, cursor = '', last_run_at = ? where id = 1`, args: [now] }]);
  deps.log.info("customer values upgrade", { step: "done", ms: Math.round(performance.now() - started) });
  return null;
}

// ——— reads from the kept values ———

type Totals = { tier: string; currency: string; customers: number; revenue: number; purchases: number; promoterRevenue: number; passiveRevenue: number; detractorRevenue: number; detractorCustomers: number };

async function totals(deps: DbDeps): Promise<Totals[]> {
  const rs = await deps.db.$client.execute(`select tier, currency, customers, revenue, purchases, promoter_revenue, passive_revenue, detractor_revenue, detractor_customers from value_totals`);
  return rs.rows.map((r) => ({ tier: String(r[0]), currency: String(r[1]), customers: Number(r[2]), revenue: Number(r[3]), purchases: Number(r[4]), promoterRevenue: Number(r[5]), passiveRevenue: Number(r[6]), detractorRevenue: Number(r[7]), detractorCustomers: Number(r[8]) }));
}

/** Rounded as revenueWeightedNps (domain/value-analytics.ts): Σ revenue × class ÷ Σ revenue × 100, one decimal. */
const weightedNps = (promoter: number, passive: number, detractor: number) => {
  const total = promoter + passive + detractor;
  return total > 0 ? Math.round(((promoter - detractor) / total) * 1000) / 10 : null;
};

/** Currencies by purchases in the 12 months, most used first (ties by code). */
function currencyOrder(rows: Totals[]): string[] {
  const used = new Map<string, number>();
  for (const r of rows) if (r.currency !== "" && r.customers > 0) used.set(r.currency, (used.get(r.currency) ?? 0) + r.purchases);
  return [...used].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
}

export type ValueFilter = { from?: number; to?: number; templateId?: string; channel?: string; category?: string; locale?: string; tier?: Tier };
const filtered = (f: ValueFilter) => Object.values(f).some((v) => v !== undefined);

/** The latest-answer conditions of a filter on customer_values `v` (revenue at risk follows the customer's latest answer). */
function latestWhere(f: ValueFilter): { sql: string; args: (string | number)[] } {
  const parts: string[] = [];
  const a: (string | number)[] = [];
  const seg = (col: string, v: string) => (v === "-" ? parts.push(`${col} is null`) : (parts.push(`${col} = ?`), a.push(v)));
  if (f.from !== undefined) parts.push(`v.latest_answered_at >= ?`), a.push(f.from);
  if (f.to !== undefined) parts.push(`v.latest_answered_at < ?`), a.push(f.to);
  if (f.templateId !== undefined) parts.push(`v.latest_template_id = ?`), a.push(f.templateId);
  if (f.channel !== undefined) seg("v.latest_channel", f.channel);
  if (f.category !== undefined) seg("v.latest_category", f.category);
  if (f.locale !== undefined) parts.push(`v.latest_locale = ?`), a.push(f.locale);
  if (f.tier !== undefined) parts.push(`v.latest_tier = ?`), a.push(f.tier);
  return { sql: parts.length ? ` and ${parts.join(" and ")}` : "", args: a };
}

/**
 * Per currency over customers whose latest answer the filter selects: revenue-weighted sums and detractors. A read
 * of customer_values (one row per customer: the filter's columns are not indexed), then their revenue rows by key
 * (`cross join` keeps that order), never of purchases.
 */
async function filteredCurrencyFigures(deps: DbDeps, f: ValueFilter) {
  const w = latestWhere(f);
  const rs = await deps.db.$client.execute({
    sql: `select r.currency, sum(case when r.latest_class = 1 then r.revenue_12m else 0 end), sum(case when r.latest_class = 0 then r.revenue_12m else 0 end),
      sum(case when r.latest_class = -1 then r.revenue_12m else 0 end), sum(r.latest_class = -1 and r.revenue_12m > 0)
      from customer_values v cross join customer_revenue r on r.customer_id = v.customer_id where v.latest_class is not null${w.sql} group by r.currency`,
    args: w.args,
  });
  return new Map(rs.rows.map((r) => [String(r[0]), { promoterRevenue: Number(r[1]), passiveRevenue: Number(r[2]), detractorRevenue: Number(r[3]), detractorCustomers: Number(r[4]) }]));
}

/**
 * What the Analytics overview shows of customer value, from the kept values: customers and 12-month revenue per
 * current tier, and per currency revenue at risk, its customers and revenue-weighted NPS (over each customer's
 * latest answer; a filter selects customers by that answer). Figures without a currency are in `currency`, the
 * most used (most purchases in 12 months).
 */
export async function customerValueOverview(deps: DbDeps, filter: ValueFilter = {}) {
  const rows = await totals(deps);
  const currencies = currencyOrder(rows);
  const main = currencies[0];
  const byTier = (tier: string) => rows.filter((r) => r.tier === tier);
  const tiers = TIERS.map((tier) => {
    const revenueByCurrency: Record<string, number> = {};
    for (const r of byTier(tier)) if (r.currency !== "" && r.customers > 0) revenueByCurrency[r.currency] = r.revenue;
    const customers = byTier(tier).find((r) => r.currency === "")?.customers ?? 0;
    return { tier, customers, revenue12m: main ? (revenueByCurrency[main] ?? 0) : 0, revenueByCurrency };
  });
  const sums = filtered(filter) ? await filteredCurrencyFigures(deps, filter) : null;
  const perCurrency = currencies.map((currency) => {
    const s = sums
      ? (sums.get(currency) ?? { promoterRevenue: 0, passiveRevenue: 0, detractorRevenue: 0, detractorCustomers: 0 })
      : rows.filter((r) => r.currency === currency).reduce((a, r) => ({ promoterRevenue: a.promoterRevenue + r.promoterRevenue, passiveRevenue: a.passiveRevenue + r.passiveRevenue, detractorRevenue: a.detractorRevenue + r.detractorRevenue, detractorCustomers: a.detractorCustomers + r.detractorCustomers }), { promoterRevenue: 0, passiveRevenue: 0, detractorRevenue: 0, detractorCustomers: 0 });
    return { currency, total: s.detractorRevenue, customers: s.detractorCustomers, revenueWeightedNps: weightedNps(s.promoterRevenue, s.passiveRevenue, s.detractorRevenue) };
  });
  return { currency: main ?? null, currencies: perCurrency, tiers };
}

export type AtRiskCustomer = { customerId: string; email: string; name: string | null; tier: Tier; latestScore: number; revenue12m: number; revenueByCurrency: Record<string, number> };

/**
 * One page of revenue at risk: customers whose latest answer is a detractor's (0–6) with revenue in 12 months,
 * largest revenue in the main currency first (then those with none in it, by id), from the kept values: an index
 * read of the page, not a scan. `count` is how many there are.
 */
export async function atRiskList(deps: DbDeps, input: { filter?: ValueFilter; offset: number; limit: number }): Promise<{ currency: string | null; count: number; offset: number; customers: AtRiskCustomer[]; next: number | null }> {
  const c = deps.db.$client;
  const { offset, limit } = input;
  const filter = input.filter ?? {};
  const rows = await totals(deps);
  const main = currencyOrder(rows)[0] ?? null;
  let ids: string[];
  let count: number;
  if (filtered(filter)) {
    // A filter selects customers by their latest answer: read those customers (customer_values), not purchases.
    const w = latestWhere(filter);
    const mainRevenue = `coalesce((select r.revenue_12m from customer_revenue r where r.customer_id = v.customer_id and r.currency = ?), 0)`;
    const list = await c.execute({ sql: `select v.customer_id from customer_values v where v.latest_class = -1 and v.has_revenue = 1${w.sql} order by ${mainRevenue} desc, v.customer_id desc`, args: [...w.args, main ?? ""] });
    ids = list.rows.slice(offset, offset + limit).map((r) => String(r[0]));
    count = list.rows.length;
  } else {
    count = rows.filter((r) => r.currency === "").reduce((s, r) => s + r.detractorCustomers, 0);
    const inMain = main ? rows.filter((r) => r.currency === main).reduce((s, r) => s + r.detractorCustomers, 0) : 0;
    ids = [];
    if (main && offset < inMain) {
      const rs = await c.execute({ sql: `select customer_id from customer_revenue where currency = ? and latest_class = -1 and revenue_12m > 0 order by revenue_12m desc, customer_id desc limit ? offset ?`, args: [main, limit, offset] });
      ids.push(...rs.rows.map((r) => String(r[0])));
    }
    if (ids.length < limit && offset + ids.length < count) {
      // Then those with revenue only in other currencies, by id.
      const rs = await c.execute({
        sql: `select v.customer_id from customer_values v where v.latest_class = -1 and v.has_revenue = 1
          and not exists (select 1 from customer_revenue r where r.customer_id = v.customer_id and r.currency = ? and r.revenue_12m > 0) order by v.customer_id limit ? offset ?`,
        args: [main ?? "", limit - ids.length, Math.max(0, offset - inMain)],
      });
      ids.push(...rs.rows.map((r) => String(r[0])));
    }
  }
  return { currency: main, count, offset, customers: await contacts(deps, ids, main), next: offset + limit < count ? offset + limit : null };
}

/** The listed customers' contact, current tier, latest score and revenue per currency: look-ups by key. */
async function contacts(deps: DbDeps, ids: string[], main: string | null): Promise<AtRiskCustomer[]> {
  if (!ids.length) return [];
  const c = deps.db.$client;
  const json = JSON.stringify(ids);
  const [people, revenue] = await Promise.all([
    c.execute({ sql: `select c.id, c.email, c.name, v.tier, v.latest_score from customers c join customer_values v on v.customer_id = c.id where c.id in (select value from json_each(?))`, args: [json] }),
    c.execute({ sql: `select customer_id, currency, revenue_12m from customer_revenue where customer_id in (select value from json_each(?))`, args: [json] }),
  ]);
  const byCustomer = new Map<string, Record<string, number>>();
  for (const r of revenue.rows) byCustomer.set(String(r[0]), { ...byCustomer.get(String(r[0])), [String(r[1])]: Number(r[2]) });
  const person = new Map(people.rows.map((r) => [String(r[0]), r]));
  return ids.map((id) => {
    const p = person.get(id)!;
    const rev = byCustomer.get(id) ?? {};
    return { customerId: id, email: String(p[1]), name: p[2] === null ? null : String(p[2]), tier: ((p[3] as Tier | null) ?? "new") as Tier, latestScore: Number(p[4]), revenue12m: main ? (rev[main] ?? 0) : 0, revenueByCurrency: rev };
  });
}
