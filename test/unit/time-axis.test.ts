// The trend chart's time axis: one bucket alone gets a bucket of room each side, not uPlot's thousand days.
import { describe, expect, it } from "vitest";
import { timeAxisRange } from "../../web/src/time-axis";
import { DAY_S as DAY } from "../../server/domain/time";

const NOV_23 = Date.UTC(2026, 10, 23) / 1000;

describe("the trend's time axis", () => {
  it("shows one bucket with a bucket's width each side, whatever range uPlot proposed", () => {
    expect(timeAxisRange([NOV_23], NOV_23, NOV_23 + 1000 * DAY, DAY)).toEqual([NOV_23 - DAY, NOV_23 + DAY]);
    expect(timeAxisRange([NOV_23], NOV_23, NOV_23 + 1000 * DAY, 7 * DAY)).toEqual([NOV_23 - 7 * DAY, NOV_23 + 7 * DAY]);
  });

  it("keeps uPlot's range for several buckets", () => {
    expect(timeAxisRange([NOV_23, NOV_23 + DAY], NOV_23, NOV_23 + DAY, DAY)).toEqual([NOV_23, NOV_23 + DAY]);
  });
});
