// Subscribes to GET /api/v1/live (Server-Sent Events) and reports the connection state.
import { createSignal, onCleanup, type Accessor } from "solid-js";
import { api, type Alert, type LiveEvent, type ResponseItem } from "./api";
import { client } from "./api-client";

/** What the stream carries besides `scores`: an alert a rule just raised, a response a lead changed. */
export type LiveHandlers = {
  scores(e: LiveEvent): void;
  alert?(e: { alert: Alert }): void;
  response?(e: { response: ResponseItem }): void;
};

export type LiveState = "connecting" | "live" | "reconnecting";

/**
 * EventSource reconnects by itself after a dropped stream, but gives up for good when the server
 * answers with an error status (e.g. 401 or 503): then we retry with backoff, and check the session
 * so an expired one lands on the login page.
 * `onReopen` runs when the stream comes back after a drop, to refill what was missed meanwhile.
 */
export function createLiveStream(handlers: LiveHandlers, onReopen: () => void): Accessor<LiveState> {
  const [state, setState] = createSignal<LiveState>("connecting");
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let opened = false;
  let disposed = false;

  const connect = () => {
    // EventSource, not the typed client: an event stream is read as it arrives, and the browser reconnects it. The path is still the route's.
    const es = new EventSource(client.api.v1.live.$path());
    source = es;
    es.onopen = () => {
      setState("live");
      failures = 0;
      if (opened) onReopen();
      opened = true;
    };
    const listen = <T,>(name: string, handle: ((e: T) => void) | undefined) =>
      es.addEventListener(name, (m) => {
        let event: T;
        try {
          event = JSON.parse((m as MessageEvent<string>).data) as T;
        } catch {
          return;
        }
        setState("live");
        handle?.(event);
      });
    listen<LiveEvent>("scores", handlers.scores);
    listen<{ alert: Alert }>("alert", handlers.alert);
    listen<{ response: ResponseItem }>("response", handlers.response);
    es.onerror = () => {
      setState("reconnecting");
      if (es.readyState !== EventSource.CLOSED || disposed) return;
      es.close();
      failures++;
      api.me().catch(() => {}); // a 401 here triggers the app's redirect to /login
      timer = setTimeout(() => !disposed && connect(), Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
    };
  };

  connect();
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
    source?.close();
  });
  return state;
}
