// Batching: callers' items arriving together are handled by one call, and while one batch is in the
// database the next one gathers. (Sending the next batch before the first finished was measured:
// smaller batches cost more than the overlap saved.)

/**
 * After this turn's I/O callbacks (setImmediate on Node), so every request parsed in this turn joins
 * the batch; a macrotask where there is none (Workers).
 */
export const afterThisTurn: (f: () => void) => void = typeof setImmediate === "function" ? (f) => setImmediate(f) : (f) => setTimeout(f, 0);

type Waiting<T, R> = { item: T; resolve(r: R): void; reject(e: unknown): void };

export type BatcherOptions<T, R> = {
  /** Handles a batch: one result per item, in order; throwing fails the whole batch. */
  run(items: T[]): Promise<R[]>;
  /** How much an item weighs against `maxWeight` (statements, rows). */
  weight(item: T): number;
  maxWeight: number;
  /** When to start a batch after the first item arrives: lets the rest of this turn's items join. */
  defer(start: () => void): void;
};

/**
 * Each caller's promise settles with its own item's result, only after its batch's `run` finished.
 * If a batch fails, each of its items is retried alone, so one bad item never fails the others.
 */
export type Batcher<T, R> = ((item: T) => Promise<R>) & {
  /** Resolves once nothing is queued or running: a shutting-down server waits here for the last batch. */
  idle(): Promise<void>;
};

export function createBatcher<T, R>(opts: BatcherOptions<T, R>): Batcher<T, R> {
  let queue: Waiting<T, R>[] = [];
  let running = false;
  let scheduled = false;
  let idleWaiters: (() => void)[] = [];

  async function runBatch(group: Waiting<T, R>[]) {
    try {
      const results = await opts.run(group.map((w) => w.item));
      group.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      if (group.length === 1) group[0].reject(err);
      else for (const w of group) await opts.run([w.item]).then(([r]) => w.resolve(r), w.reject);
    }
  }

  function next() {
    scheduled = false;
    if (queue.length === 0 && !running) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
    if (queue.length > 0 && !running) {
      let take = 0;
      let weight = 0;
      while (take < queue.length && (take === 0 || weight + opts.weight(queue[take].item) <= opts.maxWeight)) weight += opts.weight(queue[take++].item);
      const group = queue.slice(0, take);
      queue = queue.slice(take);
      running = true;
      void runBatch(group).finally(() => {
        running = false;
        next();
      });
    }
  }

  const submit = (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!scheduled && !running) {
        scheduled = true;
        opts.defer(next);
      }
    });
  const idle = () => (queue.length === 0 && !running ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)));
  return Object.assign(submit, { idle });
}
