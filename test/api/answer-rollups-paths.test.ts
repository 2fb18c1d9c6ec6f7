// The answer rollups are kept in the answer's own transaction by two writers: in-process on the embedded file (JS
// sums, SQL for the key rollups) and as one SQL batch over the network (@libsql/client, as on Turso). Both, after new
// answers, changed answers (score, blanks filled, a new comment) and an erasure, must hold exactly what a build from
// the responses gives.
import { afterEach, describe, expect, it } from "vitest";
import { defaultTemplate } from "../../server/domain/default-template";
import { buildAnswerRollups } from "../../server/services/rollup-writes";
import { announcedRandom } from "../seeded-random";
import { DAY, T0, bearer, makeApp, postJson, tokenFromEmail, type TestApp } from "../helpers";

let t: TestApp | undefined;
afterEach(() => t?.close());

/** Every non-empty row of both tables, amounts rounded to 1e-9 (a scale's column is a mean: sums of means). */
async function snapshot(app: TestApp) {
  const round = (v: unknown) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v);
  const rows = async (sql: string) => (await app.client.execute(sql)).rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)])));
  const wide = (await rows("select * from answer_rollups order by grain, bucket, template_id, channel, locale, category, tier")).filter((r) =>
    Object.entries(r).some(([k, v]) => !["grain", "bucket", "template_id", "channel", "locale", "category", "tier"].includes(k) && v !== 0),
  );
  const keyed = (await rows("select * from answer_key_rollups order by grain, bucket, template_id, channel, locale, category, tier, key")).filter((r) => r.n !== 0 || r.sum !== 0);
  return { wide, keyed };
}

async function answerSome(app: TestApp, seed: number) {
  const rand = announcedRandom(`answer-rollups-paths (${seed})`, seed);
  const [tpl] = (await (await app.app.request("/api/v1/templates", { headers: bearer() })).json()).templates;
  const q = { en: "Q", vi: "Q" };
  const questions = [
    ...defaultTemplate.content.questions,
    { type: "benefit", key: "quality_2", valueType: "functional", required: false, text: q },
    { type: "expectation", key: "exp_monetary", valueType: "monetary", required: false, text: q },
    { type: "touchpoint", key: "tp_delivery", touchpoint: "delivery_use", required: false, text: q },
  ];
  const put = await app.app.request(`/api/v1/templates/${tpl.id}`, {
    method: "PUT",
    headers: { ...bearer(), "Content-Type": "application/json" },
    body: JSON.stringify({ name: tpl.name, content: { ...defaultTemplate.content, questions }, rules: { ...defaultTemplate.rules, delayHours: 0, throttleDays: 0 } }),
  });
  expect(put.status).toBe(200);
  expect((await postJson(app.app, `/api/v1/templates/${tpl.id}/publish`, {})).status).toBe(200);
  const tokens: string[] = [];
  for (let i = 0; i < 24; i++) {
    app.clock.set(T0 - (40 - i) * DAY + Math.floor(rand() * 24) * 3_600_000);
    const email = `p${i % 15}@example.com`;
    await postJson(app.app, "/api/v1/purchases", { id: `paths-${i}`, customer: { email, name: email }, amount: 100_000, currency: "VND", items: [], purchasedAt: new Date(app.clock.now()).toISOString(), fulfilledAt: new Date(app.clock.now()).toISOString(), ...(i % 3 ? { channel: "web" } : {}) });
    await postJson(app.app, "/api/v1/dispatch", {});
    const { emails } = await (await app.app.request("/api/v1/mailbox?limit=3", { headers: bearer() })).json();
    tokens.push(tokenFromEmail(emails.find((m: { to: string }) => m.to === email).html));
  }
  const comments = ["Giao hàng chậm quá", "Đẹp nhưng giao chậm", "Great quality, too expensive", "ok"];
  const post = (token: string, body: Record<string, unknown>) => app.app.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  // Answers arriving together (one batch) and one by one, then changed.
  const first = tokens.map((token) => {
    const f = 1 + Math.floor(rand() * 5);
    return post(token, {
      score: rand() < 0.1 ? undefined : Math.floor(rand() * 11),
      benefit_functional: f,
      quality_2: rand() < 0.2 ? undefined : 1 + Math.floor(rand() * 5),
      cost_time: rand() < 0.3 ? undefined : 1 + Math.floor(rand() * 5),
      exp_monetary: ["worse", "as_expected", "better"][Math.floor(rand() * 3)],
      tp_delivery: 1 + Math.floor(rand() * 5),
      comment: rand() < 0.5 ? comments[Math.floor(rand() * comments.length)] : undefined,
    });
  });
  for (const res of await Promise.all(first)) expect(res.status).toBe(201);
  for (const token of tokens.slice(0, 8)) {
    app.clock.advance(3_600_000);
    expect((await post(token, { score: Math.floor(rand() * 11), quality_2: 1 + Math.floor(rand() * 5), comment: comments[Math.floor(rand() * comments.length)] })).status).toBeLessThan(300);
  }
  // An erasure takes a customer's answers out.
  expect((await postJson(app.app, "/api/v1/privacy/erase", { customer: "p3@example.com", confirm: true })).status).toBe(200);
}

describe("answer rollups kept as answers arrive equal a build from the responses", () => {
  for (const client of ["file", "@libsql/client"] as const)
    it(`with the ${client === "file" ? "in-process writer (embedded file)" : "batched SQL writer (over the network, as on Turso)"}`, async () => {
      t = await makeApp({ client });
      await answerSome(t, 33);
      const kept = await snapshot(t);
      expect(kept.wide.length).toBeGreaterThan(0);
      expect(kept.keyed.some((r) => String(r.key).startsWith("i:"))).toBe(true);
      expect(kept.keyed.some((r) => String(r.key).startsWith("a:"))).toBe(true);
      expect(kept.keyed.some((r) => String(r.key).startsWith("x:exp_monetary="))).toBe(true);
      await buildAnswerRollups({ db: t.db, log: { info() {} } });
      expect(kept).toEqual(await snapshot(t));
    });
});
