// The dashboard's `tier` filter becomes the tier's customers: tiers move as customers buy, so no rollup holds them.
import type { Deps } from "../deps";
import type { Tier } from "../domain/value-tiers";
import { customersInTier } from "../services/value-analytics";

export async function resolveTier<Q extends { tier?: Tier }>(deps: Pick<Deps, "db" | "clock">, query: Q): Promise<Omit<Q, "tier"> & { customers?: string[] }> {
  const { tier, ...rest } = query;
  return tier ? { ...rest, customers: await customersInTier(deps.db, tier, deps.clock.now()) } : rest;
}
