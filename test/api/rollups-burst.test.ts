import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildRollups } from "../../server/services/score-rollups";
import { bearer, makeApp, type TestApp } from "../helpers";
import { answer, invitations } from "./dashboard-data";

let t: TestApp;
beforeAll(async () => void (t = await makeApp()));
afterAll(() => t.close());

const scores = async (q = "") => (await t.app.request(`/api/v1/scores${q}`, { headers: bearer() })).json();

describe("rollups under a burst of answers", () => {
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
    expect(s.csat).toEqual({ score: 66.7, responses: 3 }); // 5, 4, 2
    const before = await Promise.all(["", "?channel=web", "?locale=vi"].map(scores));
    await rebuildRollups(t.db);
    expect(await Promise.all(["", "?channel=web", "?locale=vi"].map(scores))).toEqual(before);
  });
});
