// Turns committed answers and workflow changes into live dashboard events: scores (from rollups, once per burst), alerts, response changes.
import type { Deps } from "../deps";
import { createEventBus, type EventBus } from "../events";
import type { ScoreSummary } from "../domain/value-model";
import { alertsForResponses, emailPendingAlerts, type AlertItem } from "./alerts";
import { responseById, type FeedItem } from "./response-feed";
import { scoreSummary } from "./scores";

/** Answers arriving within this window share one score computation (reading rollups costs ~1 ms). */
const COALESCE_MS = 20;

export type LiveUpdate =
  | { type: "scores"; scores: ScoreSummary; response: FeedItem | null }
  | { type: "alert"; alert: AlertItem }
  | { type: "response"; response: FeedItem };

type Live = {
  subscribe(listener: (u: LiveUpdate) => void): () => void;
  current(): Promise<LiveUpdate>;
  /** A lead changed a response (assigned, noted, replied, closed): every open dashboard shows it. */
  responseChanged(response: FeedItem): void;
};

const instances = new WeakMap<object, Live>();

/** One live hub per app (keyed by its event bus), shared by the SSE route and the workflow routes. */
export function liveScores(deps: Pick<Deps, "db" | "events" | "log" | "mailer" | "clock" | "config">): Live {
  let live = instances.get(deps.events);
  if (!live) instances.set(deps.events, (live = createLiveScores(deps)));
  return live;
}

function createLiveScores(deps: Pick<Deps, "db" | "events" | "log" | "mailer" | "clock" | "config">): Live {
  const out: EventBus<LiveUpdate> = createEventBus<LiveUpdate>();
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let emailing: Promise<unknown> = Promise.resolve();
  let listeners = 0;

  async function flush() {
    const ids = [...new Set(pending)];
    pending = [];
    timer = null;
    try {
      // Nobody watching: no scores to compute; alerts are still emailed.
      if (listeners > 0) {
        const scores = await scoreSummary(deps.db, {});
        for (const id of ids) out.publish({ type: "scores", scores, response: await responseById(deps.db, id) });
      }
      // Only alerts this very answer raised (an alert is stamped with the answer's time), not older ones.
      const raised = (await alertsForResponses(deps.db, ids)).filter((a) => a.createdAt === a.response.updatedAt);
      for (const alert of raised) out.publish({ type: "alert", alert });
      // After every burst, not only when this one raised alerts: an email that failed earlier is retried.
      emailing = emailing.then(() => emailPendingAlerts(deps)).catch((err) => deps.log.error("alert emails failed", { error: String(err) }));
    } catch (err) {
      deps.log.error("live update failed", { error: String(err) });
    }
  }

  // Alerts are raised in the answer's transaction, so they exist even with nobody watching: always handle answers.
  deps.events.subscribe((e) => {
    pending.push(e.responseId);
    timer ??= setTimeout(flush, COALESCE_MS);
  });

  return {
    subscribe(listener) {
      listeners++;
      const off = out.subscribe(listener);
      return () => {
        listeners--;
        off();
      };
    },
    current: async () => ({ type: "scores", scores: await scoreSummary(deps.db, {}), response: null }),
    responseChanged: (response) => out.publish({ type: "response", response }),
  };
}
