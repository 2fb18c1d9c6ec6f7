// Issue 19.7 against the real Node server: a client that trickles its headers or its body is cut off
// within the configured time, and live streams are capped per session or API key and in all.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";

const KEY = "vp_slow_clients_ingest_key_01234";
const ADMIN = { email: "slow-admin@example.com", password: "slow clients admin password" };

let server: RunningServer;
beforeAll(async () => {
  server = await startNodeServer({
    INGEST_API_KEY: KEY,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    HTTP_HEADERS_TIMEOUT_MS: "1000",
    HTTP_REQUEST_TIMEOUT_MS: "2000",
    LIVE_STREAMS_PER_CREDENTIAL: "2",
    LIVE_STREAMS_TOTAL: "3",
  });
}, 60_000);
afterAll(() => server?.stop());

/**
 * Opens a raw connection, sends `head`, then one byte of `drip` every 100 ms (a trickle that would take
 * minutes to finish); resolves when the server ends the connection, with what it answered and how much was sent.
 */
function trickle(head: string, drip: string): Promise<{ answer: string; dripped: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(server.port, "127.0.0.1");
    let answer = "";
    let dripped = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      socket.write(head);
      timer = setInterval(() => {
        if (dripped < drip.length && socket.writable) socket.write(drip[dripped++]);
      }, 100);
    });
    socket.on("data", (d) => (answer += d));
    socket.on("error", () => {}); // a reset after the 408 is the server closing: "close" follows
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, dripped, seconds: (Date.now() - started) / 1000 });
    });
    setTimeout(() => reject(new Error(`not cut off after 30 s; sent ${dripped} bytes`)), 30_000).unref();
  });
}

describe("slow clients", () => {
  it("cuts off a body that trickles in, at HTTP_REQUEST_TIMEOUT_MS, long before it is complete", async () => {
    const body = JSON.stringify({ id: "slow-1", customer: { email: "slow@example.com" }, amount: 1, currency: "USD" }).padEnd(3000, " ");
    const head = `POST /api/v1/purchases HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const cut = await trickle(head, body);
    expect(cut.answer).toMatch(/^HTTP\/1\.1 408/);
    // 3000 bytes at 10 a second would take 5 minutes; the 2 s limit (checked each second) ends it far sooner.
    expect(cut.dripped).toBeLessThan(100);
    expect(cut.seconds).toBeLessThan(10);
  }, 40_000);

  it("cuts off headers that trickle in, at HTTP_HEADERS_TIMEOUT_MS", async () => {
    const cut = await trickle("GET /healthz HTTP/1.1\r\nHost: localhost\r\n", "X-Slow: " + "a".repeat(3000));
    expect(cut.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(cut.dripped).toBeLessThan(100);
  }, 40_000);
});

describe("live streams", () => {
  type Stream = { status: number; error?: { code: string; message: string; details: { limit: string; max: number } }; close: () => void };
  async function open(headers: Record<string, string>): Promise<Stream> {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/live`, { headers, signal: controller.signal });
    if (res.status !== 200) return { status: res.status, error: (await res.json()).error, close: () => {} };
    // The first event (the current scores) has arrived: the stream is open and counted.
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("event: scores")) text += new TextDecoder().decode((await reader.read()).value);
    return { status: 200, close: () => controller.abort() };
  }

  it("opens at most LIVE_STREAMS_PER_CREDENTIAL per key or session and LIVE_STREAMS_TOTAL in all; a closed one frees its place", async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const browser = { Cookie: cookie, Origin: server.url };
    const key = async () => {
      const res = await fetch(`${server.url}/api/v1/api-keys`, { method: "POST", headers: { ...browser, "Content-Type": "application/json" }, body: JSON.stringify({ name: "live", scope: "read" }) });
      return { Authorization: `Bearer ${(await res.json()).secret}` };
    };
    const readKey = await key();
    const otherKey = await key();

    const first = await open(readKey);
    const second = await open(readKey);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await open(readKey);
    expect(third.status).toBe(429);
    expect(third.error).toMatchObject({ code: "too_many_streams", details: { limit: "LIVE_STREAMS_PER_CREDENTIAL", max: 2 } });
    expect(third.error!.message).toContain("LIVE_STREAMS_PER_CREDENTIAL");

    // Another credential may open its own, up to the total of 3.
    const session = await open(browser);
    expect(session.status).toBe(200);
    const overTotal = await open(otherKey);
    expect(overTotal.status).toBe(429);
    expect(overTotal.error).toMatchObject({ code: "too_many_streams", details: { limit: "LIVE_STREAMS_TOTAL", max: 3 } });

    // Closing a stream gives its place back once the server has seen the close.
    first.close();
    let again: Stream;
    for (;;) {
      again = await open(readKey);
      if (again.status === 200) break;
      expect(again.error!.details.limit).toMatch(/^LIVE_STREAMS_/);
      await new Promise((r) => setTimeout(r, 50));
    }
    for (const s of [second, session, again]) s.close();
  }, 40_000);
});
