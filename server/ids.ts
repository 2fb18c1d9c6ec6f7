// Sortable ids (ULID). ulidx draws one random byte per character through crypto.getRandomValues, which cost
// ~13 % of an answer's CPU under load; drawing them from a pool refilled 4 KiB at a time gives the same randomness.
import { ulid } from "ulidx";

const pool = new Uint8Array(4096);
let next = pool.length;

function pooledRandom(): number {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  return pool[next++] / 256;
}

/** A new ULID whose time part is `now` (ms). */
export function newId(now: number = Date.now()): string {
  return ulid(now, pooledRandom);
}
