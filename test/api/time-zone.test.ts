// TIMEZONE: the dashboard's days, weeks and months start at the business's midnight, not UTC's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { createApp } from "../../server/app";
import { bootstrap } from "../../server/services/bootstrap";
import { bearer, makeApp, type TestApp } from "../helpers";
import { answer, CUSTOMERS, invitations } from "./dashboard-data";
import { HOUR_MS as HOUR } from "../../server/domain/time";

/** Midnight in Vietnam (UTC+7) starting a local date. */
const vnMidnight = (date: string) => Date.parse(`${date}T00:00:00+07:00`);

let t: TestApp;
beforeAll(async () => void (t = await makeApp({ env: { TIMEZONE: "Asia/Ho_Chi_Minh" } })));
afterAll(() => t.close());

const get = async (app: { request: TestApp["app"]["request"] }, path: string) => (await app.request(path, { headers: bearer() })).json();
const starts = (points: { start: number; responses: number }[]) => points.map((p) => [new Date(p.start).toISOString(), p.responses]);

// Two steps in order (even when a run shuffles tests): answers around Vietnam's midnights, then a restart in another zone reads them.
describe("TIMEZONE=Asia/Ho_Chi_Minh", { shuffle: false }, () => {
  it("cuts days and months at midnight in Vietnam, from rollups and from the responses alike", async () => {
    const tokens = await invitations(t, CUSTOMERS.slice(0, 3));
    t.clock.set(vnMidnight("2026-11-02") - HOUR / 2); // 23:30 on 1 November in Vietnam, 16:30 UTC
    await answer(t, tokens.A, { score: 10 });
    t.clock.set(vnMidnight("2026-11-02") + HOUR / 2); // 00:30 on 2 November in Vietnam, still 1 November in UTC
    await answer(t, tokens.B, { score: 3 });
    t.clock.set(vnMidnight("2026-12-01") + HOUR); // 1 December in Vietnam, 30 November in UTC
    await answer(t, tokens.C, { score: 8 });

    expect(starts((await get(t.app, "/api/v1/scores/trend?bucket=day")).points)).toEqual([
      [new Date(vnMidnight("2026-11-01")).toISOString(), 1],
      [new Date(vnMidnight("2026-11-02")).toISOString(), 1],
      [new Date(vnMidnight("2026-12-01")).toISOString(), 1],
    ]);
    expect(starts((await get(t.app, "/api/v1/scores/trend?bucket=month")).points)).toEqual([
      [new Date(vnMidnight("2026-11-01")).toISOString(), 2],
      [new Date(vnMidnight("2026-12-01")).toISOString(), 1],
    ]);
    // Weeks start on Monday in Vietnam: 2 November 2026 is a Monday.
    expect(starts((await get(t.app, "/api/v1/scores/trend?bucket=week")).points).map(([start]) => start)).toEqual(
      ["2026-10-26", "2026-11-02", "2026-11-30"].map((d) => new Date(vnMidnight(d)).toISOString()),
    );
    // A date is a whole day in Vietnam: 2 November holds only B, and 1 November only A.
    expect((await get(t.app, "/api/v1/scores?from=2026-11-02&to=2026-11-02")).nps).toMatchObject({ responses: 1, detractors: 1 });
    expect((await get(t.app, "/api/v1/scores?from=2026-11-01&to=2026-11-01")).nps).toMatchObject({ responses: 1, promoters: 1 });
    expect((await get(t.app, "/api/v1/responses?from=2026-11-02&to=2026-11-02")).responses).toHaveLength(1);
    expect(await get(t.app, "/api/v1/exports/responses.json?from=2026-11-02&to=2026-11-02")).toHaveLength(1);
    // A range given as instants in Vietnam: whole local days from rollups, and an hour's slice from the responses.
    const day2 = await get(t.app, `/api/v1/scores?from=${encodeURIComponent("2026-11-02T00:00:00+07:00")}&to=${encodeURIComponent("2026-11-03T00:00:00+07:00")}`);
    expect(day2.nps).toMatchObject({ responses: 1, detractors: 1 });
    const lateNov1 = await get(t.app, `/api/v1/scores/trend?bucket=day&from=${encodeURIComponent("2026-11-01T23:00:00+07:00")}&to=${encodeURIComponent("2026-11-02T01:00:00+07:00")}`);
    expect(starts(lateNov1.points)).toEqual([
      [new Date(vnMidnight("2026-11-01")).toISOString(), 1],
      [new Date(vnMidnight("2026-11-02")).toISOString(), 1],
    ]);
  });

  it("rebuilds the rollups at start-up when TIMEZONE changed, and reads them the new way", async () => {
    const before = starts((await get(t.app, "/api/v1/scores/trend?bucket=day")).points);
    // The same database started again in UTC: A and B now share 1 November.
    const utcDeps = { ...t.deps, config: { ...t.deps.config, timeZone: "UTC", utcOffsetMs: 0 }, db: createDb(t.client, { utcOffsetMs: 0 }) };
    await bootstrap(utcDeps);
    expect((await t.client.execute("select utc_offset_ms from rollup_settings")).rows[0].utc_offset_ms).toBe(0);
    expect(starts((await get(createApp(utcDeps), "/api/v1/scores/trend?bucket=day")).points)).toEqual([
      ["2026-11-01T00:00:00.000Z", 2],
      ["2026-11-30T00:00:00.000Z", 1],
    ]);
    // And back: the first app's reads match again once its start-up has rebuilt them.
    await bootstrap(t.deps);
    expect(starts((await get(t.app, "/api/v1/scores/trend?bucket=day")).points)).toEqual(before);
  });
});
