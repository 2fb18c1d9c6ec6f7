import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Kill -9 and sustained-load tests run on their own: npm run test:faults.
    // The Worker in workerd runs on its own too: npm run test:edge.
    // The page-by-page sweeps (every page × width × language × theme) run on their own too: npm run test:sweep.
    exclude: ["test/faults/**", "test/edge/**", "test/e2e/newcomer.test.ts", "test/e2e/admin-pages.test.ts", "node_modules/**"],
    testTimeout: 30_000,
    // A poll waits for something a person would see (a page's text, a row); on a busy 2-core machine the
    // default second is too short for a browser to get there. It returns as soon as the condition holds.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Two cores: run files in parallel, but not more than the machine has.
    maxWorkers: 2,
  },
});
