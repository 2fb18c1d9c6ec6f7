// Dashboard reads at 10k / 100k / 1M responses: today's SQL aggregates over `responses`, next to a naive full scan into JS.
import { createClient, type Client, type InStatement } from "@libsql/client";
import { and, gte, lt, sql, type AnyColumn } from "drizzle-orm";
import { applyFilePragmas, createDb, type Db } from "../db/client";
import { responses } from "../db/schema";
import { npsFromCounts } from "../server/domain/nps";
import { COST_KINDS, VALUE_TYPES } from "../server/domain/template-content";
import { summarizeScores, type LikertTotal, type ScoreSummary } from "../server/domain/value-model";
import { scoreSummary } from "../server/services/scores";
import { generatedResponsesDb, type GeneratedDb } from "./lib/generate-responses";
import type { Benchmark } from "./lib/report";
import { fmt, fmtSpread, spread, type Spread } from "./lib/stats";

const DAY = 86_400_000;
/** The dashboard issue's goal for each of these reads at 1M responses. */
const GOAL_MS = 15;

type QueryName = "summary" | "summary30" | "trend90" | "byChannel";
const LABELS: Record<QueryName, string> = {
  summary: "summary, all time — `scoreSummary(db, {})`",
  summary30: "summary, last 30 days — `scoreSummary(db, {from, to})`",
  trend90: "daily NPS trend, last 90 days",
  byChannel: "breakdown by channel, all time",
};
const NAMES = Object.keys(LABELS) as QueryName[];

// ——— the current approach: SQL aggregates over the responses table ———

const likertColumns = {
  b_functional: responses.benefitFunctional,
  b_social: responses.benefitSocial,
  b_emotional: responses.benefitEmotional,
  b_monetary: responses.benefitMonetary,
  c_money: responses.costMoney,
  c_time: responses.costTime,
  c_effort: responses.costEffort,
  c_risk: responses.costRisk,
};

/** Daily NPS: there is no trend endpoint yet, so this is the query one would write today (UTC days). */
async function dailyTrend(db: Db, from: number, to: number) {
  // Inlined: a bound number arrives as a float, and the division would not truncate to whole days.
  const day = sql<number>`${responses.answeredAt} / ${sql.raw(String(DAY))}`;
  const rows = await db
    .select({
      day,
      promoters: sql<number>`coalesce(sum(${responses.score} >= 9), 0)`,
      passives: sql<number>`coalesce(sum(${responses.score} between 7 and 8), 0)`,
      detractors: sql<number>`coalesce(sum(${responses.score} <= 6), 0)`,
    })
    .from(responses)
    .where(and(gte(responses.answeredAt, from), lt(responses.answeredAt, to)))
    .groupBy(day)
    .orderBy(day);
  return rows.map((r) => ({ day: new Date(Number(r.day) * DAY).toISOString().slice(0, 10), nps: npsFromCounts({ promoters: Number(r.promoters), passives: Number(r.passives), detractors: Number(r.detractors) }) }));
}

/** The full summary per channel, as scoreSummary computes it, grouped in SQL. */
async function byChannel(db: Db) {
  const likert = (col: AnyColumn) => ({ sum: sql<number>`coalesce(sum(${col}), 0)`, count: sql<number>`count(${col})` });
  const rows = await db
    .select({
      channel: responses.channel,
      promoters: sql<number>`coalesce(sum(${responses.score} >= 9), 0)`,
      passives: sql<number>`coalesce(sum(${responses.score} between 7 and 8), 0)`,
      detractors: sql<number>`coalesce(sum(${responses.score} <= 6), 0)`,
      csatSatisfied: sql<number>`coalesce(sum(${responses.csat} >= 4), 0)`,
      csatResponses: sql<number>`count(${responses.csat})`,
      ...Object.fromEntries(Object.entries(likertColumns).flatMap(([k, col]) => Object.entries(likert(col)).map(([part, v]) => [`${k}_${part}`, v]))),
    })
    .from(responses)
    .groupBy(responses.channel);
  return rows.map((row) => {
    const r = row as Record<string, unknown>;
    const total = (k: string): LikertTotal => ({ sum: Number(r[`${k}_sum`]), count: Number(r[`${k}_count`]) });
    return {
      channel: row.channel,
      scores: summarizeScores({
        nps: { promoters: Number(r.promoters), passives: Number(r.passives), detractors: Number(r.detractors) },
        csat: { satisfied: Number(r.csatSatisfied), responses: Number(r.csatResponses) },
        benefits: Object.fromEntries(VALUE_TYPES.map((t) => [t, total(`b_${t}`)])) as Record<(typeof VALUE_TYPES)[number], LikertTotal>,
        costs: Object.fromEntries(COST_KINDS.map((k) => [k, total(`c_${k}`)])) as Record<(typeof COST_KINDS)[number], LikertTotal>,
      }),
    };
  });
}

// ——— the naive approach: every response row into JS, aggregated there ———

type Row = Awaited<ReturnType<typeof everyRow>>[number];

function emptyTotals() {
  return {
    nps: { promoters: 0, passives: 0, detractors: 0 },
    csat: { satisfied: 0, responses: 0 },
    benefits: Object.fromEntries(VALUE_TYPES.map((t) => [t, { sum: 0, count: 0 }])) as Record<(typeof VALUE_TYPES)[number], LikertTotal>,
    costs: Object.fromEntries(COST_KINDS.map((k) => [k, { sum: 0, count: 0 }])) as Record<(typeof COST_KINDS)[number], LikertTotal>,
  };
}
type Totals = ReturnType<typeof emptyTotals>;

const benefitOf: Record<(typeof VALUE_TYPES)[number], keyof Row> = { functional: "benefitFunctional", social: "benefitSocial", emotional: "benefitEmotional", monetary: "benefitMonetary" };
const costOf: Record<(typeof COST_KINDS)[number], keyof Row> = { money: "costMoney", time: "costTime", effort: "costEffort", risk: "costRisk" };

function addRow(t: Totals, r: Row) {
  if (r.score !== null) {
    if (r.score >= 9) t.nps.promoters++;
    else if (r.score >= 7) t.nps.passives++;
    else t.nps.detractors++;
  }
  if (r.csat !== null) {
    t.csat.responses++;
    if (r.csat >= 4) t.csat.satisfied++;
  }
  for (const v of VALUE_TYPES) {
    const x = r[benefitOf[v]] as number | null;
    if (x !== null) (t.benefits[v].sum += x), t.benefits[v].count++;
  }
  for (const k of COST_KINDS) {
    const x = r[costOf[k]] as number | null;
    if (x !== null) (t.costs[k].sum += x), t.costs[k].count++;
  }
}

/** Every response row through drizzle, with the columns these aggregates use. */
const everyRow = (db: Db) =>
  db
    .select({
      channel: responses.channel,
      score: responses.score,
      csat: responses.csat,
      benefitFunctional: responses.benefitFunctional,
      benefitSocial: responses.benefitSocial,
      benefitEmotional: responses.benefitEmotional,
      benefitMonetary: responses.benefitMonetary,
      costMoney: responses.costMoney,
      costTime: responses.costTime,
      costEffort: responses.costEffort,
      costRisk: responses.costRisk,
      answeredAt: responses.answeredAt,
    })
    .from(responses);

const naive = {
  async summary(db: Db, filter: { from?: number; to?: number }): Promise<ScoreSummary> {
    const t = emptyTotals();
    for (const r of await everyRow(db))
      if ((filter.from === undefined || r.answeredAt >= filter.from) && (filter.to === undefined || r.answeredAt < filter.to)) addRow(t, r);
    return summarizeScores(t);
  },
  async trend(db: Db, from: number, to: number) {
    const days = new Map<number, Totals["nps"]>();
    for (const r of await everyRow(db)) {
      if (r.answeredAt < from || r.answeredAt >= to || r.score === null) continue;
      const d = Math.floor(r.answeredAt / DAY);
      let c = days.get(d);
      if (!c) days.set(d, (c = { promoters: 0, passives: 0, detractors: 0 }));
      if (r.score >= 9) c.promoters++;
      else if (r.score >= 7) c.passives++;
      else c.detractors++;
    }
    return [...days].sort(([a], [b]) => a - b).map(([d, c]) => ({ day: new Date(d * DAY).toISOString().slice(0, 10), nps: npsFromCounts(c) }));
  },
  async byChannel(db: Db) {
    const groups = new Map<string | null, Totals>();
    for (const r of await everyRow(db)) {
      let t = groups.get(r.channel);
      if (!t) groups.set(r.channel, (t = emptyTotals()));
      addRow(t, r);
    }
    return [...groups].map(([channel, t]) => ({ channel, scores: summarizeScores(t) }));
  },
};

// ——— measuring ———

/** Records the last statement drizzle sent, so its plan can be shown. */
function recordingClient(client: Client): { client: Client; last(): InStatement | null } {
  let last: InStatement | null = null;
  const execute = client.execute.bind(client);
  (client as { execute: Client["execute"] }).execute = ((stmt: InStatement, args?: unknown) => {
    last = stmt;
    return (execute as (s: InStatement, a?: unknown) => ReturnType<Client["execute"]>)(stmt, args);
  }) as Client["execute"];
  return { client, last: () => last };
}

async function timed(f: () => Promise<unknown>): Promise<{ ms: number; result: unknown }> {
  const t0 = performance.now();
  const result = await f();
  return { ms: performance.now() - t0, result };
}

const NAIVE_RUNS = 3;

/** JSON with groups in a stable order (GROUP BY and a Map need not agree on it). */
const canonical = (x: unknown) =>
  JSON.stringify(Array.isArray(x) && x.length && "channel" in (x[0] as object) ? [...(x as { channel: string | null }[])].sort((a, b) => String(a.channel).localeCompare(String(b.channel))) : x);

type ScaleResult = {
  g: GeneratedDb;
  current: Record<QueryName, Spread>;
  naive: Record<QueryName, Spread> | null;
  plans: Record<QueryName, string>;
  rowsIn: { last30: number; last90: number };
};

async function measureScale(n: number, quick: boolean): Promise<ScaleResult> {
  const g = await generatedResponsesDb(n, { log: (m) => console.error(`  ${m}`) });
  const rec = recordingClient(createClient({ url: g.url, concurrency: 1, timeout: 5000 }));
  const client = rec.client;
  // The product's connection settings; these reads write nothing.
  await applyFilePragmas(client);
  const db = createDb(client);
  try {
    const now = g.endAt;
    const current: Record<QueryName, () => Promise<unknown>> = {
      summary: () => scoreSummary(db, {}),
      summary30: () => scoreSummary(db, { from: now - 30 * DAY, to: now }),
      trend90: () => dailyTrend(db, now - 90 * DAY, now),
      byChannel: () => byChannel(db),
    };
    const naiveRuns: Record<QueryName, () => Promise<unknown>> = {
      summary: () => naive.summary(db, {}),
      summary30: () => naive.summary(db, { from: now - 30 * DAY, to: now }),
      trend90: () => naive.trend(db, now - 90 * DAY, now),
      byChannel: () => naive.byChannel(db),
    };
    const plans = {} as Record<QueryName, string>;
    for (const q of NAMES) {
      await current[q]();
      const stmt = rec.last()!;
      const s = typeof stmt === "string" ? { sql: stmt, args: [] } : stmt;
      const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args as never });
      plans[q] = plan.rows.map((r) => String(r.detail)).join("; ");
    }
    const count = async (from: number) => Number((await client.execute({ sql: "select count(*) n from responses where answered_at >= ? and answered_at < ?", args: [from, now] })).rows[0].n);
    const rowsIn = { last30: await count(now - 30 * DAY), last90: await count(now - 90 * DAY) };

    // SQL first (after one warm-up call each), then the scans; each query's runs interleaved with the others'.
    const runs = quick ? 5 : 7;
    const times = Object.fromEntries(NAMES.map((q) => [q, [] as number[]])) as Record<QueryName, number[]>;
    const answers = {} as Record<QueryName, string>;
    for (const q of NAMES) answers[q] = canonical(await current[q]());
    for (let r = 0; r < runs; r++) for (const q of NAMES) times[q].push((await timed(current[q])).ms);
    // A scan costs ~17 µs per row (libSQL row objects + drizzle mapping); quick mode scans only the smallest table.
    let naiveSpread: ScaleResult["naive"] = null;
    if (!quick || n <= 10_000) {
      const naiveTimes = Object.fromEntries(NAMES.map((q) => [q, [] as number[]])) as Record<QueryName, number[]>;
      for (let r = 0; r < NAIVE_RUNS; r++)
        for (const q of NAMES) {
          const { ms, result } = await timed(naiveRuns[q]);
          naiveTimes[q].push(ms);
          // Both approaches must agree, or the comparison means nothing.
          if (r === 0 && canonical(result) !== answers[q]) throw new Error(`${q}: SQL and naive scan disagree at ${n}:\n${answers[q].slice(0, 300)}\n${canonical(result).slice(0, 300)}`);
        }
      naiveSpread = Object.fromEntries(NAMES.map((q) => [q, spread(naiveTimes[q])])) as Record<QueryName, Spread>;
    }
    return {
      g,
      current: Object.fromEntries(NAMES.map((q) => [q, spread(times[q])])) as Record<QueryName, Spread>,
      naive: naiveSpread,
      plans,
      rowsIn,
    };
  } finally {
    client.close();
  }
}

const bench: Benchmark = {
  name: "dashboard-queries",
  async run({ quick }) {
    const scales = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    const results: ScaleResult[] = [];
    for (const n of scales) results.push(await measureScale(n, quick));

    const largest = results.at(-1)!;
    const atMillion = results.find((r) => r.g.n === 1_000_000);
    const slowest = (r: ScaleResult) => Math.max(...NAMES.map((q) => r.current[q].median));
    const verdict = atMillion
      ? NAMES.every((q) => atMillion.current[q].median < GOAL_MS)
        ? `**met**: every query's median is under ${GOAL_MS} ms at 1M responses.`
        : `**not met today**: at 1M responses ${NAMES.filter((q) => atMillion.current[q].median >= GOAL_MS)
            .map((q) => `${LABELS[q].split(" — ")[0]} takes ${fmt(atMillion.current[q].median)} ms`)
            .join(", ")} (medians). Aggregating the responses table on every read cannot reach it; rollups maintained in the same transaction as the write are the dashboard issue's job.`
      : `**not measured at 1M** (quick mode stops at ${largest.g.n.toLocaleString("en-US")}); there the slowest query's median is already ${fmt(slowest(largest))} ms${slowest(largest) >= GOAL_MS ? `, over the ${GOAL_MS} ms budget` : ""}, and scan time grows with the table.`;

    const generation = results
      .map((r) => `${r.g.n.toLocaleString("en-US")}: ${(r.g.generatedInMs / 1000).toFixed(1)} s${r.g.cached ? " (reused)" : ""}`)
      .join(", ");
    const lines = [
      `Each database is filled by \`bench/lib/generate-responses.ts\` (cached in the OS temp folder; generation took ${generation}): ` +
        `responses over one year, growing towards the present (the last month has about 3× the first's), three templates, four channels (web, app, marketplace, shop), ` +
        `en/vi customers, ~45 % promoters / 30 % passives / 25 % detractors, CSAT and the four benefit and four cost answers (each sometimes blank, ~22 % score only), comments on ~20 %, ` +
        `and the customers, purchases, items and invitations their foreign keys need. "Now" is the moment the file was generated.`,
      "",
      `**Current approach**: the SQL a dashboard endpoint runs today, on one connection with the product's PRAGMAs (WAL, default 2 MiB page cache): ` +
        `(a) \`scoreSummary(db, {})\` from \`server/services/scores.ts\`; (b) the same with \`from\` = now − 30 days; ` +
        `(c) NPS per UTC day over the last 90 days, one \`GROUP BY answered_at / 86400000\` query (written in this bench: there is no trend endpoint yet); ` +
        `(d) the full summary per channel, one \`GROUP BY channel\` query. ` +
        `**Naive full scan**: every response row (the 12 columns these aggregates need) into JS through drizzle, with no \`WHERE\`, then the same aggregates in JS; ` +
        `its first result is checked to equal the SQL one. Timed warm (the OS page cache holds the file; one untimed call of each SQL query first), ` +
        `${quick ? 5 : 7} runs of each SQL query and ${NAIVE_RUNS} of each scan, interleaved across the four queries; ms min / **median** / max.`,
      "",
      "| responses | query | rows in range | current SQL (ms) | naive full scan (ms) |",
      "|---|---|---|---|---|",
      ...results.flatMap((r) =>
        NAMES.map(
          (q) =>
            `| ${r.g.n.toLocaleString("en-US")} | ${LABELS[q]} | ${(q === "summary30" ? r.rowsIn.last30 : q === "trend90" ? r.rowsIn.last90 : r.g.n).toLocaleString("en-US")} | ${fmtSpread(r.current[q])} | ${r.naive ? fmtSpread(r.naive[q], 0) : "not run in quick mode"} |`,
        ),
      ),
      "",
      `Query plans (SQLite's \`EXPLAIN QUERY PLAN\`, no \`ANALYZE\` statistics, as in production): ` +
        NAMES.map((q) => `${LABELS[q].split(" — ")[0]}: \`${largest.plans[q]}\``).join("; ") +
        ".",
      "",
      `Goal (dashboard issue): each of these reads < ${GOAL_MS} ms at 1M responses — ${verdict}`,
    ];
    return { title: "Dashboard queries: summary, 30-day summary, 90-day trend, channel breakdown", markdown: lines.join("\n") };
  },
};
export default bench;
