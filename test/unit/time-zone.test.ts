// The business's time zone: its offset from UTC, and where its days and months start.
import { describe, expect, it } from "vitest";
import { dayStart, fixedOffsetMs, monthStart, utcOffsetMs } from "../../server/domain/time-zone";
import { HOUR_MS as HOUR } from "../../server/domain/time";

const NOW = Date.UTC(2026, 10, 23);

describe("time zones", () => {
  it("reads a zone's offset, including half hours and zones behind UTC", () => {
    expect(utcOffsetMs("UTC", NOW)).toBe(0);
    expect(utcOffsetMs("Asia/Ho_Chi_Minh", NOW)).toBe(7 * HOUR);
    expect(utcOffsetMs("America/St_Johns", NOW)).toBe(-3.5 * HOUR);
    expect(utcOffsetMs("Nowhere/Atlantis", NOW)).toBeNull();
  });

  it("accepts only zones with one offset all year", () => {
    expect(fixedOffsetMs("Asia/Kolkata", NOW)).toEqual({ offsetMs: 5.5 * HOUR });
    expect(fixedOffsetMs("Europe/Paris", NOW)).toMatchObject({ error: expect.stringMatching(/daylight saving/) });
    expect(fixedOffsetMs("Nowhere/Atlantis", NOW)).toMatchObject({ error: expect.stringMatching(/unknown time zone/) });
  });

  it("starts days and months at the zone's midnight", () => {
    const vn = 7 * HOUR;
    // 30 November 2026, 18:00 UTC is 1 December, 01:00 in Vietnam.
    const t = Date.UTC(2026, 10, 30, 18);
    expect(new Date(dayStart(t, vn)).toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(new Date(monthStart(t, vn)).toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(new Date(dayStart(t, 0)).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(new Date(monthStart(t, 0)).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    // Behind UTC: 1 December 02:00 UTC is still 30 November in Newfoundland.
    expect(new Date(dayStart(Date.UTC(2026, 11, 1, 2), -3.5 * HOUR)).toISOString()).toBe("2026-11-30T03:30:00.000Z");
  });
});
