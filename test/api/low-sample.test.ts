// "Too few answers": every figure the scores and analytics APIs return carries its n, its interval and
// lowSample below MIN_SAMPLE_SIZE, so no page shows 5 answers as a finding.
import { afterEach, describe, expect, it } from "vitest";
import { bearer, makeApp, type TestApp } from "../helpers";
import { answerAll, invitations } from "./dashboard-data";

let t: TestApp;
afterEach(() => t?.close());

const get = async (path: string) => {
  const res = await t.app.request(path, { headers: bearer() });
  expect(res.status).toBe(200);
  return res.json() as Promise<any>;
};

describe("small samples", () => {
  it("flags five answers as too few by default (minimum 30), with an interval that is not ±0", async () => {
    t = await makeApp();
    await answerAll(t, await invitations(t));
    const scores = await get("/api/v1/scores");
    expect(scores.nps).toMatchObject({ responses: 5, lowSample: true, score: -40 });
    // 1 promoter, 1 passive, 3 detractors: m = 8, p = 1.75/8, d = 3.75/8 → centre −.25, half 1.96·√((.6875 − .0625)/8) = .548
    expect(scores.nps.interval).toEqual({ low: -79.8, high: 29.8 });
    expect(scores.csat).toMatchObject({ responses: 4, lowSample: true });
    const breakdown = await get("/api/v1/scores/breakdown?by=channel");
    for (const segment of breakdown.segments) expect(segment.lowSample).toBe(true);
    const overview = await get("/api/v1/analytics/overview");
    expect(overview.nps.lowSample).toBe(true);
  });

  it("follows MIN_SAMPLE_SIZE: five answers are enough at 5, a segment of two is not", async () => {
    t = await makeApp({ env: { MIN_SAMPLE_SIZE: "5" } });
    await answerAll(t, await invitations(t));
    expect((await get("/api/v1/scores")).nps.lowSample).toBe(false);
    const { segments } = await get("/api/v1/scores/breakdown?by=channel");
    expect(Object.fromEntries(segments.map((s: any) => [s.key, [s.responses, s.lowSample]]))).toEqual({ web: [3, true], app: [2, true] });
    const trend = await get("/api/v1/scores/trend?bucket=week");
    // Weeks start on Monday: Sun 1 Nov (2 answers), Mon 2 Nov (2), Mon 9 Nov (1).
    expect(trend.points.map((p: any) => [p.responses, p.lowSample])).toEqual([[2, true], [2, true], [1, true]]);
  });

  it("corrects the segment tests for their number (Holm) and says so", async () => {
    t = await makeApp();
    await answerAll(t, await invitations(t));
    const segments = await get("/api/v1/analytics/segments?dimension=channel");
    expect(segments.test).toMatch(/Holm/);
    for (const s of segments.segments) if (s.difference) expect(s.difference.adjustedPValue).toBeGreaterThanOrEqual(s.difference.pValue);
  });
});
