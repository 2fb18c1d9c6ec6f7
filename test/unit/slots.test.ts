import { describe, expect, it } from "vitest";
import { slotCounter } from "../../server/domain/slots";

describe("slotCounter", () => {
  it("holds at most perKey per key and total in all, says which limit was reached, and releases once", () => {
    const slots = slotCounter({ perKey: 2, total: 3 });
    const a1 = slots.acquire("a");
    const a2 = slots.acquire("a");
    expect(slots.acquire("a")).toEqual({ ok: false, reached: "perKey" });
    const b1 = slots.acquire("b");
    expect(slots.acquire("c")).toEqual({ ok: false, reached: "total" });
    expect([a1.ok, a2.ok, b1.ok]).toEqual([true, true, true]);
    if (!a1.ok) return;
    a1.release();
    a1.release();
    expect([slots.held("a"), slots.held()]).toEqual([1, 2]);
    expect(slots.acquire("c").ok).toBe(true);
    expect(slots.acquire("d")).toEqual({ ok: false, reached: "total" });
  });
});
