import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Kill -9 and sustained-load tests run on their own: npm run test:faults.
    // The Worker in workerd runs on its own too: npm run test:edge.
    exclude: ["test/faults/**", "test/edge/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: run files in parallel, but not more than the machine has.
    maxWorkers: 2,
  },
});
