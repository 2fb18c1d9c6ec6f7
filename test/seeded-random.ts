// Seeded randomness for tests: the same draws on every run, the seed printed so a failure can be replayed
// (TEST_SEED=… overrides it).

/** mulberry32: small, fast, and good enough to shuffle and sample test data. */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for `label`, seeded from TEST_SEED or `defaultSeed`, announcing its seed. */
export function seededRandom(label: string, defaultSeed: number): () => number {
  const seed = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : defaultSeed;
  console.log(`${label}: random seed ${seed} (replay with TEST_SEED=${seed})`);
  return mulberry32(seed);
}
