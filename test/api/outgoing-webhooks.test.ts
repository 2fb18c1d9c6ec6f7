// Outgoing webhooks: signed per Standard Webhooks (verified with the `standardwebhooks` package as a
// receiver would), retried with backoff against a loopback receiver, each attempt in the delivery log.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runOutgoingWebhooks } from "../../server/services/outgoing-webhooks";
import { answer, invite, startReceiver, type Received } from "../answered";
import { asBrowser, bearer, makeApp, postJson, signInCookie, type TestApp } from "../helpers";

describe("outgoing webhooks", () => {
  let t: TestApp;
  let cookie: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let slack: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;
  let endpointId: string;
  const failuresLeft = new Map<string, number>();
  const run = () => runOutgoingWebhooks({ db: t.db, secretKey: t.deps.config.secretKey, now: t.clock.now, publicUrl: "http://localhost:8787" });
  type Verified = { id: string; type: string; data: Record<string, unknown> };
  /** What the receiver verified on arrival, as its owner would, with the `standardwebhooks` package. */
  let verifiedOnArrival: Verified[] = [];
  const verify = (r: Received): Verified => {
    // The library checks the timestamp against its own clock: let it read ours.
    vi.setSystemTime(t.clock.now());
    return { id: String(r.headers["webhook-id"]), ...(new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> }) };
  };

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    t = await makeApp();
    cookie = await signInCookie(t.app);
    // Fails the first two attempts of every message.
    receiver = await startReceiver((r) => {
      verifiedOnArrival.push(verify(r));
      const id = String(r.headers["webhook-id"]);
      const left = failuresLeft.get(id) ?? 2;
      failuresLeft.set(id, left - 1);
      return left > 0 ? 500 : 204;
    });
    slack = await startReceiver();
  });
  afterAll(async () => {
    vi.useRealTimers();
    await receiver.close();
    await slack.close();
    t.close();
  });

  it("lets an admin register an endpoint and shows its signing secret once created", async () => {
    const res = await postJson(t.app, "/api/v1/webhook-endpoints", { url: receiver.url, events: ["response.created", "response.updated", "detractor.alert", "customer.unsubscribed"], description: "CRM" }, asBrowser(cookie));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.endpoint).toMatchObject({ url: receiver.url, format: "standard", events: ["response.created", "response.updated", "detractor.alert", "customer.unsubscribed"] });
    expect(body.secret).toMatch(/^whsec_/);
    secret = body.secret;
    endpointId = body.endpoint.id;
    const slackRes = await postJson(t.app, "/api/v1/webhook-endpoints", { url: slack.url, events: ["detractor.alert"], format: "slack" }, asBrowser(cookie));
    expect(slackRes.status).toBe(201);
  });

  it("refuses bad input, strangers and keys without full scope", async () => {
    const bad = await postJson(t.app, "/api/v1/webhook-endpoints", { url: "ftp://example.com", events: ["nope"] }, asBrowser(cookie));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { field: string }) => d.field).sort()).toEqual(["events.0", "url"]);
    expect((await t.app.request("/api/v1/webhook-endpoints")).status).toBe(401);
    expect((await t.app.request("/api/v1/webhook-endpoints", { headers: bearer() })).status).toBe(200); // INGEST_API_KEY is full scope
    const { secret: readKey } = await (await postJson(t.app, "/api/v1/api-keys", { name: "r", scope: "read" }, asBrowser(cookie))).json();
    expect((await t.app.request("/api/v1/webhook-endpoints", { headers: bearer(readKey) })).status).toBe(403);
  });

  it("sends response.created and detractor.alert, retrying a receiver that fails twice with backoff", async () => {
    const token = await invite(t, "wh-1", "wh1@example.com");
    const { responseId } = await answer(t, token, { score: 3, comment: "Late delivery" });

    expect(await run()).toEqual({ queued: 3, delivered: 1, retrying: 2, failed: 0 }); // Slack answered at once
    expect(receiver.received).toHaveLength(2);
    t.clock.advance(4_000);
    expect(await run()).toMatchObject({ delivered: 0, retrying: 0 }); // not due before 5 s
    t.clock.advance(1_000);
    expect(await run()).toMatchObject({ delivered: 0, retrying: 2 });
    t.clock.advance(5 * 60_000);
    expect(await run()).toMatchObject({ delivered: 2, retrying: 0 });
    expect(receiver.received).toHaveLength(6);

    const events = verifiedOnArrival;
    expect(events).toHaveLength(6);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(2); // the same webhook-id on every retry
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["response.created", "detractor.alert"]));
    expect(events[0].data).toMatchObject({ id: responseId, score: 3, comment: "Late delivery", orderId: "wh-1", customer: { email: "wh1@example.com" }, flagged: false });

    const log = (await (await t.app.request(`/api/v1/webhook-endpoints/${endpointId}/deliveries`, { headers: asBrowser(cookie) })).json()).deliveries;
    expect(log).toHaveLength(2);
    for (const d of log) {
      expect(d).toMatchObject({ status: "succeeded", attempts: 3, nextAttemptAt: null });
      expect(d.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 204]);
      expect(d.log[0].error).toMatch(/^HTTP 500/);
    }
  });

  it("posts a Slack message for the Slack-format endpoint", async () => {
    expect(slack.received).toHaveLength(1);
    const text = JSON.parse(slack.received[0].body).text as string;
    expect(text).toContain(":rotating_light: Detractor: Customer wh-1 (order wh-1) — NPS *3*/10");
    expect(text).toContain("> Late delivery");
  });

  it("sends response.updated when the customer changes the answer, and nothing twice", async () => {
    failuresLeft.clear();
    verifiedOnArrival = [];
    const token = await invite(t, "wh-2", "wh2@example.com");
    await answer(t, token, { score: 10 });
    t.clock.advance(60_000);
    await answer(t, token, { score: 9, comment: "Changed my mind" });
    for (let i = 0; i < 3; i++) {
      await run();
      t.clock.advance(5 * 60_000);
    }
    const events = verifiedOnArrival;
    const kinds = [...new Set(events.map((e) => `${e.type}:${e.data.score}`))];
    expect(kinds.sort()).toEqual(["response.created:9", "response.updated:9"]);
    expect(await run()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
  });

  it("sends customer.unsubscribed after a one-click unsubscribe", async () => {
    failuresLeft.clear();
    verifiedOnArrival = [];
    const token = await invite(t, "wh-3", "wh3@example.com");
    t.clock.advance(1000);
    expect((await t.app.request(`/u/${token}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      await run();
      t.clock.advance(5 * 60_000);
    }
    const [event, ...others] = [...new Map(verifiedOnArrival.map((e) => [e.id, e])).values()];
    expect(others).toEqual([]);
    expect(event).toMatchObject({ type: "customer.unsubscribed", data: { customer: { email: "wh3@example.com" } } });
  });

  it("rotates the secret: later deliveries verify with the new one only", async () => {
    const rotated = await (await postJson(t.app, `/api/v1/webhook-endpoints/${endpointId}/rotate-secret`, {}, asBrowser(cookie))).json();
    expect(rotated.secret).not.toBe(secret);
    const shown = await (await t.app.request(`/api/v1/webhook-endpoints/${endpointId}/secret`, { headers: asBrowser(cookie) })).json();
    expect(shown.secret).toBe(rotated.secret);
    const old = secret;
    secret = rotated.secret;
    failuresLeft.clear();
    verifiedOnArrival = [];
    const token = await invite(t, "wh-5", "wh5@example.com");
    await answer(t, token, { score: 8 });
    for (let i = 0; i < 3; i++) {
      await run();
      t.clock.advance(5 * 60_000);
    }
    expect(verifiedOnArrival.map((e) => e.type)).toContain("response.created");
    const last = receiver.received[receiver.received.length - 1];
    vi.setSystemTime(Number(last.headers["webhook-timestamp"]) * 1000);
    expect(() => new Webhook(old).verify(last.body, last.headers as Record<string, string>)).toThrow();
  });

  it("marks a delivery failed after the last retry", async () => {
    const dead = await startReceiver(() => 503);
    const { endpoint } = await (await postJson(t.app, "/api/v1/webhook-endpoints", { url: dead.url, events: ["response.created"] }, asBrowser(cookie))).json();
    t.clock.advance(1000);
    const token = await invite(t, "wh-4", "wh4@example.com");
    await answer(t, token, { score: 8 });
    for (let i = 0; i < 10; i++) {
      await run();
      t.clock.advance(11 * 3_600_000);
    }
    const [d] = (await (await t.app.request(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`, { headers: asBrowser(cookie) })).json()).deliveries;
    expect(d).toMatchObject({ status: "failed", attempts: 8 });
    expect(dead.received).toHaveLength(8);
    await dead.close();
  });
});

describe("the outbox under a burst", () => {
  it("queues every event when more changed than fit in one page, and nothing twice on the next pass", async () => {
    const t = await makeApp();
    const receiver = await startReceiver();
    const cookie = await signInCookie(t.app);
    await postJson(t.app, "/api/v1/webhook-endpoints", { url: receiver.url, events: ["response.created", "customer.unsubscribed"] }, asBrowser(cookie));
    t.clock.advance(1000);
    const tokens = [];
    for (let i = 0; i < 5; i++) tokens.push(await invite(t, `burst-${i}`, `burst${i}@example.com`));
    for (const token of tokens) await answer(t, token, { score: 8 });
    for (const token of tokens.slice(0, 3)) await t.app.request(`/u/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const ctx = { db: t.db, secretKey: t.deps.config.secretKey, now: t.clock.now, publicUrl: "http://localhost:8787", pageSize: 2 };
    expect(await runOutgoingWebhooks(ctx)).toEqual({ queued: 8, delivered: 8, retrying: 0, failed: 0 });
    t.clock.advance(5_000);
    expect(await runOutgoingWebhooks(ctx)).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
    const types = receiver.received.map((r) => JSON.parse(r.body).type);
    expect(types.filter((x) => x === "response.created")).toHaveLength(5);
    expect(types.filter((x) => x === "customer.unsubscribed")).toHaveLength(3);
    await receiver.close();
    t.close();
  });
});

describe("history", () => {
  it("keeps the delivery log 30 days, then drops finished deliveries", async () => {
    const t = await makeApp();
    const receiver = await startReceiver();
    const cookie = await signInCookie(t.app);
    const { endpoint } = await (await postJson(t.app, "/api/v1/webhook-endpoints", { url: receiver.url, events: ["response.created"] }, asBrowser(cookie))).json();
    t.clock.advance(1000);
    await answer(t, await invite(t, "old-1", "old1@example.com"), { score: 9 });
    const ctx = { db: t.db, secretKey: t.deps.config.secretKey, now: t.clock.now, publicUrl: "http://localhost:8787" };
    await runOutgoingWebhooks(ctx);
    // A full-scope key: a session would have expired by then.
    const log = async () => (await (await t.app.request(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`, { headers: bearer() })).json()).deliveries;
    expect(await log()).toHaveLength(1);
    t.clock.advance(29 * 24 * 3_600_000);
    await runOutgoingWebhooks(ctx);
    expect(await log()).toHaveLength(1);
    t.clock.advance(2 * 24 * 3_600_000);
    await runOutgoingWebhooks(ctx);
    expect(await log()).toEqual([]);
    await receiver.close();
    t.close();
  });
});
