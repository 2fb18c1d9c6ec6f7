// Turns committed answers into live events: scores are recomputed once per burst, not once per open tab.
import { desc, gt } from "drizzle-orm";
import { responses } from "../../db/schema";
import type { Deps } from "../deps";
import { createEventBus } from "../events";
import { responseById, scoreSummary } from "./scores";

/** Answers arriving within this window share one score computation. */
const COALESCE_MS = 100;

export type LiveUpdate = { scores: Awaited<ReturnType<typeof scoreSummary>>; response: NonNullable<Awaited<ReturnType<typeof responseById>>> | null };

type LiveDeps = Pick<Deps, "db" | "events" | "log" | "clock"> & { config: Pick<Deps["config"], "livePollMs"> };

export function createLiveScores(deps: LiveDeps) {
  const out = createEventBus<LiveUpdate>();
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function flush() {
    const ids = [...new Set(pending)];
    pending = [];
    timer = null;
    try {
      const scores = await scoreSummary(deps.db, {});
      for (const id of ids) out.publish({ scores, response: await responseById(deps.db, id) });
    } catch (err) {
      deps.log.error("live update failed", { error: String(err) });
    }
  }

  let listeners = 0;
  deps.events.subscribe((e) => {
    // Nobody watching: no scores to compute.
    if (listeners === 0) return;
    pending.push(e.responseId);
    timer ??= setTimeout(flush, COALESCE_MS);
  });

  return {
    subscribe(listener: (u: LiveUpdate) => void) {
      // Workers: called from the stream's own request, so its polling runs (and is billed) there.
      if (deps.config.livePollMs > 0) return pollForAnswers(deps, listener);
      listeners++;
      const off = out.subscribe(listener);
      return () => {
        listeners--;
        off();
      };
    },
    current: async (): Promise<LiveUpdate> => ({ scores: await scoreSummary(deps.db, {}), response: null }),
  };
}

/** Timestamps come from whichever isolate wrote the answer: look back this far so a commit stamped a little before the newest one seen is not missed. */
const LOOKBACK_MS = 5000;
/** At most this many responses are pushed per poll (each costs a query): a bounded number of subrequests per stream. */
const MAX_PER_POLL = 20;

/**
 * Polls the change marker — responses whose updated_at (indexed) moved — every livePollMs and pushes
 * the scores when something changed. One cheap indexed query per poll; answers recorded by any
 * isolate or process are seen. Returns the function that stops it.
 */
function pollForAnswers(deps: LiveDeps, listener: (u: LiveUpdate) => void): () => void {
  let horizon = deps.clock.now();
  /** Response id → the updated_at already pushed (or already counted in the stream's first event), within the look-back window. */
  const seen = new Map<string, number>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** The first poll only notes what exists: the stream's first event already counts it. */
  async function poll(prime: boolean) {
    try {
      const rows = await deps.db
        .select({ id: responses.id, updatedAt: responses.updatedAt })
        .from(responses)
        .where(gt(responses.updatedAt, horizon - LOOKBACK_MS))
        // Newest first: in a burst larger than the limit the stream skips feed items, never falls behind.
        .orderBy(desc(responses.updatedAt))
        .limit(500);
      const fresh = prime ? [] : rows.filter((r) => seen.get(r.id) !== r.updatedAt);
      for (const r of rows) {
        seen.set(r.id, r.updatedAt);
        if (r.updatedAt > horizon) horizon = r.updatedAt;
      }
      for (const [id, at] of seen) if (at <= horizon - LOOKBACK_MS) seen.delete(id);
      if (fresh.length > 0 && !stopped) {
        const scores = await scoreSummary(deps.db, {});
        for (const r of fresh.slice(0, MAX_PER_POLL).reverse()) if (!stopped) listener({ scores, response: await responseById(deps.db, r.id) });
      }
    } catch (err) {
      deps.log.error("live poll failed", { error: String(err) });
    }
    if (!stopped) timer = setTimeout(() => void poll(false), deps.config.livePollMs);
  }
  void poll(true);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
