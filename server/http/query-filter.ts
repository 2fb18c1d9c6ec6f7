// Turns a dashboard query into a service filter: dates become instants in the business's time zone, and the
// `tier` filter becomes the tier's customers (tiers move as customers buy, so no rollup holds them).
import type { Deps } from "../deps";
import type { Tier } from "../domain/value-tiers";
import { inlineReads } from "../services/long-reads";
import { epochMs, type Instant } from "./schemas";

type Resolved<Q> = Omit<Q, "from" | "to"> & { from?: number; to?: number };

/** `from`/`to` as epoch ms: a date (YYYY-MM-DD) is a day in TIMEZONE. */
export function resolveDates<Q extends { from?: Instant; to?: Instant }>(deps: Pick<Deps, "config">, query: Q): Resolved<Q> {
  const at = (v: Instant | undefined) => (v === undefined ? undefined : epochMs(v, deps.config.utcOffsetMs));
  return { ...query, from: at(query.from), to: at(query.to) };
}

export async function resolveFilter<Q extends { from?: Instant; to?: Instant; tier?: Tier }>(
  deps: Pick<Deps, "db" | "clock" | "config" | "longReads">,
  query: Q,
): Promise<Omit<Resolved<Q>, "tier"> & { customers?: string[] }> {
  const { tier, ...rest } = resolveDates(deps, query);
  if (!tier) return rest;
  // Tiers come from every purchase of the last year: a long read, whose runner also keeps them cached.
  const run = deps.longReads ?? inlineReads(deps.db);
  return { ...rest, customers: await run("customersInTier", tier, deps.clock.now()) };
}
