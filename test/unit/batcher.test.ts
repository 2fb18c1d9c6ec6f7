import { describe, expect, it } from "vitest";
import { createBatcher, type BatcherOptions } from "../../db/batcher";

/** A batcher over a fake "database" that records each batch and lets the test finish them one by one. */
function harness(opts: Partial<BatcherOptions<number, string>> & { failOn?: number } = {}) {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const add = createBatcher<number, string>({
    run: (items) => {
      batches.push(items);
      return new Promise((resolve, reject) => finish.push(() => (opts.failOn !== undefined && items.includes(opts.failOn) ? reject(new Error(`bad ${opts.failOn}`)) : resolve(items.map((i) => `ok ${i}`)))));
    },
    weight: () => 1,
    maxWeight: 100,
    defer: queueMicrotask,
    ...opts,
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const finishAll = async () => {
    while (finish.length) {
      finish.shift()!();
      await tick();
    }
  };
  return { add, batches, finishAll, tick };
}

describe("batcher (group commit and the answer writer)", () => {
  it("reports idle only once nothing is queued or running (a stopping server waits for the last commit)", async () => {
    const h = harness();
    let idle = false;
    void h.add(1);
    void h.add(2);
    const waiting = h.add.idle().then(() => (idle = true));
    await h.tick();
    expect(idle).toBe(false);
    await h.finishAll();
    await waiting;
    expect(idle).toBe(true);
    await expect(h.add.idle()).resolves.toBeUndefined();
  });

  it("puts the items of one turn in one batch and gives each caller its own result", async () => {
    const h = harness();
    const results = Promise.all([1, 2, 3].map(h.add));
    await h.tick();
    await h.finishAll();
    expect(h.batches).toEqual([[1, 2, 3]]);
    expect(await results).toEqual(["ok 1", "ok 2", "ok 3"]);
  });

  it("gathers what arrives during a batch into the next one, and caps a batch's weight", async () => {
    const h = harness({ maxWeight: 2 });
    const first = [1, 2, 3].map(h.add);
    await h.tick();
    const later = [4, 5].map(h.add);
    await h.finishAll();
    expect(h.batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(await Promise.all([...first, ...later])).toEqual(["ok 1", "ok 2", "ok 3", "ok 4", "ok 5"]);
  });

  it("retries each item of a failed batch alone, so only the bad one fails", async () => {
    const h = harness({ failOn: 2 });
    const settled = Promise.allSettled([1, 2, 3].map(h.add));
    await h.tick();
    await h.finishAll();
    const outcome = (await settled).map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message));
    expect(outcome).toEqual(["ok 1", "bad 2", "ok 3"]);
    expect(h.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
