// The Analytics page's answer-side figures from the answer rollups (rollup-reads.ts), never a scan of the responses:
// NPS overall and per tier at answer time, segments, period comparison, key drivers, scale reliability,
// expectations and touchpoints. The estimators are the pure ones of server/domain, fed with sums.
import { templates, templateVersions } from "../../db/schema";
import { keyDriversFromSums } from "../domain/key-drivers";
import { npsFromCounts, type NpsCounts } from "../domain/nps";
import { driverSumsOf } from "../domain/pair-sums";
import { ALPHA_FLOOR, cronbachAlpha, type ItemSums } from "../domain/scale-reliability";
import { EXPECTATIONS, templateContentSchema, TOUCHPOINTS, VALUE_TYPES, type Expectation, type Question, type TemplateContent } from "../domain/template-content";
import { expectationSharesOf, meanRating, npsDifference } from "../domain/value-analytics";
import { TIERS, type Tier } from "../domain/value-tiers";
import type { SegmentDimension } from "../domain/vocabulary";
import { answerSums, keySums, type AnswerGrouping, type ReadDeps, type RollupFilter } from "./rollup-reads";

/** The Analytics filter (answered in [from, to), template, channel, category, locale, tier at answer time). */
export type AnswerFilter = { from?: number; to?: number; templateId?: string; channel?: string; category?: string; locale?: string; tier?: Tier };

const rollupFilter = ({ templateId, ...f }: AnswerFilter): RollupFilter => ({ ...f, template: templateId });

/** The app's Deps as far as these reads go (see ReadDeps). */
type Db = ReadDeps;

async function sumsBy(deps: Db, filter: AnswerFilter, group: AnswerGrouping) {
  return answerSums(deps, rollupFilter(filter), group);
}

/** NPS of the answers in the filter, and per tier at answer time (every tier listed). */
export async function npsByTier(deps: Db, filter: AnswerFilter) {
  const [[all], byTier] = await Promise.all([sumsBy(deps, filter, "none"), sumsBy(deps, filter, "tier")]);
  const tiers = new Map(byTier.map((s) => [s.key, s.totals.nps]));
  const none: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  return { nps: npsFromCounts(all.totals.nps), tiers: Object.fromEntries(TIERS.map((t) => [t, npsFromCounts(tiers.get(t) ?? none)])) as Record<Tier, ReturnType<typeof npsFromCounts>> };
}

/** This period against the one of the same length before it. */
export async function periodFromSums(deps: Db, filter: AnswerFilter & { from: number; to: number }) {
  const length = filter.to - filter.from;
  const [[current], [previous]] = await Promise.all([sumsBy(deps, filter, "none"), sumsBy(deps, { ...filter, from: filter.from - length, to: filter.from }, "none")]);
  const a = current.totals.nps;
  const b = previous.totals.nps;
  return { current: npsFromCounts(a), previous: npsFromCounts(b), test: "two-sample z-test on NPS (adjusted-Wald variances)", difference: npsDifference(a, b) };
}

/** Each segment's NPS counts and the rest's ("(none)": no channel or tier), largest first. */
export async function segmentCounts(deps: Db, filter: AnswerFilter, dimension: SegmentDimension) {
  const rows = await sumsBy(deps, filter, dimension);
  const all: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const r of rows) (all.promoters += r.totals.nps.promoters), (all.passives += r.totals.nps.passives), (all.detractors += r.totals.nps.detractors);
  return {
    all,
    segments: rows.map((r) => ({ segment: r.key === "-" && dimension !== "locale" && dimension !== "template" ? "(none)" : r.key, counts: r.totals.nps })),
  };
}

/** Key drivers from the pair sums of the filter (server/domain/key-drivers.ts). */
export async function driversFromSums(deps: Db, filter: AnswerFilter) {
  const [row] = await sumsBy(deps, filter, "none");
  return keyDriversFromSums(driverSumsOf(row.columns));
}

/** The question key → what it measures, over every template version (published, then working copies): results compare by key. */
export async function questionIndex(deps: Db): Promise<Map<string, Question>> {
  const index = new Map<string, Question>();
  const contents = [...(await deps.db.select({ content: templateVersions.content }).from(templateVersions)), ...(await deps.db.select({ content: templates.content }).from(templates))];
  for (const t of contents) {
    const content = templateContentSchema.safeParse(t.content);
    if (content.success) for (const q of content.data.questions) index.set(q.key, q);
  }
  return index;
}

/** "2026-06": the month (in TIMEZONE) that starts at `start`. */
const monthLabel = (start: number, offsetMs: number) => new Date(start + offsetMs).toISOString().slice(0, 7);

/** Expectation gap per value type and journey touchpoint ratings, overall and per month, from the counts of each answer. */
export async function expectationsFromSums(deps: Db, filter: AnswerFilter) {
  const [rows, questions] = await Promise.all([keySums(deps, rollupFilter(filter), "x:", "month"), questionIndex(deps)]);
  const gaps = new Map<string, Map<string, Record<Expectation, number>>>();
  const touch = new Map<string, Map<string, { n: number; sum: number }>>();
  const zero = () => ({ worse: 0, as_expected: 0, better: 0 });
  for (const r of rows) {
    const [key, value] = r.key.slice(2).split("=");
    const q = questions.get(key);
    const month = monthLabel(Number(r.group), deps.db.utcOffsetMs);
    if (q?.type === "expectation" && (EXPECTATIONS as readonly string[]).includes(value)) {
      const byMonth = gaps.get(q.valueType) ?? gaps.set(q.valueType, new Map()).get(q.valueType)!;
      const c = byMonth.get(month) ?? byMonth.set(month, zero()).get(month)!;
      c[value as Expectation] += r.n;
    }
    if (q?.type === "touchpoint" && /^[1-5]$/.test(value)) {
      const byMonth = touch.get(q.touchpoint) ?? touch.set(q.touchpoint, new Map()).get(q.touchpoint)!;
      const t = byMonth.get(month) ?? byMonth.set(month, { n: 0, sum: 0 }).get(month)!;
      (t.n += r.n), (t.sum += r.n * Number(value));
    }
  }
  // Only what some template asks: a question nobody asks has no answers, not 0 %.
  const asked = [...questions.values()];
  const askedValueTypes = new Set(asked.flatMap((q) => (q.type === "expectation" ? [q.valueType] : [])));
  const askedTouchpoints = new Set(asked.flatMap((q) => (q.type === "touchpoint" ? [q.touchpoint] : [])));
  const sorted = <T>(m: Map<string, T> | undefined) => [...(m ?? new Map<string, T>())].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    expectations: VALUE_TYPES.filter((v) => askedValueTypes.has(v)).map((valueType) => {
      const months = sorted(gaps.get(valueType));
      const total = zero();
      for (const [, c] of months) for (const e of EXPECTATIONS) total[e] += c[e];
      return { valueType, ...expectationSharesOf(total), trend: months.map(([month, c]) => ({ month, ...expectationSharesOf(c) })) };
    }),
    touchpoints: TOUCHPOINTS.filter((t) => askedTouchpoints.has(t)).map((touchpoint) => {
      const months = sorted(touch.get(touchpoint));
      const n = months.reduce((a, [, t]) => a + t.n, 0);
      const sum = months.reduce((a, [, t]) => a + t.sum, 0);
      return { touchpoint, n, mean: meanRating(sum, n), trend: months.map(([month, t]) => ({ month, n: t.n, mean: meanRating(t.sum, t.n) })) };
    }),
  };
}

/** Scale of a benefit or cost question: the answer key of its value type or cost kind. */
const scaleOf = (q: Question) => (q.type === "benefit" ? `benefit_${q.valueType}` : q.type === "cost" ? `cost_${q.costKind}` : null);

/**
 * Reliability of each scale a template asks with 2 or more items (questions of one value type or cost kind: the
 * answer column plus others kept in `extra`): Cronbach's α over the answers that gave every item, shown from `minN`
 * answers, flagged under 0.7. The item sums are kept per template version over its answers giving every item it asks
 * (`i:` keys of answer_key_rollups): the answers giving every item of a scale are those of the versions asking exactly
 * its items.
 */
export async function reliabilityFromSums(deps: Db, filter: AnswerFilter, minN: number) {
  const questions = await questionIndex(deps);
  const scales = new Map<string, string[]>();
  for (const q of questions.values()) {
    const scale = scaleOf(q);
    if (scale) scales.set(scale, [...(scales.get(scale) ?? []), q.key].sort((a, b) => (a === scale ? -1 : b === scale ? 1 : a < b ? -1 : 1)));
  }
  const multi = [...scales].filter(([, keys]) => keys.length >= 2);
  if (multi.length === 0) return { minN, floor: ALPHA_FLOOR, scales: [] };
  const [rows, versions] = await Promise.all([
    keySums(deps, rollupFilter(filter), "i:", "template"),
    deps.db.select({ templateId: templateVersions.templateId, version: templateVersions.version, content: templateVersions.content }).from(templateVersions),
  ]);
  // What each template version asks per scale, as a sorted key list.
  const asks = new Map<string, string>();
  for (const v of versions) {
    const content = templateContentSchema.safeParse(v.content);
    if (!content.success) continue;
    const byScale = new Map<string, string[]>();
    for (const q of (content.data as TemplateContent).questions) {
      const scale = scaleOf(q);
      if (scale) byScale.set(scale, [...(byScale.get(scale) ?? []), q.key]);
    }
    for (const [scale, keys] of byScale) asks.set(`${v.templateId}@${v.version}:${scale}`, [...keys].sort().join(","));
  }
  const sums = new Map<string, { n: number; sum: number }>();
  return {
    minN,
    floor: ALPHA_FLOOR,
    scales: multi.map(([scale, items]) => {
      const wanted = [...items].sort().join(",");
      sums.clear();
      for (const r of rows) {
        const [, version, rowScale, item] = r.key.split(":");
        if (rowScale !== scale || asks.get(`${r.group}@${version}:${scale}`) !== wanted) continue;
        const s = sums.get(item) ?? sums.set(item, { n: 0, sum: 0 }).get(item)!;
        (s.n += r.n), (s.sum += r.sum);
      }
      const pair = (a: string, b: string) => sums.get(a < b ? `${a}*${b}` : `${b}*${a}`)?.sum ?? 0;
      const s: ItemSums = { n: sums.get(items[0])?.n ?? 0, sum: items.map((k) => sums.get(k)?.sum ?? 0), cross: items.map((a) => items.map((b) => pair(a, b))) };
      const alpha = s.n >= minN ? cronbachAlpha(s) : null;
      return { scale, items, responses: s.n, alpha, flagged: alpha !== null && alpha < ALPHA_FLOOR };
    }),
  };
}
