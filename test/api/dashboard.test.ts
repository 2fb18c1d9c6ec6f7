import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responsesCsv } from "../../server/services/responses-csv";
import { rebuildRollups } from "../../server/services/score-rollups";
import { T0, bearer, makeApp, type TestApp } from "../helpers";
import { answerAll, invitations } from "./dashboard-data";

let t: TestApp;
let templateId: string;
beforeAll(async () => {
  t = await makeApp();
  await answerAll(t, await invitations(t));
  const feed = await get("/api/v1/responses?limit=1");
  templateId = feed.responses[0].templateId;
});
afterAll(() => t.close());

async function get(path: string, app: TestApp = t) {
  const res = await app.app.request(path, { headers: bearer() });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const nps = async (query: string, app: TestApp = t) => (await get(`/api/v1/scores${query}`, app)).nps;

describe("scores with filters (hand-computed: A 10, B 3, C 8, D 9→6, E 0)", () => {
  it("counts a changed answer once, where it now stands", async () => {
    expect(await nps("")).toMatchObject({ promoters: 1, passives: 1, detractors: 3, responses: 5, score: -40 });
  });

  it("gives CSAT, the benefit and cost indexes and the ratio from the answers given", async () => {
    const s = await get("/api/v1/scores");
    expect(s.csat).toMatchObject({ score: 75, responses: 4 }); // 5, 2, 4, 5 → 3 of 4 satisfied
    expect(s.value.functional).toBe(66.7); // mean (5+2+4)/3 = 3.67 → (3.67−1)/4
    expect(s.costs.money).toBe(41.7); // mean (1+4+3)/3 = 2.67
    expect(s.value.social).toBeNull();
    expect(s.ratio).toBeCloseTo(1.375, 1); // 3.67 ÷ 2.67
  });

  it("filters by channel, category, locale and template", async () => {
    expect(await nps("?channel=web")).toMatchObject({ responses: 3, score: 0 }); // A, C, D
    expect(await nps("?channel=app")).toMatchObject({ responses: 2, score: -100 }); // B, E
    expect(await nps("?category=tea")).toMatchObject({ responses: 3, score: -33.3 }); // A, B, E
    expect(await nps("?category=coffee")).toMatchObject({ responses: 2, score: -50 }); // C, D
    expect(await nps("?locale=en")).toMatchObject({ responses: 3, score: 0 }); // A, C, E
    expect(await nps("?locale=vi")).toMatchObject({ responses: 2, score: -100 }); // B, D
    expect(await nps(`?template=${templateId}`)).toMatchObject({ responses: 5 });
    expect(await nps("?template=no-such-template")).toMatchObject({ responses: 0, score: null });
    expect(await nps("?channel=web&category=coffee&locale=vi")).toMatchObject({ responses: 1, detractors: 1 }); // D
  });

  it("filters by date: whole UTC days, or exact instants", async () => {
    expect(await nps("?from=2026-11-02&to=2026-11-02")).toMatchObject({ responses: 2, score: -50 }); // C, D
    expect(await nps("?from=2026-11-01&to=2026-11-02")).toMatchObject({ responses: 4 });
    expect(await nps(`?from=${T0 + 3_600_000}`)).toMatchObject({ responses: 3, score: -66.7 }); // C, D, E
    expect(await nps(`?to=${T0 + 120_000}`)).toMatchObject({ responses: 2, score: 0 }); // A, B (a minute apart)
    expect(await nps(`?to=${T0 + 1}`)).toMatchObject({ responses: 1, score: 100 }); // A only
    expect(await nps("?from=2026-12-01")).toMatchObject({ responses: 0 });
  });

  it("refuses bad filters with the failing field named, and anonymous callers", async () => {
    for (const [query, field] of [
      ["?from=2026-11-03&to=2026-11-01", "from"],
      ["?locale=fr", "locale"],
      ["?from=yesterday", "from"],
      ["?tier=gold", "tier"], // not a value tier (top, loyal, new, at_risk, occasional)
    ]) {
      const res = await t.app.request(`/api/v1/scores${query}`, { headers: bearer() });
      expect(res.status).toBe(400);
      expect((await res.json()).error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await t.app.request("/api/v1/scores/trend")).status).toBe(401);
  });

  it("reads the same numbers after the rollups are rebuilt from the responses", async () => {
    const before = await Promise.all(["", "?channel=web", "?from=2026-11-02"].map((q) => get(`/api/v1/scores${q}`)));
    await rebuildRollups(t.db);
    const after = await Promise.all(["", "?channel=web", "?from=2026-11-02"].map((q) => get(`/api/v1/scores${q}`)));
    expect(after).toEqual(before);
  });
});

describe("trend", () => {
  it("has one point per UTC day with answers, with its response count", async () => {
    const { points } = await get("/api/v1/scores/trend?bucket=day");
    expect(points.map((p: { start: number; responses: number; scores: { nps: { score: number } } }) => [new Date(p.start).toISOString().slice(0, 10), p.responses, p.scores.nps.score])).toEqual([
      ["2026-11-01", 2, 0],
      ["2026-11-02", 2, -50],
      ["2026-11-09", 1, -100],
    ]);
  });

  it("groups weeks from Monday and months from the 1st", async () => {
    const weeks = (await get("/api/v1/scores/trend?bucket=week")).points;
    expect(weeks.map((p: { start: number; responses: number }) => [new Date(p.start).toISOString().slice(0, 10), p.responses])).toEqual([
      ["2026-10-26", 2], // Sunday 1 November belongs to the week from Monday 26 October
      ["2026-11-02", 2],
      ["2026-11-09", 1],
    ]);
    const months = (await get("/api/v1/scores/trend?bucket=month&channel=app")).points;
    expect(months).toHaveLength(1);
    expect(months[0]).toMatchObject({ start: Date.parse("2026-11-01T00:00:00Z"), responses: 2, scores: { nps: { score: -100 } } });
  });
});

describe("breakdown", () => {
  it("gives every segment of a dimension its own scores", async () => {
    const { segments } = await get("/api/v1/scores/breakdown?by=channel");
    expect(segments.map((s: { key: string; responses: number; scores: { nps: { score: number } } }) => [s.key, s.responses, s.scores.nps.score])).toEqual([
      ["app", 2, -100],
      ["web", 3, 0],
    ]);
    const [tpl] = (await get("/api/v1/scores/breakdown?by=template")).segments;
    expect(tpl).toMatchObject({ key: templateId, label: "Post-purchase NPS & value", responses: 5 });
    const cats = (await get("/api/v1/scores/breakdown?by=category&locale=en")).segments;
    expect(cats.map((s: { key: string; responses: number }) => [s.key, s.responses])).toEqual([
      ["coffee", 1], // C
      ["tea", 2], // A, E
    ]);
  });
});

describe("compare", () => {
  it("compares a period with the one before it, with the margin of error of the difference", async () => {
    const c = await get("/api/v1/scores/compare?from=2026-11-02&to=2026-11-02");
    expect(c.a).toMatchObject({ label: "this period", responses: 2, scores: { nps: { score: -50, marginOfError: 98 } } }); // C 8, D 6
    expect(c.b).toMatchObject({ label: "previous period", responses: 2, scores: { nps: { score: 0, marginOfError: 196 } } }); // A 10, B 3
    // The difference's margin adds ¾ promoter, ¾ detractor, 1½ passive to each side (m = 5):
    // this: p .15, d .35 → (.5 − .04)/5 = .092; previous: p = d = .35 → .7/5 = .14; 1.96·√.232·100 = 94.4: noise.
    expect(c.difference.nps).toEqual({ difference: -50, marginOfError: 94.4, significant: false });
    expect(c.difference.csat.difference).toBe(50); // 100 % (4, 5) vs 50 % (5, 2)
  });

  it("compares one segment with another", async () => {
    const c = await get("/api/v1/scores/compare?by=channel&a=web&b=app");
    expect(c.a.scores.nps.score).toBe(0);
    expect(c.b.scores.nps.score).toBe(-100);
    // Adjusted shares: web p = d = 1.75/6 → .58333/6 = .09722; app (two detractors) p .15, d .55 → (.7 − .16)/5 = .108;
    // 1.96·√.20522·100 = 88.8, and two detractors are no longer "certain".
    expect(c.difference.nps).toEqual({ difference: 100, marginOfError: 88.8, significant: false });
  });

  it("needs from and to for a period, a and b for segments", async () => {
    expect((await t.app.request("/api/v1/scores/compare", { headers: bearer() })).status).toBe(400);
    const res = await t.app.request("/api/v1/scores/compare?by=channel&a=web", { headers: bearer() });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].field).toBe("a");
  });
});

describe("the response feed", () => {
  const keys = async (query: string) =>
    (await get(`/api/v1/responses${query}`)).responses.map((r: { customerEmail: string }) => r.customerEmail[0].toUpperCase());

  it("lists newest answers first, filtered like the scores", async () => {
    expect(await keys("")).toEqual(["E", "D", "C", "B", "A"]);
    expect(await keys("?channel=app")).toEqual(["E", "B"]);
    expect(await keys("?from=2026-11-02&to=2026-11-02")).toEqual(["D", "C"]);
    expect(await keys("?category=coffee&locale=vi")).toEqual(["D"]);
  });

  it("filters to detractors, passives or promoters", async () => {
    expect(await keys("?group=detractor")).toEqual(["E", "D", "B"]);
    expect(await keys("?group=passive")).toEqual(["C"]);
    expect(await keys("?group=promoter")).toEqual(["A"]);
  });

  it("searches comments, ignoring case, and takes % literally", async () => {
    expect(await keys("?q=REFUND")).toEqual(["B"]);
    expect(await keys("?q=broken&group=detractor")).toEqual(["E"]);
    expect(await keys("?q=%25")).toEqual([]);
  });

  it("finds Vietnamese comments typed without tone marks, or in capitals, and takes * ? [ _ literally", async () => {
    // B wrote "Giao hàng chậm, I want a refund".
    expect(await keys(`?q=${encodeURIComponent("giao hang")}`)).toEqual(["B"]);
    expect(await keys(`?q=${encodeURIComponent("GIAO HÀNG CHẬM")}`)).toEqual(["B"]);
    expect(await keys(`?q=${encodeURIComponent("hàng cham")}`)).toEqual(["B"]);
    expect(await keys(`?q=${encodeURIComponent("giao hang nhanh")}`)).toEqual([]);
    expect(await keys(`?q=${encodeURIComponent('"very"')}`)).toEqual(["E"]);
    for (const wildcard of ["*", "?", "[a-z]", "_"]) expect(await keys(`?q=${encodeURIComponent(wildcard)}`)).toEqual([]);
  });

  it("pages with a cursor", async () => {
    const first = await get("/api/v1/responses?limit=2");
    expect(first.responses).toHaveLength(2);
    const second = await get(`/api/v1/responses?limit=2&cursor=${encodeURIComponent(first.next)}`);
    const third = await get(`/api/v1/responses?limit=2&cursor=${encodeURIComponent(second.next)}`);
    expect([...first.responses, ...second.responses, ...third.responses].map((r: { customerEmail: string }) => r.customerEmail[0].toUpperCase())).toEqual(["E", "D", "C", "B", "A"]);
    expect(third.next).toBeNull();
  });

  it("shows value answers, customer, order, status", async () => {
    const [c] = (await get("/api/v1/responses?group=passive")).responses;
    expect(c).toMatchObject({ score: 8, csat: 4, benefitFunctional: 4, costMoney: 3, customerName: "Customer C", orderId: "order-C", channel: "web", category: "coffee", status: "none", timeToCloseMs: null });
  });
});

describe("alerts with the dashboard's filters", () => {
  // The detractor rule raised an alert for B (day 1, app), D (day 2, web, when 9 became 6) and E (day 9, app).
  const alerted = async (query: string) =>
    (await get(`/api/v1/alerts${query}`)).alerts.map((a: { response: { customerEmail: string } }) => a.response.customerEmail[0].toUpperCase());

  it("lists only the alerts of the responses the filters select", async () => {
    expect(await alerted("")).toEqual(["E", "D", "B"]);
    expect(await alerted("?channel=app")).toEqual(["E", "B"]);
    expect(await alerted("?from=2026-11-02&to=2026-11-02")).toEqual(["D"]);
    expect(await alerted(`?template=${templateId}&locale=vi&category=coffee`)).toEqual(["D"]);
    expect(await alerted("?tier=top&channel=none-such")).toEqual([]);
  });

  it("refuses a bad filter, naming it", async () => {
    const res = await t.app.request("/api/v1/alerts?locale=fr", { headers: bearer() });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].field).toBe("locale");
  });
});

describe("CSV export", () => {
  it("streams one row per filtered response under a header, quoting commas and quotes", async () => {
    const res = await t.app.request("/api/v1/responses/export.csv?channel=app", { headers: bearer() });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0].split(",").slice(0, 4)).toEqual(["response_id", "answered_at", "updated_at", "order_id"]);
    expect(lines).toHaveLength(3); // header + E + B
    expect(lines[1]).toContain('"Broken on arrival, ""very"" sad"');
    expect(lines[2]).toContain("order-B");
    expect(lines[2]).toContain(",detractor,");
  });

  it("reads the responses a page at a time and still writes each one once, in feed order", async () => {
    const text = await new Response(responsesCsv(t.deps, {}, 2)).text();
    const ids = text.trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    const feed = (await get("/api/v1/responses?limit=10")).responses.map((r: { id: string }) => r.id);
    expect(ids).toEqual(feed);
  });

  it("refuses bad filters before streaming anything", async () => {
    const res = await t.app.request("/api/v1/responses/export.csv?group=angry", { headers: bearer() });
    expect(res.status).toBe(400);
  });
});

describe("the OpenAPI document", () => {
  it("documents every dashboard route", async () => {
    const { paths } = await (await t.app.request("/openapi.json")).json();
    for (const path of ["/api/v1/scores/trend", "/api/v1/scores/breakdown", "/api/v1/scores/compare", "/api/v1/responses/export.csv", "/api/v1/responses/{id}", "/api/v1/responses/{id}/reply", "/api/v1/alert-rules", "/api/v1/alerts"])
      expect(Object.keys(paths)).toContain(path);
    expect(paths["/api/v1/scores"].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["from", "to", "template", "category", "channel", "locale"]));
  });
});

describe("other writers of responses", () => {
  it("keep the rollups in step with rollupDeltaForResponseIds around their change", async () => {
    // The same answers on a database of its own: deleting one here would change what the other tests read.
    const own = await makeApp();
    try {
      await answerAll(own, await invitations(own));
      const { rollupDeltaForResponseIds } = await import("../../server/services/score-rollups");
      const [e] = (await get("/api/v1/responses?q=broken", own)).responses;
      const args = [JSON.stringify([e.id])];
      const delta = rollupDeltaForResponseIds(own.db);
      // E (0, app, tea) is erased: the scores lose one detractor, everywhere.
      await own.db.commit([{ sql: delta.remove, args }, { sql: "delete from responses where id = ?", args: [e.id] }, { sql: delta.add, args }]);
      expect(await nps("", own)).toMatchObject({ responses: 4, detractors: 2, score: -25 });
      expect(await nps("?channel=app", own)).toMatchObject({ responses: 1 });
      expect((await get("/api/v1/scores/trend?bucket=day", own)).points).toHaveLength(2);
    } finally {
      own.close();
    }
  });
});
