// GET /api/v1/live: Server-Sent Events with the scores after every answer.
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import type { Deps } from "../deps";
import { liveScores, type LiveUpdate } from "../services/live-scores";
import { router } from "./app-env";
import { principalOf } from "./middleware/authenticate";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";

const HEARTBEAT_MS = 15_000;
/**
 * How stale the stream's credential check may get: a signed-out session, a revoked key or a deactivated
 * user stops receiving within a heartbeat, and never receives an event more than this after the check.
 */
const RECHECK_MS = 1_000;
/** Streams end after an hour; EventSource reconnects by itself, so no stream (or proxy) lives for ever. */
const MAX_STREAM_MS = 3_600_000;
/** Told to a client whose stream ends because the server stops: reconnect after this (a restart takes a few seconds). */
const RECONNECT_AFTER_STOP_MS = 3_000;
/** Polling streams (Workers) end after 10 min: ≤ 300 polls plus ≤ 20 pushes each stays under a request's subrequest limit. */
const MAX_POLLED_STREAM_MS = 600_000;

const route = createRoute({
  method: "get",
  path: "/api/v1/live",
  summary: "Live score updates (Server-Sent Events)",
  description:
    "Events, each JSON: `scores` `{type, scores, response}` — the all-time scores and the response that changed them (null for the first event); " +
    "`alert` `{type, alert}` — an alert a rule just raised; `response` `{type, response}` — a lead assigned, replied to or closed a response.",
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scopes: ["read", "full"], roles: ANY_ROLE })] as const,
  responses: {
    200: { description: "An event stream", content: { "text/event-stream": { schema: z.string() } } },
    ...errorResponses(401, 403),
  },
});

export function liveRoutes(deps: Deps) {
  const live = liveScores(deps);
  return router().openapi(route, (c) =>
    streamSSE(c, async (stream) => {
      let id = 0;
      const send = (u: LiveUpdate) => stream.writeSSE({ event: u.type, id: String(++id), data: JSON.stringify(u) });
      const queue: LiveUpdate[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = live.subscribe((u) => {
        queue.push(u);
        wake?.();
      });
      stream.onAbort(() => wake?.());
      const stopping = deps.stopping;
      const onStop = () => wake?.();
      stopping?.addEventListener("abort", onStop);
      let checkedAt = Date.now();
      const stillAllowed = async () => {
        if (Date.now() - checkedAt < RECHECK_MS) return true;
        checkedAt = Date.now();
        return (await principalOf(deps, c)) !== null;
      };
      try {
        await send(await live.current());
        const endAt = Date.now() + (deps.config.livePollMs > 0 ? MAX_POLLED_STREAM_MS : MAX_STREAM_MS);
        while (!stream.aborted && !stream.closed && !stopping?.aborted && Date.now() < endAt) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, HEARTBEAT_MS);
            });
            wake = null;
            if (queue.length === 0 && !stream.aborted) await stream.write(": heartbeat\n\n");
          }
          if (stopping?.aborted) break;
          if (!(await stillAllowed())) break;
          while (queue.length > 0 && !stream.aborted) await send(queue.shift()!);
        }
        // A restart: EventSource reconnects by itself, after the delay asked here.
        if (stopping?.aborted && !stream.aborted) await stream.write(`retry: ${RECONNECT_AFTER_STOP_MS}\n\n`);
      } finally {
        stopping?.removeEventListener("abort", onStop);
        unsubscribe();
      }
    }),
  );
}
