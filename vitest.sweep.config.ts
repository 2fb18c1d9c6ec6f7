import { defineConfig } from "vitest/config";

// Every dashboard page at two widths, in two languages and both themes, with axe: minutes of browser
// work, so it runs on its own (npm run test:sweep; .ci/run runs it after npm test).
export default defineConfig({
  test: {
    include: ["test/e2e/newcomer.test.ts", "test/e2e/admin-pages.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 10_000 } },
    maxWorkers: 2,
  },
});
