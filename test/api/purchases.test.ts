import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, T0, bearer, makeApp, postJson, purchase, type TestApp } from "../helpers";

let t: TestApp;
beforeAll(async () => void (t = await makeApp()));
afterAll(() => t.close());

describe("POST /api/v1/purchases", () => {
  it("records a purchase and schedules one invitation 3 days after fulfilment (due at once when that has passed)", async () => {
    const res = await postJson(t.app, "/api/v1/purchases", purchase());
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ orderId: "order-1001", replayed: false, skipped: [] });
    expect(body.scheduled).toHaveLength(1);
    expect(body.scheduled[0].dueAt).toBe(T0);
  });

  it("schedules a fresh purchase 72 hours after it was made", async () => {
    const res = await postJson(t.app, "/api/v1/purchases", purchase({ id: "order-fresh", customer: { email: "minh@example.com" }, purchasedAt: T0, fulfilledAt: undefined }));
    expect((await res.json()).scheduled[0].dueAt).toBe(T0 + 3 * DAY);
  });

  it("changes nothing and schedules nothing twice when the same order is replayed", async () => {
    const first = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "order-replay", customer: { email: "replay@example.com" } }))).json();
    const again = await postJson(t.app, "/api/v1/purchases", purchase({ id: "order-replay", customer: { email: "replay@example.com" } }));
    expect(again.status).toBe(202);
    const body = await again.json();
    expect(body.replayed).toBe(true);
    expect(body.scheduled).toEqual(first.scheduled);
  });

  it("answers 409 for the same id with different content, and stores nothing new", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "order-conflict", customer: { email: "c@example.com" } }));
    const res = await postJson(t.app, "/api/v1/purchases", purchase({ id: "order-conflict", customer: { email: "c@example.com" }, amount: 1 }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("conflict");
  });

  it("does not invite the same customer for the same template twice within 90 days", async () => {
    const email = "loyal@example.com";
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "loyal-1", customer: { email } }));
    const second = await (await postJson(t.app, "/api/v1/purchases", purchase({ id: "loyal-2", customer: { email } }))).json();
    expect(second.scheduled).toEqual([]);
    expect(second.skipped).toEqual([{ templateId: expect.any(String), reason: "throttled" }]);
  });

  it("takes concurrent replays of one order as one purchase", async () => {
    const body = purchase({ id: "order-race", customer: { email: "race@example.com" } });
    const results = await Promise.all(Array.from({ length: 5 }, () => postJson(t.app, "/api/v1/purchases", body)));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const bodies = await Promise.all(results.map((r) => r.json()));
    expect(bodies.filter((b) => !b.replayed)).toHaveLength(1);
    expect(new Set(bodies.map((b) => b.scheduled[0].invitationId)).size).toBe(1);
  });

  it("records concurrent first purchases of one new customer as one customer, invited once", async () => {
    const results = await Promise.all(
      ["first-a", "first-b", "first-c"].map((id) => postJson(t.app, "/api/v1/purchases", purchase({ id, customer: { email: "New.Customer@example.com" } }))),
    );
    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    const bodies = await Promise.all(results.map((r) => r.json()));
    expect(bodies.flatMap((b) => b.scheduled)).toHaveLength(1);
    const rows = await t.client.execute("select count(*) n from customers where email = 'new.customer@example.com'");
    expect(Number(rows.rows[0].n)).toBe(1);
  });

  it("names the failing fields of bad input with 400 and stores nothing", async () => {
    const res = await postJson(t.app, "/api/v1/purchases", { id: "bad", customer: { email: "not-an-email" }, amount: -5, currency: "dong" });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_input");
    expect(error.details.map((d: { field: string }) => d.field).sort()).toEqual(["amount", "currency", "customer.email"]);
    const replay = await postJson(t.app, "/api/v1/purchases", purchase({ id: "bad", customer: { email: "ok@example.com" } }));
    expect((await replay.json()).replayed).toBe(false);
  });

  it("refuses a body that is not JSON with 400", async () => {
    const res = await t.app.request("/api/v1/purchases", { method: "POST", headers: { ...bearer(), "Content-Type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_input");
  });

  it("refuses a body over 1 MB with 413", async () => {
    const huge = purchase({ id: "huge", items: [{ name: "x".repeat(1_100_000) }] });
    const res = await postJson(t.app, "/api/v1/purchases", huge);
    expect(res.status).toBe(413);
  });

  it("refuses callers without an API key (401) or with a wrong one (401)", async () => {
    expect((await postJson(t.app, "/api/v1/purchases", purchase(), {})).status).toBe(401);
    expect((await postJson(t.app, "/api/v1/purchases", purchase(), bearer("vp_wrong"))).status).toBe(401);
  });
});
