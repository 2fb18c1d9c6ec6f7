// GET /api/v1/live: Server-Sent Events with the scores after every answer.
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import type { Context } from "hono";
import type { Deps } from "../deps";
import { slotCounter } from "../domain/slots";
import { sha256Hex } from "../domain/crypto";
import { AppError } from "../errors";
import { liveScores, type LiveUpdate } from "../services/live-scores";
import { router, type AppEnv } from "./app-env";
import { principalOf, sessionToken } from "./middleware/authenticate";
import { ANY_ROLE, requireAuth } from "./middleware/require-auth";
import { errorResponses } from "./openapi";
import { HOUR_MS } from "../domain/time";

const HEARTBEAT_MS = 15_000;
/**
 * How stale the stream's credential check may get: a signed-out session, a revoked key or a deactivated
 * user stops receiving within a heartbeat, and never receives an event more than this after the check.
 */
const RECHECK_MS = 1_000;
/** Streams end after an hour; EventSource reconnects by itself, so no stream (or proxy) lives for ever. */
const MAX_STREAM_MS = HOUR_MS;
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
    ...errorResponses(401, 403, 429),
  },
});

/** Whose stream this is: the API key, or the session (a hash of its cookie, never the token itself). */
function credentialOf(deps: Deps, c: Context<AppEnv>): string {
  const p = c.get("principal");
  if (p?.kind === "apiKey") return `key:${p.keyId}`;
  return `session:${sha256Hex(sessionToken(c, deps.config) ?? "")}`;
}

export function liveRoutes(deps: Deps) {
  const live = liveScores(deps);
  // Each stream holds a socket and a subscription until it ends: capped per session or key, and in all.
  const { perCredential, total } = deps.config.liveStreams;
  const slots = slotCounter({ perKey: perCredential, total });
  return router().openapi(route, (c) => {
    const slot = slots.acquire(credentialOf(deps, c));
    if (!slot.ok) {
      const [limit, max] = slot.reached === "perKey" ? ["LIVE_STREAMS_PER_CREDENTIAL", perCredential] : ["LIVE_STREAMS_TOTAL", total];
      throw new AppError("too_many_streams", `${max} live streams are already open${slot.reached === "perKey" ? " for this session or API key" : ""} (${limit}); close one first`, { limit, max, retryAfterSeconds: 15 });
    }
    const res = streamSSE(c, async (stream) => {
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
      // The injected clock (not Date.now()): tests move time past RECHECK_MS instead of sleeping through it.
      const now = () => deps.clock.now();
      let checkedAt = now();
      const stillAllowed = async () => {
        if (now() - checkedAt < RECHECK_MS) return true;
        checkedAt = now();
        // Not a request of the user's: an open tab alone does not keep the session from going idle.
        return (await principalOf(deps, c, { touch: false })) !== null;
      };
      try {
        await send(await live.current());
        const endAt = now() + (deps.config.livePollMs > 0 ? MAX_POLLED_STREAM_MS : MAX_STREAM_MS);
        while (!stream.aborted && !stream.closed && !stopping?.aborted && now() < endAt) {
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
        slot.release();
      }
    });
    // Scores, comments and names: streamSSE's no-cache would still let a cache keep a copy.
    res.headers.set("Cache-Control", "no-store");
    return res;
  });
}
