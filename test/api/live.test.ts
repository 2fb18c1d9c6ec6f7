import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asBrowser, bearer, makeApp, postJson, purchase, signInCookie, tokenFromEmail, type TestApp } from "../helpers";

let t: TestApp;
let server: ServerType;
let base: string;

beforeAll(async () => {
  t = await makeApp();
  server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  (server as import("node:http").Server).closeAllConnections();
  await new Promise((r) => server.close(r));
  t.close();
});

/** Reads SSE events from a live stream until `until` is satisfied; `ready` resolves with the first (the stream is subscribed by then). */
function readEvents(res: Response, until: (events: any[]) => boolean): { ready: Promise<void>; events: Promise<any[]> } {
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  return { ready, events: collect(res, until, onReady) };
}

async function collect(res: Response, until: (events: any[]) => boolean, onReady: () => void, timeoutMs = 15_000): Promise<any[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: any[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (!until(events)) {
    if (Date.now() > deadline) throw new Error(`timed out with ${events.length} events`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split("\n").find((l) => l.startsWith("data: "));
      if (data && (block.includes("event: scores") || block.includes("event: alert") || block.includes("event: response"))) {
        events.push(JSON.parse(data.slice(6)));
        onReady();
      }
    }
  }
  await reader.cancel();
  return events;
}

describe("GET /api/v1/live", () => {
  it("streams the current scores at once, then the new scores and the response after each answer", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "live-1" }));
    await postJson(t.app, "/api/v1/dispatch", {});
    const mail = (await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails[0];
    const token = tokenFromEmail(mail.html);

    const cookie = await signInCookie(t.app);
    const res = await fetch(`${base}/api/v1/live`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const collecting = readEvents(res, (e) => e.length >= 2);
    // The first event (current scores) comes after the stream subscribed: answer only then.
    await collecting.ready;
    await fetch(`${base}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 9, comment: "Rất tốt" }) });
    const [first, second] = await collecting.events;
    // Relative to the first event: other tests of this file may have answered before (any order).
    expect(first.response).toBeNull();
    expect(second.scores.nps).toMatchObject({ responses: first.scores.nps.responses + 1, promoters: first.scores.nps.promoters + 1 });
    expect(second.response).toMatchObject({ score: 9, comment: "Rất tốt", customerEmail: "lan@example.com", orderId: "live-1" });
  });

  it("is refused without a session or key", async () => {
    expect((await fetch(`${base}/api/v1/live`)).status).toBe(401);
  });

  it("lists the latest comments for the feed", async () => {
    // Its own answer: the test stands alone, in any order.
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "live-feed", customer: { email: "feed@example.com", name: "Feed", locale: "vi" } }));
    await postJson(t.app, "/api/v1/dispatch", {});
    const mail = (await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails.find((m: { to: string }) => m.to === "feed@example.com");
    t.clock.advance(1000);
    expect((await postJson(t.app, `/s/${tokenFromEmail(mail.html)}`, { score: 8, comment: "Giao nhanh" }, {})).status).toBeLessThan(400);
    const { responses } = await (await t.app.request("/api/v1/responses?limit=5", { headers: bearer() })).json();
    expect(responses[0]).toMatchObject({ score: 8, comment: "Giao nhanh", customerEmail: "feed@example.com" });
  });
});

describe("alerts and workflow changes on the live stream", () => {
  it("pushes the alert a detractor raises, and the response a lead closes", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "live-alert", customer: { email: "sad@example.com", name: "Sad", locale: "en" } }));
    await postJson(t.app, "/api/v1/dispatch", {});
    const mail = (await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails.find((m: { to: string }) => m.to === "sad@example.com");
    const token = tokenFromEmail(mail.html);
    const res = await fetch(`${base}/api/v1/live`, { headers: bearer() });
    // The lead closes the response as soon as the stream pushes its alert (waiting on that event, not on time).
    let closing: Promise<Response> | null = null;
    const closeOnAlert = (e: any[]) => {
      const raised = e.find((x) => x.type === "alert");
      if (raised && !closing)
        closing = fetch(`${base}/api/v1/responses/${raised.alert.response.id}`, { method: "PATCH", headers: { ...bearer(), "Content-Type": "application/json" }, body: JSON.stringify({ status: "closed" }) });
      return e.some((x) => x.type === "response");
    };
    const collecting = readEvents(res, closeOnAlert);
    await collecting.ready;
    await fetch(`${base}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 1, comment: "Never again" }) });
    const events = await collecting.events;
    expect((await closing!)!.status).toBe(200);
    const alert = events.find((e) => e.type === "alert");
    const alertResponseId = alert.alert.response.id;
    expect(alert.alert).toMatchObject({ ruleName: "Detractor (score 0–6)", response: { score: 1, comment: "Never again", customerEmail: "sad@example.com" } });
    expect(events.find((e) => e.type === "response").response).toMatchObject({ id: alertResponseId, status: "closed" });
  });
});

describe("a live stream outlives no credential", () => {
  it("ends the stream of a session signed out meanwhile, before it sends another answer", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "live-signout", customer: { email: "later@example.com", name: "Later", locale: "en" } }));
    await postJson(t.app, "/api/v1/dispatch", {});
    const mail = (await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails.find((m: { to: string }) => m.to === "later@example.com");
    const cookie = await signInCookie(t.app);
    const res = await fetch(`${base}/api/v1/live`, { headers: { Cookie: cookie } });
    const collecting = readEvents(res, () => false);
    await collecting.ready;
    expect((await t.app.request("/api/v1/auth/logout", { method: "POST", headers: asBrowser(cookie) })).status).toBeLessThan(300);
    // Past the stream's re-check interval (on the injected clock), an answer arrives: the signed-out stream must end, not carry it.
    t.clock.advance(1100);
    await fetch(`${base}/s/${tokenFromEmail(mail.html)}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 10 }) });
    const events = await collecting.events;
    expect(events).toHaveLength(1);
    expect(events[0].response).toBeNull();
  });
});
