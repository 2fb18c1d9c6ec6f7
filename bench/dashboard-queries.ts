// Dashboard reads at 10k / 100k / 1M responses, as the API runs them (from score rollups), next to the same numbers aggregated from the responses table.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, gte, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { connectNode } from "../db/node/connect-node";
import { migrateDb } from "../db/migrate";
import { responses } from "../db/schema";
import { COST_KINDS, VALUE_TYPES } from "../server/domain/template-content";
import { summarizeScores, type LikertTotal, type ScoreSummary } from "../server/domain/value-model";
import { rebuildRollups } from "../server/services/score-rollups";
import { comparePeriods, scoreBreakdown, scoreSummary, scoreTrend, type ScoreFilter } from "../server/services/scores";
import { generatedResponsesDb, type GeneratedDb } from "./lib/generate-responses";
import type { Benchmark } from "./lib/report";
import { fmt, fmtSpread, spread, type Spread } from "./lib/stats";

const DAY = 86_400_000;
/** The dashboard issue's goals: each read < 15 ms at 1M responses, and within 2× of its time at 10k. */
const GOAL_MS = 15;
const GOAL_RATIO = 2;

type Query = { label: string; run: (db: Db, now: number) => Promise<unknown>; filter?: (now: number) => ScoreFilter };
/** "Now" rounded down to a UTC day: the dashboard sends whole days (its date pickers), so the ends fall on rollup buckets. */
const today = (now: number) => Math.floor(now / DAY) * DAY + DAY;

const QUERIES: Record<string, Query> = {
  summary: { label: "summary, all time", run: (db) => scoreSummary(db, {}), filter: () => ({}) },
  summary30: { label: "summary, last 30 days", run: (db, now) => scoreSummary(db, { from: today(now) - 30 * DAY, to: today(now) }), filter: (now) => ({ from: today(now) - 30 * DAY, to: today(now) }) },
  channel: { label: "summary, one filter (channel = web)", run: (db) => scoreSummary(db, { channel: "web" }), filter: () => ({ channel: "web" }) },
  locale: { label: "summary, one filter (locale = vi), last 90 days", run: (db, now) => scoreSummary(db, { locale: "vi", from: today(now) - 90 * DAY, to: today(now) }), filter: (now) => ({ locale: "vi", from: today(now) - 90 * DAY, to: today(now) }) },
  category: { label: "summary, one filter (category = tea)", run: (db) => scoreSummary(db, { category: "tea" }), filter: () => ({ category: "tea" }) },
  twoFilters: { label: "summary, two filters (channel = app, locale = en)", run: (db) => scoreSummary(db, { channel: "app", locale: "en" }), filter: () => ({ channel: "app", locale: "en" }) },
  trendDay: { label: "trend by day, last 90 days", run: (db, now) => scoreTrend(db, { from: today(now) - 90 * DAY, to: today(now) }, "day") },
  trendWeek: { label: "trend by week, all time", run: (db) => scoreTrend(db, {}, "week") },
  trendMonth: { label: "trend by month, all time", run: (db) => scoreTrend(db, {}, "month") },
  trendDayFiltered: { label: "trend by day, last 90 days, channel = web", run: (db, now) => scoreTrend(db, { channel: "web", from: today(now) - 90 * DAY, to: today(now) }, "day") },
  byChannel: { label: "breakdown by channel, all time", run: (db) => scoreBreakdown(db, {}, "channel") },
  byCategory: { label: "breakdown by category, last 30 days", run: (db, now) => scoreBreakdown(db, { from: today(now) - 30 * DAY, to: today(now) }, "category") },
  compare: { label: "compare last 30 days with the 30 before", run: (db, now) => comparePeriods(db, { from: today(now) - 30 * DAY, to: today(now) }) },
};
const NAMES = Object.keys(QUERIES);

// ——— the yardstick: the same summary aggregated from the responses table ———

const likertColumns = {
  functional: responses.benefitFunctional,
  social: responses.benefitSocial,
  emotional: responses.benefitEmotional,
  monetary: responses.benefitMonetary,
  money: responses.costMoney,
  time: responses.costTime,
  effort: responses.costEffort,
  risk: responses.costRisk,
};

async function scanSummary(db: Db, f: ScoreFilter): Promise<ScoreSummary> {
  const likert = (col: AnyColumn) => ({ sum: sql<number>`coalesce(sum(${col}), 0)`, count: sql<number>`count(${col})` });
  const where: (SQL | undefined)[] = [
    f.from !== undefined ? gte(responses.answeredAt, f.from) : undefined,
    f.to !== undefined ? lt(responses.answeredAt, f.to) : undefined,
    f.channel !== undefined ? eq(responses.channel, f.channel) : undefined,
    f.locale !== undefined ? eq(responses.locale, f.locale) : undefined,
    f.category !== undefined ? eq(responses.category, f.category) : undefined,
  ];
  const [row] = await db
    .select({
      promoters: sql<number>`coalesce(sum(${responses.score} >= 9), 0)`,
      passives: sql<number>`coalesce(sum(${responses.score} between 7 and 8), 0)`,
      detractors: sql<number>`coalesce(sum(${responses.score} <= 6), 0)`,
      csatSatisfied: sql<number>`coalesce(sum(${responses.csat} >= 4), 0)`,
      csatResponses: sql<number>`count(${responses.csat})`,
      ...Object.fromEntries(Object.entries(likertColumns).flatMap(([k, col]) => Object.entries(likert(col)).map(([part, v]) => [`${k}_${part}`, v]))),
    })
    .from(responses)
    .where(and(...where));
  const r = row as Record<string, unknown>;
  const total = (k: string): LikertTotal => ({ sum: Number(r[`${k}_sum`]), count: Number(r[`${k}_count`]) });
  return summarizeScores({
    nps: { promoters: Number(r.promoters), passives: Number(r.passives), detractors: Number(r.detractors) },
    csat: { satisfied: Number(r.csatSatisfied), responses: Number(r.csatResponses) },
    benefits: Object.fromEntries(VALUE_TYPES.map((t) => [t, total(t)])) as Record<(typeof VALUE_TYPES)[number], LikertTotal>,
    costs: Object.fromEntries(COST_KINDS.map((k) => [k, total(k)])) as Record<(typeof COST_KINDS)[number], LikertTotal>,
  });
}

// ——— measuring ———

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

type ScaleResult = { g: GeneratedDb; rollupRows: number; rebuildMs: number; times: Record<string, Spread>; scanSummaryMs: number };

async function measureScale(n: number, quick: boolean): Promise<ScaleResult> {
  const g = await generatedResponsesDb(n, { log: (m) => console.error(`  ${m}`) });
  // The generated file is shared and read-only: this schema's migrations and the rollups go into a copy.
  const dir = mkdtempSync(join(tmpdir(), "valuepulse-dashboard-bench-"));
  const path = join(dir, "responses.db");
  copyFileSync(g.path, path);
  const client = await connectNode(`file:${path}`);
  try {
    const db = createDb(client);
    await migrateDb(db);
    const rebuildMs = await timed(() => rebuildRollups(db));
    const rollupRows = Number((await client.execute("select count(*) n from score_rollups")).rows[0].n);
    const now = g.endAt;

    // Rollups must give exactly what aggregating the responses gives, or the timing means nothing.
    for (const q of NAMES) {
      const f = QUERIES[q].filter?.(now);
      if (!f) continue;
      const [fast, slow] = [await QUERIES[q].run(db, now), await scanSummary(db, f)];
      if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error(`${q}: rollups and scan disagree at ${n}:\n${JSON.stringify(fast)}\n${JSON.stringify(slow)}`);
    }
    const scanSummaryMs = await timed(() => scanSummary(db, {}));

    const runs = quick ? 5 : 9;
    const samples = Object.fromEntries(NAMES.map((q) => [q, [] as number[]]));
    for (const q of NAMES) await QUERIES[q].run(db, now); // warm-up
    for (let r = 0; r < runs; r++) for (const q of NAMES) samples[q].push(await timed(() => QUERIES[q].run(db, now)));
    return { g, rollupRows, rebuildMs, times: Object.fromEntries(NAMES.map((q) => [q, spread(samples[q])])), scanSummaryMs };
  } finally {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Benchmark = {
  name: "dashboard-queries",
  async run({ quick }) {
    const scales = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    const results: ScaleResult[] = [];
    for (const n of scales) results.push(await measureScale(n, quick));

    const smallest = results[0];
    const largest = results.at(-1)!;
    const over = NAMES.filter((q) => largest.times[q].median >= GOAL_MS);
    const slower = NAMES.filter((q) => largest.times[q].median > GOAL_RATIO * Math.max(smallest.times[q].median, 0.5));
    const at = largest.g.n.toLocaleString("en-US");
    const verdict =
      (over.length === 0 ? `**met at ${at}**: every median is under ${GOAL_MS} ms` : `**not met at ${at}**: ${over.map((q) => `${QUERIES[q].label} (${fmt(largest.times[q].median)} ms)`).join(", ")}`) +
      (slower.length === 0
        ? `, and within ${GOAL_RATIO}× of its median at 10,000 (sub-0.5 ms medians count as 0.5 ms).`
        : `; more than ${GOAL_RATIO}× its 10,000 median: ${slower.map((q) => QUERIES[q].label).join(", ")}.`) +
      (largest.g.n < 1_000_000 ? " Quick mode stops at 100,000; run `npm run bench -- dashboard-queries` for 1M." : "");

    const lines = [
      `Each database comes from \`bench/lib/generate-responses.ts\` (one year of responses, growing towards the present; four channels, eight categories, en/vi), ` +
        `copied, migrated to this schema, and its rollups built once by \`rebuildRollups\` (what start-up does for a database from before rollups). ` +
        `Every read is the service function the API route calls (\`server/services/scores.ts\`), on one connection with the product's PRAGMAs, warm, ` +
        `${quick ? 5 : 9} runs each, interleaved; ms min / **median** / max. Date ranges are whole UTC days, as the dashboard sends them. ` +
        `Before timing, every summary is checked to equal the same numbers aggregated from the responses table.`,
      "",
      `| | ${results.map((r) => r.g.n.toLocaleString("en-US")).join(" | ")} |`,
      `|---|${results.map(() => "---").join("|")}|`,
      `| rollup rows | ${results.map((r) => r.rollupRows.toLocaleString("en-US")).join(" | ")} |`,
      `| building every rollup from scratch (ms, once) | ${results.map((r) => fmt(r.rebuildMs, 0)).join(" | ")} |`,
      `| yardstick: all-time summary aggregated from \`responses\` (ms, once) | ${results.map((r) => fmt(r.scanSummaryMs)).join(" | ")} |`,
      ...NAMES.map((q) => `| ${QUERIES[q].label} | ${results.map((r) => fmtSpread(r.times[q])).join(" | ")} |`),
      "",
      `Goal (dashboard issue): each read < ${GOAL_MS} ms at 1M responses and within ${GOAL_RATIO}× of its time at 10,000 — ${verdict}`,
      "",
      "The Analytics page's reads and Live's reads with a tier filter: `npm run bench -- analytics-reads` (below).",
    ];
    return { title: "Dashboard queries: summary, filters, trends, breakdowns, comparison (from rollups)", markdown: lines.join("\n") };
  },
};
export default bench;
