// LIVE_POLL_MS > 0 (the Workers default): a live stream sees answers recorded by another isolate or process,
// which its in-process event bus never hears. Here the "other isolate" is a second app on the same database.
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { createEventBus } from "../../server/events";
import type { AppEvent } from "../../server/deps";
import { bearer, makeApp, postJson, purchase, tokenFromEmail, type TestApp } from "../helpers";

let t: TestApp;
let server: ServerType;
let base: string;
/** Another isolate: same database, its own event bus. */
let other: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await makeApp({ env: { LIVE_POLL_MS: "50" } });
  other = createApp({ ...t.deps, events: createEventBus<AppEvent>() });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  (server as import("node:http").Server).closeAllConnections();
  await new Promise((r) => server.close(r));
  t.close();
});

async function nextScores(reader: ReadableStreamDefaultReader<Uint8Array>, state: { buf: string }) {
  for (;;) {
    const cut = state.buf.indexOf("\n\n");
    if (cut >= 0) {
      const block = state.buf.slice(0, cut);
      state.buf = state.buf.slice(cut + 2);
      const data = block.split("\n").find((l) => l.startsWith("data: "));
      if (block.includes("event: scores") && data) return JSON.parse(data.slice(6));
      continue;
    }
    const { value, done } = await reader.read();
    if (done) throw new Error("stream ended");
    state.buf += new TextDecoder().decode(value);
  }
}

describe("live updates by polling the database (LIVE_POLL_MS)", () => {
  it("pushes an answer recorded by another isolate, once, and an answer changed later again", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "poll-1" }));
    await postJson(t.app, "/api/v1/dispatch", {});
    const mail = (await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails[0];
    const token = tokenFromEmail(mail.html);

    const res = await fetch(`${base}/api/v1/live`, { headers: bearer() });
    const reader = res.body!.getReader();
    const state = { buf: "" };
    expect((await nextScores(reader, state)).response).toBeNull();

    const answer = (body: unknown) => other.request(`/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    await answer({ score: 10, comment: "From another isolate" });
    const first = await nextScores(reader, state);
    expect(first.response).toMatchObject({ score: 10, comment: "From another isolate" });
    expect(first.scores.nps).toMatchObject({ responses: 1, score: 100 });

    t.clock.advance(1000);
    await answer({ score: 2, comment: "Changed" });
    const second = await nextScores(reader, state);
    expect(second.response).toMatchObject({ score: 2, comment: "Changed" });
    expect(second.scores.nps).toMatchObject({ responses: 1, score: -100 });
    await reader.cancel();
  });

  it("pushes an answer stamped after the stream started even when it landed before the stream's first poll", async () => {
    await postJson(t.app, "/api/v1/purchases", purchase({ id: "poll-race", customer: { email: "race@example.com", name: "Race", locale: "en" } }));
    await postJson(t.app, "/api/v1/dispatch", {});
    const mail = (await (await t.app.request("/api/v1/mailbox", { headers: bearer() })).json()).emails.find((m: { to: string }) => m.to === "race@example.com");
    // The answer is stamped 5 s after the moment the stream starts, but is already stored when its first poll reads:
    // what a slow first read under load sees.
    const start = t.clock.now();
    t.clock.set(start + 5000);
    await other.request(`/s/${tokenFromEmail(mail.html)}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 7, comment: "Just in time" }) });
    t.clock.set(start);
    const res = await fetch(`${base}/api/v1/live`, { headers: bearer() });
    const reader = res.body!.getReader();
    const state = { buf: "" };
    expect((await nextScores(reader, state)).response).toBeNull();
    expect((await nextScores(reader, state)).response).toMatchObject({ score: 7, comment: "Just in time" });
    await reader.cancel();
  });
});
