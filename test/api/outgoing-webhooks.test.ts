// Outgoing webhooks: signed per Standard Webhooks (verified with the `standardwebhooks` package as a
// receiver would), retried with backoff against a loopback receiver, each attempt in the delivery log.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runOutgoingWebhooks } from "../../server/services/outgoing-webhooks";
import { webhookFetchForNode } from "../../server/webhook-fetch-node";
import { answer, invite, startReceiver, type Received } from "../answered";
import { asBrowser, bearer, makeApp, postJson, signInCookie, type TestApp } from "../helpers";

const LOOPBACK_ALLOWED = { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" };

describe("outgoing webhooks", () => {
  let t: TestApp;
  let cookie: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let slack: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;
  let endpointId: string;
  const failuresLeft = new Map<string, number>();
  const run = () => runOutgoingWebhooks(t.deps);
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
    // The receivers listen on loopback, which outgoing webhooks refuse unless an admin allows the host.
    t = await makeApp({ env: LOOPBACK_ALLOWED });
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
      // The status only: the receiver's reply ("ok") is not shown (issue 19.2: ~300 characters of any target's page were).
      expect(d.log[0].error).toBe("HTTP 500");
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
    // A full-scope key: the session has been idle for days by now (it would have ended).
    const [d] = (await (await t.app.request(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`, { headers: bearer() })).json()).deliveries;
    expect(d).toMatchObject({ status: "failed", attempts: 8 });
    expect(dead.received).toHaveLength(8);
    await dead.close();
  });
});

describe("the outbox under a burst", () => {
  it("queues every event when more changed than fit in one page, and nothing twice on the next pass", async () => {
    const t = await makeApp({ env: LOOPBACK_ALLOWED });
    const receiver = await startReceiver();
    const cookie = await signInCookie(t.app);
    await postJson(t.app, "/api/v1/webhook-endpoints", { url: receiver.url, events: ["response.created", "customer.unsubscribed"] }, asBrowser(cookie));
    t.clock.advance(1000);
    const tokens = [];
    for (let i = 0; i < 5; i++) tokens.push(await invite(t, `burst-${i}`, `burst${i}@example.com`));
    for (const token of tokens) await answer(t, token, { score: 8 });
    for (const token of tokens.slice(0, 3)) await t.app.request(`/u/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await runOutgoingWebhooks(t.deps, { pageSize: 2 })).toEqual({ queued: 8, delivered: 8, retrying: 0, failed: 0 });
    t.clock.advance(5_000);
    expect(await runOutgoingWebhooks(t.deps, { pageSize: 2 })).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
    const types = receiver.received.map((r) => JSON.parse(r.body).type);
    expect(types.filter((x) => x === "response.created")).toHaveLength(5);
    expect(types.filter((x) => x === "customer.unsubscribed")).toHaveLength(3);
    await receiver.close();
    t.close();
  });
});

describe("history", () => {
  it("keeps the delivery log 30 days, then drops finished deliveries", async () => {
    const t = await makeApp({ env: LOOPBACK_ALLOWED });
    const receiver = await startReceiver();
    const cookie = await signInCookie(t.app);
    const { endpoint } = await (await postJson(t.app, "/api/v1/webhook-endpoints", { url: receiver.url, events: ["response.created"] }, asBrowser(cookie))).json();
    t.clock.advance(1000);
    await answer(t, await invite(t, "old-1", "old1@example.com"), { score: 9 });
    const ctx = t.deps;
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

describe("SSRF: outgoing webhooks reach the public internet only (issue 19.2)", () => {
  const register = (t: TestApp, cookie: string, url: string) => postJson(t.app, "/api/v1/webhook-endpoints", { url, events: ["response.created"] }, asBrowser(cookie));

  it("refuses every spelling of this machine, private networks and cloud metadata, naming the url field, and stores nothing", async () => {
    const t = await makeApp();
    const cookie = await signInCookie(t.app);
    const forms = [
      "http://127.0.0.1:8787/hook",
      "http://localhost:8787/hook",
      "http://[::1]:8787/hook",
      "http://[::ffff:127.0.0.1]:8787/hook",
      "http://2130706433:8787/hook",
      "http://0x7f.1:8787/hook",
      "http://0.0.0.0:8787/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/hook",
      "http://172.16.5.4/hook",
      "http://192.168.1.1/hook",
      "http://[fc00::1]/hook",
      "http://[fe80::1]/hook",
      "http://224.0.0.1/hook",
    ];
    for (const url of forms) {
      const res = await register(t, cookie, url);
      expect(res.status, url).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("invalid_input");
      expect(error.details).toEqual([{ field: "url", message: expect.stringMatching(/this machine|address/) }]);
      expect(error.message).toContain("WEBHOOK_ALLOWED_HOSTS");
    }
    expect((await (await t.app.request("/api/v1/webhook-endpoints", { headers: asBrowser(cookie) })).json()).endpoints).toEqual([]);
    t.close();
  });

  it("refuses ValuePulse's own public address, named or as an IP", async () => {
    for (const publicUrl of ["https://feedback.example.com", "https://93.184.216.34"]) {
      const t = await makeApp({ env: { PUBLIC_URL: publicUrl } });
      const cookie = await signInCookie(t.app);
      const res = await postJson(t.app, "/api/v1/webhook-endpoints", { url: `${publicUrl}/webhooks/shopify`, events: ["response.created"] }, { Cookie: cookie, Origin: publicUrl });
      expect(res.status, publicUrl).toBe(400);
      expect((await res.json()).error.details[0].message).toBe(`points to ValuePulse itself (${new URL(publicUrl).hostname})`);
      t.close();
    }
  });

  it("delivers to a loopback receiver only once an admin allow-lists its host", async () => {
    const receiver = await startReceiver();
    const refused = await makeApp();
    expect((await register(refused, await signInCookie(refused.app), receiver.url)).status).toBe(400);
    refused.close();

    const t = await makeApp({ env: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" } });
    expect((await register(t, await signInCookie(t.app), receiver.url)).status).toBe(201);
    t.clock.advance(1000);
    await answer(t, await invite(t, "allow-1", "allow1@example.com"), { score: 9 });
    expect(await runOutgoingWebhooks(t.deps)).toMatchObject({ delivered: 1 });
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(["response.created"]);
    await receiver.close();
    t.close();
  });

  it("checks the name again before every attempt: re-pointed at loopback after registration (DNS rebinding), nothing is sent", async () => {
    const receiver = await startReceiver();
    const t = await makeApp();
    const port = new URL(receiver.url).port;
    // A name whose DNS answer the test controls; connecting to it reaches the loopback receiver (as a rebinding attacker's would).
    let dnsAnswer = ["93.184.216.34"];
    const resolved: string[] = [];
    t.deps.resolveHost = async (host) => (resolved.push(host), dnsAnswer);
    const connectAsResolved: typeof fetch = (input, init) => fetch(String(input).replace("hooks.rebind.example", "127.0.0.1"), init);
    const ctx = { ...t.deps, webhookFetch: connectAsResolved };
    const cookie = await signInCookie(t.app);

    const created = await register(t, cookie, `http://hooks.rebind.example:${port}/hook`);
    expect(created.status).toBe(201);
    const { endpoint } = await created.json();
    t.clock.advance(1000);
    await answer(t, await invite(t, "rebind-1", "rebind1@example.com"), { score: 9 });

    dnsAnswer = ["127.0.0.1"];
    expect(await runOutgoingWebhooks(ctx)).toMatchObject({ delivered: 0, retrying: 1 });
    expect(receiver.received).toEqual([]);
    const [d] = (await (await t.app.request(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`, { headers: asBrowser(cookie) })).json()).deliveries;
    expect(d.log).toEqual([{ attempt: 1, at: t.clock.now(), statusCode: null, error: "Refused: the URL hooks.rebind.example resolves to a loopback address (127.0.0.1)" }]);

    // The same name answering a public address again: the retry goes out (the check is what stopped it, not the route).
    dnsAnswer = ["93.184.216.34"];
    t.clock.advance(5_000);
    expect(await runOutgoingWebhooks(ctx)).toMatchObject({ delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    expect(resolved).toEqual(["hooks.rebind.example", "hooks.rebind.example", "hooks.rebind.example"]);
    await receiver.close();
    t.close();
  });

  it("with the Node entry's fetch, a DNS answering public to the check and loopback to the connection gets nothing through", async () => {
    const receiver = await startReceiver();
    const t = await makeApp();
    // The attacker's DNS server alternates: the outbox's check hears a public address, the connection a loopback one.
    t.deps.resolveHost = async () => ["93.184.216.34"];
    t.deps.webhookFetch = webhookFetchForNode({ allowedHosts: [], lookup: (_h, _o, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }]) });
    const cookie = await signInCookie(t.app);
    const { endpoint } = await (await register(t, cookie, `http://alternating.example:${new URL(receiver.url).port}/hook`)).json();
    t.clock.advance(1000);
    await answer(t, await invite(t, "alt-1", "alt1@example.com"), { score: 9 });
    expect(await runOutgoingWebhooks(t.deps)).toMatchObject({ delivered: 0, retrying: 1 });
    expect(receiver.received).toEqual([]);
    const [d] = (await (await t.app.request(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`, { headers: asBrowser(cookie) })).json()).deliveries;
    expect(d.log.map((a: { error: string }) => a.error)).toEqual(["Refused: the URL alternating.example resolves to a loopback address (127.0.0.1)"]);
    await receiver.close();
    t.close();
  });

  it("registers a name that does not resolve yet, and sends nothing to it until it resolves to a public address", async () => {
    const t = await makeApp();
    const nxdomain = Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    t.deps.resolveHost = async () => {
      throw nxdomain;
    };
    const sent: string[] = [];
    const ctx = { ...t.deps, webhookFetch: (async (url: string) => (sent.push(url), new Response(null, { status: 204 }))) as unknown as typeof fetch };
    const cookie = await signInCookie(t.app);
    const created = await register(t, cookie, "https://hooks.not-yet.example/x");
    expect(created.status).toBe(201);
    const { endpoint } = await created.json();
    t.clock.advance(1000);
    await answer(t, await invite(t, "nx-1", "nx1@example.com"), { score: 9 });
    expect(await runOutgoingWebhooks(ctx)).toMatchObject({ delivered: 0, retrying: 1 });
    expect(sent).toEqual([]);
    const [d] = (await (await t.app.request(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`, { headers: asBrowser(cookie) })).json()).deliveries;
    expect(d.log[0].error).toBe("Refused: the URL hooks.not-yet.example could not be resolved (ENOTFOUND)");
    t.close();
  });

  it("follows no redirect: a 302 is logged as its status and the Location is never fetched", async () => {
    const inside = await startReceiver();
    const redirecting = await startRedirect(inside.url);
    const t = await makeApp({ env: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" } });
    const cookie = await signInCookie(t.app);
    const { endpoint } = await (await register(t, cookie, redirecting.url)).json();
    t.clock.advance(1000);
    await answer(t, await invite(t, "redir-1", "redir1@example.com"), { score: 9 });
    await runOutgoingWebhooks(t.deps);
    expect(inside.received).toEqual([]);
    const [d] = (await (await t.app.request(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`, { headers: asBrowser(cookie) })).json()).deliveries;
    expect(d.log.map((a: { statusCode: number; error: string }) => [a.statusCode, a.error])).toEqual([[302, "HTTP 302"]]);
    await inside.close();
    await redirecting.close();
    t.close();
  });
});

/** A loopback server that answers every request 302 → `location`. */
async function startRedirect(location: string) {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(302, { location }).end("moved"));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}
