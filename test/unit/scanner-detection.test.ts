// Telling a mail scanner's clicks from a person's.
import { describe, expect, it } from "vitest";
import { BURST_SPAN_MS, SCANNER_WINDOW_MS, inScannerWindow, isScannerBurst } from "../../server/domain/scanner-detection";

const sent = 1_000_000;

describe("the scanner window", () => {
  it("covers the first two minutes after sending, and nothing before sending or unsent", () => {
    expect(inScannerWindow(sent, sent + 1_000)).toBe(true);
    expect(inScannerWindow(sent, sent + SCANNER_WINDOW_MS)).toBe(true);
    expect(inScannerWindow(sent, sent + SCANNER_WINDOW_MS + 1)).toBe(false);
    expect(inScannerWindow(sent, sent - 1)).toBe(false);
    expect(inScannerWindow(null, sent)).toBe(false);
  });
});

describe("a burst", () => {
  it("is three or more different scores opened within ten seconds", () => {
    const now = sent + 5_000;
    expect(isScannerBurst([{ score: 0, at: now - 2_000 }, { score: 5, at: now - 1_000 }, { score: 10, at: now }], now)).toBe(true);
  });

  it("is not one person clicking the same score again, or changing their mind once", () => {
    const now = sent + 5_000;
    expect(isScannerBurst([{ score: 9, at: now - 1_000 }, { score: 9, at: now }, { score: 9, at: now }], now)).toBe(false);
    expect(isScannerBurst([{ score: 9, at: now - 1_000 }, { score: 10, at: now }], now)).toBe(false);
  });

  it("ignores clicks older than the span and honeypot hits (no score)", () => {
    const now = sent + 60_000;
    expect(isScannerBurst([{ score: 0, at: now - BURST_SPAN_MS - 1 }, { score: 5, at: now }, { score: 10, at: now }], now)).toBe(false);
    expect(isScannerBurst([{ score: null, at: now }, { score: 5, at: now }, { score: 10, at: now }], now)).toBe(false);
  });
});
