// The dashboard's numbers, dates and durations follow its language (issue 18.9).
import { afterEach, describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatRelative, percent, round } from "../../web/src/format";
import { setLocale } from "../../web/src/i18n";
import { DAY_MS } from "../../server/domain/time";

afterEach(() => setLocale("en"));

const T = Date.UTC(2026, 10, 3, 9, 30);

describe("dashboard formatting", () => {
  it("English: grouping with commas, English units and relative times", () => {
    setLocale("en");
    expect(round(12345.4)).toBe("12,345");
    expect(percent(42.6)).toBe("43%");
    expect(formatDuration(3 * 3_600_000)).toBe("3 hr");
    expect(formatRelative(T, T + 10_000)).toBe("just now");
    expect(formatRelative(T, T + 5 * 60_000)).toBe("5 minutes ago");
    expect(formatDateTime(T)).toMatch(/Nov 3, 2026/);
  });

  it("Vietnamese: grouping with dots, Vietnamese units, relative times and dates", () => {
    setLocale("vi");
    expect(round(12345.4)).toBe("12.345");
    expect(formatDuration(45 * 60_000)).toBe("45 phút");
    expect(formatDuration(3 * DAY_MS)).toBe("3 ngày");
    expect(formatRelative(T, T + 10_000)).toBe("vừa xong");
    expect(formatRelative(T, T + 5 * 60_000)).toBe("5 phút trước");
    expect(formatDateTime(T)).toMatch(/thg 11, 2026|tháng 11/);
  });

  it("a dash for no value, whatever the language", () => {
    setLocale("vi");
    expect(round(null)).toBe("—");
    expect(formatDateTime(undefined)).toBe("—");
  });
});
