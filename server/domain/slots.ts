// Counted slots: at most perKey held at once by one key (an API key, a session) and at most total in all.
// In memory, so per process (per isolate on Workers); a release is idempotent.

export type SlotLimits = { perKey: number; total: number };
export type SlotResult = { ok: true; release: () => void } | { ok: false; reached: "perKey" | "total" };

export function slotCounter(limits: SlotLimits) {
  const held = new Map<string, number>();
  let total = 0;
  return {
    acquire(key: string): SlotResult {
      const mine = held.get(key) ?? 0;
      if (mine >= limits.perKey) return { ok: false, reached: "perKey" };
      if (total >= limits.total) return { ok: false, reached: "total" };
      held.set(key, mine + 1);
      total++;
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          total--;
          const left = (held.get(key) ?? 1) - 1;
          if (left > 0) held.set(key, left);
          else held.delete(key);
        },
      };
    },
    /** Slots held now: by one key, or in all. */
    held: (key?: string) => (key === undefined ? total : (held.get(key) ?? 0)),
  };
}
