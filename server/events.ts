// In-process publish/subscribe for live updates (one process; SSE subscribers listen here).

export type EventBus<T> = {
  publish(event: T): void;
  subscribe(listener: (event: T) => void): () => void;
};

export function createEventBus<T>(): EventBus<T> {
  const listeners = new Set<(event: T) => void>();
  return {
    publish(event) {
      for (const l of listeners) l(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
