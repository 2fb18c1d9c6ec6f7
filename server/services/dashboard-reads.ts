// The dashboard's reads (Live's scores, the Analytics page), each run where it belongs: one that scans responses — every
// Analytics read, and a score read with a tier filter — on deps.longReads (the Node entry's read thread), one from the
// rollups (a millisecond) inline. Routes call these and never choose a thread; `now` comes from deps.clock.
import type { Deps } from "../deps";
import { inlineReads, type LongReadRunner, type longReads } from "./long-reads";

/** The read's argument at `i` (after the database), as the read itself types it. */
type Arg<K extends keyof typeof longReads, I extends number> = Parameters<(typeof longReads)[K]>[I];
type ScoreFilter = Arg<"scoreSummary", 1>;
type AnalyticsFilter = Arg<"valueOverview", 1>;

export function dashboardReads(deps: Pick<Deps, "db" | "clock" | "config" | "longReads">) {
  const inline = inlineReads(deps.db);
  const long = (deps.longReads as LongReadRunner | undefined) ?? inline;
  // From rollups a read takes a millisecond; with a tier it sums the responses given in that tier: a long read.
  const scores = (filter: { tier?: string }) => (filter.tier ? long : inline);
  const now = () => deps.clock.now();
  return {
    scoreSummary: (filter: ScoreFilter) => scores(filter)("scoreSummary", filter),
    scoreTrend: (filter: ScoreFilter, bucket: Arg<"scoreTrend", 2>) => scores(filter)("scoreTrend", filter, bucket),
    scoreBreakdown: (filter: ScoreFilter, by: Arg<"scoreBreakdown", 2>) => scores(filter)("scoreBreakdown", filter, by),
    comparePeriods: (filter: ScoreFilter) => scores(filter)("comparePeriods", filter),
    compareSegments: (filter: ScoreFilter, by: Arg<"compareSegments", 2>, a: string, b: string) => scores(filter)("compareSegments", filter, by, a, b),
    valueOverview: (filter: AnalyticsFilter) => long("valueOverview", filter, now()),
    atRiskPage: (filter: AnalyticsFilter, page: { offset: number; limit: number }) => long("atRiskPage", filter, page.offset, page.limit, now()),
    scaleReliability: (filter: AnalyticsFilter) => long("scaleReliability", filter, deps.config.minSample, now()),
    valueDrivers: (filter: AnalyticsFilter) => long("valueDrivers", filter, now()),
    expectationsAndTouchpoints: (filter: AnalyticsFilter) => long("expectationsAndTouchpoints", filter, now()),
    periodComparison: (filter: Arg<"periodComparison", 1>) => long("periodComparison", filter, now()),
    segmentComparison: (filter: AnalyticsFilter, dimension: Arg<"segmentComparison", 2>) => long("segmentComparison", filter, dimension, now()),
    themes: (filter: AnalyticsFilter) => long("themes", filter, now()),
  };
}

export type DashboardReads = ReturnType<typeof dashboardReads>;
