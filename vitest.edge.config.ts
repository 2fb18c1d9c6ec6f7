import { defineConfig } from "vitest/config";

// npm run test:edge: the Worker bundle in workerd (wrangler dev) against the Hrana stand-in; run by CI.
export default defineConfig({
  test: {
    include: ["test/edge/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
