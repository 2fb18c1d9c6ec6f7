// Turns a dashboard query into a service filter: dates become instants in the business's time zone. The `tier`
// filter stays a tier: every answer carries the tier its customer had when answering (responses.tier).
import type { Deps } from "../deps";
import type { Tier } from "../domain/vocabulary";
import { epochMs, type Instant } from "../domain/time";

type Resolved<Q> = Omit<Q, "from" | "to"> & { from?: number; to?: number };

/** `from`/`to` as epoch ms: a date (YYYY-MM-DD) is a day in TIMEZONE. */
export function resolveDates<Q extends { from?: Instant; to?: Instant }>(deps: Pick<Deps, "config">, query: Q): Resolved<Q> {
  const at = (v: Instant | undefined) => (v === undefined ? undefined : epochMs(v, deps.config.utcOffsetMs));
  return { ...query, from: at(query.from), to: at(query.to) };
}

/** The same for the dashboard's reads (kept async so callers need not change if a filter ever needs a read). */
export async function resolveFilter<Q extends { from?: Instant; to?: Instant; tier?: Tier }>(deps: Pick<Deps, "config">, query: Q): Promise<Resolved<Q>> {
  return resolveDates(deps, query);
}
