// Turns committed answers and workflow changes (the app's events) into live dashboard events: scores (from rollups, once
// per burst), alerts, response changes. Only for someone watching: alert emails are a job (scheduled-jobs.ts), not this.
import { desc, gt } from "drizzle-orm";
import { responses } from "../../db/schema";
import type { Deps } from "../deps";
import { createEventBus, type EventBus } from "../events";
import { markLowSamples } from "../domain/low-sample";
import type { ScoreSummary } from "../domain/value-model";
import { alertIdsForResponses, alertsByIds, alertsForResponses, type AlertItem } from "./alerts";
import { responseById, type FeedItem } from "./response-feed";
import { scoreSummary } from "./scores";
import { MINUTE_MS } from "../domain/time";

/** Answers arriving within this window share one score computation (reading rollups costs ~1 ms). */
export const COALESCE_MS = 20;

export type LiveUpdate =
  | { type: "scores"; scores: ScoreSummary; response: FeedItem | null }
  | { type: "alert"; alert: AlertItem }
  | { type: "response"; response: FeedItem };

type Live = {
  subscribe(listener: (u: LiveUpdate) => void): () => void;
  current(): Promise<LiveUpdate>;
};

const instances = new WeakMap<object, Live>();

/** An alert older than this when its answer's burst is handled was raised by an earlier answer. */
const RECENT_ALERT_MS = MINUTE_MS;

/** One live hub per app (keyed by its event bus), shared by the SSE streams. */
export function liveScores(deps: Pick<Deps, "db" | "events" | "log" | "clock" | "config">): Live {
  let live = instances.get(deps.events);
  if (!live) instances.set(deps.events, (live = createLiveScores(deps)));
  return live;
}

function createLiveScores(deps: Pick<Deps, "db" | "events" | "log" | "clock" | "config">): Live {
  const out: EventBus<LiveUpdate> = createEventBus<LiveUpdate>();
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let listeners = 0;
  const published = new Set<string>();

  async function flush() {
    const ids = [...new Set(pending)];
    pending = [];
    timer = null;
    // Nobody watching (any more): nothing to compute.
    if (listeners === 0) return;
    try {
      const scores = markLowSamples(await scoreSummary(deps.db, {}), deps.config.minSample);
      for (const id of ids) out.publish({ type: "scores", scores, response: await responseById(deps.db, id) });
      // Only alerts these answers just raised, once each. (Not "stamped with the response's update time": a lead
      // may already have changed the response — assigned, closed — before this burst is handled.)
      const now = deps.clock.now();
      const fresh = (await alertIdsForResponses(deps, ids)).filter((a) => a.createdAt >= now - RECENT_ALERT_MS && !published.has(a.id)).map((a) => a.id);
      for (const id of fresh) {
        published.add(id);
        if (published.size > 10_000) published.delete(published.values().next().value!);
      }
      for (const alert of await alertsByIds(deps, fresh)) out.publish({ type: "alert", alert });
    } catch (err) {
      deps.log.error("live update failed", { error: String(err) });
    }
  }

  deps.events.subscribe((e) => {
    if (listeners === 0) return;
    if (e.type === "response") {
      void responseById(deps.db, e.responseId)
        .then((response) => response && out.publish({ type: "response", response }))
        .catch((err) => deps.log.error("live update failed", { error: String(err) }));
      return;
    }
    pending.push(e.responseId);
    timer ??= setTimeout(flush, COALESCE_MS);
  });

  return {
    subscribe(listener) {
      // Workers: answers may be committed by another isolate, so each stream polls the database from its own
      // request (where it is billed) instead of hearing this isolate's event bus.
      if (deps.config.livePollMs > 0) return pollForAnswers(deps, listener);
      listeners++;
      const off = out.subscribe(listener);
      return () => {
        listeners--;
        off();
      };
    },
    current: async () => ({ type: "scores", scores: markLowSamples(await scoreSummary(deps.db, {}), deps.config.minSample), response: null }),
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
function pollForAnswers(deps: Pick<Deps, "db" | "log" | "clock" | "config">, listener: (u: LiveUpdate) => void): () => void {
  const startedAt = deps.clock.now();
  let horizon = startedAt;
  /** Response id → the updated_at already pushed (or already counted in the stream's first event), within the look-back window. */
  const seen = new Map<string, number>();
  const alertsSeen = new Set<string>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The first poll notes what existed when the stream started: its first event already counts that. An answer
   * stamped after the start may have landed before this poll's read (a slow first read under load), so it is pushed.
   */
  async function poll(prime: boolean) {
    try {
      const rows = await deps.db
        .select({ id: responses.id, updatedAt: responses.updatedAt })
        .from(responses)
        .where(gt(responses.updatedAt, horizon - LOOKBACK_MS))
        // Newest first: in a burst larger than the limit the stream skips feed items, never falls behind.
        .orderBy(desc(responses.updatedAt))
        .limit(500);
      const fresh = prime ? rows.filter((r) => r.updatedAt > startedAt) : rows.filter((r) => seen.get(r.id) !== r.updatedAt);
      for (const r of rows) {
        seen.set(r.id, r.updatedAt);
        if (r.updatedAt > horizon) horizon = r.updatedAt;
      }
      for (const [id, at] of seen) if (at <= horizon - LOOKBACK_MS) seen.delete(id);
      if (fresh.length > 0 && !stopped) {
        const scores = markLowSamples(await scoreSummary(deps.db, {}), deps.config.minSample);
        const pushed = fresh.slice(0, MAX_PER_POLL).reverse();
        for (const r of pushed) if (!stopped) listener({ type: "scores", scores, response: await responseById(deps.db, r.id) });
        // Alerts those answers raised (in their own transaction, maybe in another isolate), once each.
        for (const alert of await alertsForResponses(deps, pushed.map((r) => r.id)))
          if (!stopped && alert.createdAt > horizon - LOOKBACK_MS - RECENT_ALERT_MS && !alertsSeen.has(alert.id)) {
            alertsSeen.add(alert.id);
            listener({ type: "alert", alert });
          }
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
