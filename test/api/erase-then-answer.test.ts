// An erased customer's survey link is gone: answering it shows the 404 page, never a 500 (issue 19.4: the token's cached
// invitation outlived the erase, and the answer hit a foreign-key error).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { connectNode } from "../../db/node/connect-node";
import { recordAnswer } from "../../server/services/record-answer";
import { answer, invite } from "../answered";
import { bearer, makeApp, postJson, type TestApp } from "../helpers";

describe("answering after the customer was erased", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t.close());

  const erase = async (email: string) => expect((await postJson(t.app, "/api/v1/privacy/erase", { customer: email, confirm: true }, bearer())).status).toBe(200);
  const responsesOf = async () => Number((await t.client.execute("select count(*) as n from responses")).rows[0]!.n);

  it("shows the 'not found' page to a form post and a JSON 404 to a script, and records nothing", async () => {
    const token = await invite(t, "erase-1", "erase1@example.com");
    await answer(t, token, { score: 9 });
    const before = await responsesOf();
    await erase("erase1@example.com");
    expect(await responsesOf()).toBe(before - 1);

    const form = await t.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "score=3" });
    expect(form.status).toBe(404);
    expect(form.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await form.text()).not.toContain("Something went wrong");

    const json = await postJson(t.app, `/s/${token}`, { score: 3 }, {});
    expect(json.status).toBe(404);
    expect((await json.json()).error.code).toBe("not_found");
    expect((await t.app.request(`/s/${token}`)).status).toBe(404);
    expect(await responsesOf()).toBe(before - 1);
  });

  it("answers 404 too where the erase ran in another process (its cache could not be cleared from there)", async () => {
    // A second connection to the same file stands for another Node process or Workers isolate with its own cache.
    const other = createDb(await connectNode(t.deps.config.databaseUrl), { utcOffsetMs: 0 });
    const token = await invite(t, "erase-2", "erase2@example.com");
    await recordAnswer({ ...t.deps, db: other }, { token, answers: { score: 8 } });
    await erase("erase2@example.com");
    await expect(recordAnswer({ ...t.deps, db: other }, { token, answers: { score: 2 } })).rejects.toMatchObject({ code: "not_found", status: 404 });
    other.$client.close();
  });
});
