// Turns committed answers into live events: scores are recomputed once per burst, not once per open tab.
import type { Deps } from "../deps";
import { createEventBus } from "../events";
import { responseById, scoreSummary } from "./scores";

/** Answers arriving within this window share one score computation. */
const COALESCE_MS = 100;

export type LiveUpdate = { scores: Awaited<ReturnType<typeof scoreSummary>>; response: NonNullable<Awaited<ReturnType<typeof responseById>>> | null };

export function createLiveScores(deps: Pick<Deps, "db" | "events" | "log">) {
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
