import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildRollups } from "../../server/services/score-rollups";
import { bearer, DAY, makeApp, type TestApp } from "../helpers";
import { answer, CUSTOMERS, invitations } from "./dashboard-data";

// The embedded file sums rollup deltas in JS inside its transaction; over the network (Turso) SQL does: both must
// agree, with days cut at UTC midnight or at another zone's.
describe.each([
  ["file", "UTC"],
  ["@libsql/client", "UTC"],
  ["file", "Asia/Ho_Chi_Minh"],
  ["@libsql/client", "Asia/Ho_Chi_Minh"],
] as const)("rollups under a burst of answers (%s, %s)", (client, zone) => {
  let t: TestApp;
  beforeAll(async () => void (t = await makeApp({ client, env: { TIMEZONE: zone } })));
  afterAll(() => t.close());

  const scores = async (q = "") => (await t.app.request(`/api/v1/scores${q}`, { headers: bearer() })).json();

  it("count each response once when answers, and changes to them, arrive in the same transaction", async () => {
    const tokens = await invitations(t);
    // Sent together: they share one statement and one transaction; A answers twice, D three times.
    const replies = await Promise.all([
      answer(t, tokens.A, { score: 3 }),
      answer(t, tokens.B, { score: 9, csat: 5 }),
      answer(t, tokens.A, { score: 10, csat: 4 }),
      answer(t, tokens.C, { score: 7 }),
      answer(t, tokens.D, { score: 0 }),
      answer(t, tokens.D, { score: 5, comment: "meh" }),
      answer(t, tokens.D, { csat: 2 }),
    ]);
    expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    // A 10, B 9, C 7, D 5: two promoters, a passive, a detractor.
    const s = await scores();
    expect(s.nps).toMatchObject({ responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
    expect(s.csat).toMatchObject({ score: 66.7, responses: 3 }); // 5, 4, 2
    const before = await Promise.all(["", "?channel=web", "?locale=vi"].map(scores));
    await rebuildRollups(t.db);
    expect(await Promise.all(["", "?channel=web", "?locale=vi"].map(scores))).toEqual(before);
  });

  it("keep every rollup row equal to a rebuild from the responses after bursts of varied answers and changes", async () => {
    const more = CUSTOMERS.map((c) => ({ ...c, key: `${c.key}2`, email: `2${c.email}` }));
    const tokens = Object.values(await invitations(t, more));
    // Deterministic variety: every question, blanks (keep the stored answer), every score band, over three days.
    let seed = 7;
    const pick = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const likert = () => (pick(4) === 0 ? "" : 1 + pick(5));
    for (let burst = 0; burst < 6; burst++) {
      t.clock.advance(burst === 3 ? DAY : 60_000);
      await Promise.all(
        Array.from({ length: 12 }, () =>
          answer(t, tokens[pick(tokens.length)], {
            score: pick(5) === 0 ? "" : pick(11),
            csat: likert(),
            benefit_functional: likert(),
            benefit_social: likert(),
            benefit_emotional: likert(),
            benefit_monetary: likert(),
            cost_money: likert(),
            cost_time: likert(),
            cost_effort: likert(),
            cost_risk: likert(),
          }),
        ),
      );
    }
    const rollups = async () =>
      (await t.client.execute("select * from score_rollups where responses != 0 order by combo, grain, bucket, template_id, channel, locale, category")).rows.map((r) => ({ ...r }));
    const kept = await rollups();
    expect(kept.length).toBeGreaterThan(12);
    await rebuildRollups(t.db);
    expect(kept).toEqual(await rollups());
  });
});
