// TRUST_PROXY on the real Node entry: the per-IP limits and the audit log key on the client a trusted
// proxy names (X-Forwarded-For), and on the socket's peer otherwise, whatever a client writes itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, makeApp, postJson, type TestApp } from "../helpers";
import { startNodeServer, type RunningServer } from "../node-server";

const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

describe("behind a trusted proxy (TRUST_PROXY=loopback, the test is the proxy)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startNodeServer({ ...ADMIN_ENV, TRUST_PROXY: "loopback", RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: "2" });
  });
  afterAll(() => server?.stop());

  const unsubscribe = (xff: string) =>
    fetch(`${server.url}/u/${"q".repeat(43)}`, { method: "POST", headers: { "Content-Type": "application/json", "X-Forwarded-For": xff }, body: "{}" });

  it("limits each client the proxy names on its own, and a client's own prepended entries do not get it a fresh count", async () => {
    expect((await unsubscribe("203.0.113.1")).status).toBe(404);
    expect((await unsubscribe("203.0.113.1")).status).toBe(404);
    expect((await unsubscribe("203.0.113.1")).status).toBe(429);
    // The client wrote 9.9.9.9 itself; the proxy appended what it saw: still 203.0.113.1.
    expect((await unsubscribe("9.9.9.9, 203.0.113.1")).status).toBe(429);
    // Another customer behind the same proxy is not held back by the first.
    expect((await unsubscribe("203.0.113.2")).status).toBe(404);
  });

  it("records the client's address in the audit log", async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": "198.51.100.23" },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const headers = { Cookie: cookie, Origin: server.url, "Content-Type": "application/json", "X-Forwarded-For": "198.51.100.23" };
    const created = await fetch(`${server.url}/api/v1/api-keys`, { method: "POST", headers, body: JSON.stringify({ name: "from behind the proxy", scope: "read" }) });
    expect(created.status).toBe(201);
    const { entries } = await (await fetch(`${server.url}/api/v1/audit?limit=5`, { headers })).json();
    expect(entries.find((e: { action: string }) => e.action === "api_key.create")).toMatchObject({ actorLabel: ADMIN.email, address: "198.51.100.23" });
  });

  it("logs each request as a JSON line with the client's address, and serves /metrics to this machine only", async () => {
    const line = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === "request" && l.route === "/api/v1/api-keys");
    expect(line).toMatchObject({ level: "info", method: "POST", status: 201, client: "198.51.100.23", requestId: expect.any(String), ms: expect.any(Number) });
    const direct = await fetch(`${server.url}/metrics`);
    expect(direct.status).toBe(200);
    expect(await direct.text()).toMatch(/^valuepulse_http_requests_total\{method="POST",route="\/api\/v1\/api-keys",status="201"\} 1$/m);
    // Through a proxy on this machine (Caddy), every visitor would look local: refused.
    expect((await fetch(`${server.url}/metrics`, { headers: { "X-Forwarded-For": "127.0.0.1" } })).status).toBe(403);
  });
});

describe("without TRUST_PROXY", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ env: { RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: "2" } });
  });
  afterAll(() => t.close());

  it("ignores forwarding headers: rotating X-Forwarded-For or Forwarded does not escape the limit", async () => {
    // The peer (here cf-connecting-ip, as on Workers) is the client; the headers are its own words.
    const post = (spoof: Record<string, string>) => postJson(t.app, `/u/${"r".repeat(43)}`, {}, { "cf-connecting-ip": "192.0.2.50", ...spoof });
    expect((await post({ "X-Forwarded-For": "1.1.1.1" })).status).toBe(404);
    expect((await post({ Forwarded: "for=2.2.2.2" })).status).toBe(404);
    expect((await post({ "X-Forwarded-For": "3.3.3.3" })).status).toBe(429);
  });
});
