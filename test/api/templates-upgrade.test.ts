import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../server/services/bootstrap";
import { forgetTemplates } from "../../server/services/templates";
import { bearer, makeApp, postJson, purchase, type TestApp } from "../helpers";

let t: TestApp;
beforeAll(async () => void (t = await makeApp()));
afterAll(() => t.close());

describe("a database from before versioned templates", () => {
  it("has its 'active' default template upgraded to published version 1 on start, and keeps inviting with it", async () => {
    // The shape the loop's first release left: status "active", no rules column value, no version row.
    await t.client.execute("UPDATE templates SET status = 'active', rules = NULL, has_draft = 1, published_at = NULL");
    await t.client.execute("DELETE FROM template_versions");
    forgetTemplates(t.db);

    await bootstrap(t.deps);

    const list = (await (await t.app.request("/api/v1/templates", { headers: bearer() })).json()).templates;
    expect(list).toEqual([expect.objectContaining({ name: "Post-purchase NPS & value", status: "published", version: 1, hasDraft: false })]);
    const v1 = await (await t.app.request(`/api/v1/templates/${list[0].id}/versions/1`, { headers: bearer() })).json();
    expect(v1.rules).toMatchObject({ delayHours: 72, throttleDays: 90, closeAfterDays: 30 });

    const res = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "after-upgrade" }))).json();
    expect(res.scheduled).toEqual([expect.objectContaining({ templateId: list[0].id })]);
    expect((await (await postJson(t.app, "/api/v1/dispatch", {})).json()).sent).toBe(1);
  });
});
