// `npm start` builds the dashboard: Rolldown's [PLUGIN_TIMINGS] profiling note is off (it read like an error to a
// newcomer), and only that check: every other warning Rolldown has still shows.
import { describe, expect, it } from "vitest";
import config from "../../vite.config";

describe("vite.config.ts", () => {
  it("turns off the bundler-timings note and no other check", () => {
    const checks = (config as { build?: { rolldownOptions?: { checks?: Record<string, boolean> } } }).build?.rolldownOptions?.checks;
    expect(checks).toEqual({ bundlerTimings: false });
  });
});
