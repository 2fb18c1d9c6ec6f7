// The Analytics page's reads and the dashboard's tier-filtered reads, by name, so that a runtime may run them away
// from its request thread: the Node entry does (server/read-thread.ts). All but `themes` are now a few indexed reads
// of the rollups (issue 22); `themes` still reads the comments its filter selects, which is why the thread stays.
import type { Db } from "../../db/client";
import { compareSegments, comparePeriods, scoreBreakdown, scoreSummary, scoreTrend } from "./scores";
import { atRiskPage, expectationsAndTouchpoints, scaleReliability, periodComparison, segmentComparison, themes, valueDrivers, valueOverview } from "./value-analytics";

export const longReads = {
  valueOverview,
  atRiskPage,
  scaleReliability,
  valueDrivers,
  expectationsAndTouchpoints,
  periodComparison,
  segmentComparison,
  themes,
  // With a tier filter, the dashboard's reads sum the responses given in that tier.
  scoreSummary,
  scoreTrend,
  scoreBreakdown,
  comparePeriods,
  compareSegments,
};
type LongReads = typeof longReads;
type WithoutDb<F> = F extends (db: Db, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Runs one of them by name, with its arguments after the database: in this thread, or on another. */
export type LongReadRunner = <K extends keyof LongReads>(name: K, ...args: Parameters<WithoutDb<LongReads[K]>>) => ReturnType<LongReads[K]>;

// The name picks the function and its arguments together; TypeScript cannot follow that through the lookup.
export const inlineReads = (db: Db) => ((name: keyof LongReads, ...args: unknown[]) => (longReads[name] as (db: Db, ...a: unknown[]) => unknown)(db, ...args)) as LongReadRunner;
