import { defineConfig } from "vitest/config";

// Fault and load tests against the real Node server: one file at a time, generous time limits.
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
