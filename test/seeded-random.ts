// Seeded randomness for tests: the same draws on every run, the seed printed so a failure can be replayed
// (TEST_SEED=… overrides it).
import { seededRandom } from "../server/domain/seeded-random";

/** A generator for `label`, seeded from TEST_SEED or `defaultSeed`, announcing its seed. */
export function announcedRandom(label: string, defaultSeed: number): () => number {
  const seed = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : defaultSeed;
  console.log(`${label}: random seed ${seed} (replay with TEST_SEED=${seed})`);
  return seededRandom(seed);
}
