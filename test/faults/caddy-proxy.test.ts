// The real proxy path: Caddy (Debian's package) with deploy/Caddyfile on loopback, TLS from Caddy's internal CA
// (trusted by this client only), in front of the Node entry with TRUST_PROXY=loopback. Distinct clients are
// distinct loopback source addresses (127.0.0.5, 127.0.0.6, …): Caddy names each in X-Forwarded-For.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";
import { KEY, duePurchase, serverEnv, sleep } from "./support";

const caddyBin = spawnSync("sh", ["-c", "command -v caddy"], { encoding: "utf8" }).stdout.trim();
if (!caddyBin) {
  // .ci/run installs Debian's caddy; only a machine without it skips, and says so.
  if (process.env.CI) throw new Error("caddy is not installed: .ci/run installs it (apt-get install caddy)");
  console.warn("SKIPPED test/faults/caddy-proxy.test.ts: caddy is not installed here (apt-get install caddy; .ci/run does)");
}

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

let dir: string;
let app: RunningServer;
let caddy: ChildProcess;
let caddyLog = "";
let httpsPort: number;
let ca: Buffer;
let origin: string;

/** One request to Caddy over TLS (SNI localhost, its internal CA), from a given loopback source address. */
function viaCaddy(method: string, path: string, opts: { from?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = httpsRequest(
      { host: "127.0.0.1", port: httpsPort, servername: "localhost", ca, method, path, localAddress: opts.from ?? "127.0.0.1", agent: false, headers: { Host: `localhost:${httpsPort}`, ...opts.headers }, timeout: 20_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on("error", fail);
    req.end(opts.body);
  });
}
const json = (body: unknown) => ({ headers: { "Content-Type": "application/json", Authorization: `Bearer ${KEY}` }, body: JSON.stringify(body) });

beforeAll(async () => {
  if (!caddyBin) return;
  dir = mkdtempSync(join(tmpdir(), "valuepulse-caddy-"));
  httpsPort = await freePort();
  const httpPort = await freePort();
  origin = `https://localhost:${httpsPort}`;
  app = await startNodeServer(serverEnv({ TRUST_PROXY: "loopback", PUBLIC_URL: origin, RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: "3", BACKUP_INTERVAL_HOURS: "0" }));
  // The shipped site block, imported under test-only global options: loopback ports, Caddy's own CA, nothing installed system-wide.
  const caddyfile = join(dir, "Caddyfile");
  writeFileSync(
    caddyfile,
    `{\n\tadmin off\n\tlocal_certs\n\tskip_install_trust\n\tstorage file_system ${join(dir, "data")}\n\thttp_port ${httpPort}\n\thttps_port ${httpsPort}\n\tauto_https disable_redirects\n}\nimport ${resolve("deploy/Caddyfile")}\n`,
  );
  caddy = spawn(caddyBin, ["run", "--config", caddyfile, "--adapter", "caddyfile"], {
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, "xdg-data"), XDG_CONFIG_HOME: join(dir, "xdg-config"), VALUEPULSE_DOMAIN: "localhost", VALUEPULSE_UPSTREAM: `127.0.0.1:${app.port}`, VALUEPULSE_ACCESS_LOG: join(dir, "access.log") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  caddy.stdout!.on("data", (d) => (caddyLog += d));
  caddy.stderr!.on("data", (d) => (caddyLog += d));
  const root = join(dir, "data", "pki", "authorities", "local", "root.crt");
  for (let i = 0; ; i++) {
    if (caddy.exitCode !== null) throw new Error(`caddy exited:\n${caddyLog}`);
    if (existsSync(root)) {
      ca = readFileSync(root);
      try {
        if ((await viaCaddy("GET", "/healthz")).status === 200) break;
      } catch {
        /* not serving yet */
      }
    }
    if (i > 300) throw new Error(`caddy did not serve https in 30 s:\n${caddyLog}`);
    await sleep(100);
  }
});

afterAll(async () => {
  if (caddy && caddy.exitCode === null) {
    const exited = new Promise((r) => caddy.once("exit", r));
    caddy.kill("SIGTERM");
    await exited;
  }
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!caddyBin)("behind Caddy (deploy/Caddyfile, TLS from its internal CA)", () => {
  it("limits each client on its own: one client over the limit, another not held back, a spoofed X-Forwarded-For no way out", async () => {
    const unsubscribe = (from: string, headers: Record<string, string> = {}) =>
      viaCaddy("POST", `/u/${"q".repeat(43)}`, { from, headers: { "Content-Type": "application/json", ...headers }, body: "{}" });
    for (let i = 0; i < 3; i++) expect((await unsubscribe("127.0.0.5")).status).toBe(404);
    expect((await unsubscribe("127.0.0.5")).status).toBe(429);
    // Caddy replaces what an untrusted client claims with the address it saw.
    expect((await unsubscribe("127.0.0.5", { "X-Forwarded-For": "203.0.113.99" })).status).toBe(429);
    expect((await unsubscribe("127.0.0.6")).status).toBe(404);
    const logged = app
      .output()
      .split("\n")
      .filter((l) => l.includes('"msg":"request"') && l.includes('"route":"/u/'))
      .map((l) => JSON.parse(l).client);
    expect(new Set(logged)).toEqual(new Set(["127.0.0.5", "127.0.0.6"]));
  });

  it("signs in with a Secure, HttpOnly cookie over https, and the audit log names the client", async () => {
    const login = await viaCaddy("POST", "/api/v1/auth/login", { from: "127.0.0.7", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "lead@example.com", password: "faults-password-123" }) });
    expect(login.status, login.body).toBe(200);
    const setCookie = String(login.headers["set-cookie"]);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    const cookie = setCookie.split(";")[0]!;
    const session = { Cookie: cookie, Origin: origin, "Content-Type": "application/json" };
    const created = await viaCaddy("POST", "/api/v1/api-keys", { from: "127.0.0.7", headers: session, body: JSON.stringify({ name: "made through Caddy", scope: "read" }) });
    expect(created.status, created.body).toBe(201);
    const audit = await viaCaddy("GET", "/api/v1/audit?limit=5", { from: "127.0.0.7", headers: session });
    expect(JSON.parse(audit.body).entries.find((e: { action: string }) => e.action === "api_key.create")).toMatchObject({ actorLabel: "lead@example.com", address: "127.0.0.7" });
    // /metrics is for this machine only: through the proxy it is refused.
    expect((await viaCaddy("GET", "/metrics")).status).toBe(403);
  });

  it("streams live scores (SSE) through the proxy as answers arrive", async () => {
    expect((await viaCaddy("POST", "/api/v1/purchases", json(duePurchase("caddy-live", "live@example.com")))).status).toBe(202);
    expect((await viaCaddy("POST", "/api/v1/dispatch", json({}))).status).toBe(200);
    const mail = JSON.parse((await viaCaddy("GET", "/api/v1/mailbox?limit=50", { headers: { Authorization: `Bearer ${KEY}` } })).body).emails.find((e: { to: string }) => e.to === "live@example.com");
    const token = /\/s\/([A-Za-z0-9_-]{43})\?score=/.exec(mail.html)![1]!;

    let text = "";
    let onEvent: (() => void) | null = null;
    const stream = httpsRequest({ host: "127.0.0.1", port: httpsPort, servername: "localhost", ca, path: "/api/v1/live", agent: false, headers: { Host: `localhost:${httpsPort}`, Authorization: `Bearer ${KEY}` } });
    const events = () => (text.match(/^event: scores$/gm) ?? []).length;
    const waitFor = async (n: number) => {
      const deadline = Date.now() + 15_000;
      while (events() < n) {
        if (Date.now() > deadline) throw new Error(`${events()} scores events through Caddy, waiting for ${n}:\n${text}`);
        await new Promise<void>((r) => {
          onEvent = r;
          setTimeout(r, 250);
        });
      }
    };
    stream.on("response", (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
      res.setEncoding("utf8");
      res.on("data", (d) => {
        text += d;
        onEvent?.();
      });
    });
    stream.end();
    try {
      await waitFor(1);
      const answered = await viaCaddy("POST", `/s/${token}`, { from: "127.0.0.8", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 10, comment: "through Caddy" }) });
      expect(answered.status).toBe(201);
      await waitFor(2);
      expect(text).toContain("through Caddy");
    } finally {
      stream.destroy();
    }
  });

  it("takes a one-click unsubscribe (RFC 8058) at the link in the email, through the proxy", async () => {
    expect((await viaCaddy("POST", "/api/v1/purchases", json(duePurchase("caddy-unsub", "unsub@example.com")))).status).toBe(202);
    expect((await viaCaddy("POST", "/api/v1/dispatch", json({}))).status).toBe(200);
    const mail = JSON.parse((await viaCaddy("GET", "/api/v1/mailbox?limit=50", { headers: { Authorization: `Bearer ${KEY}` } })).body).emails.find((e: { to: string }) => e.to === "unsub@example.com");
    const link = new URL(/^<(.+)>$/.exec(mail.headers["List-Unsubscribe"])![1]!);
    expect(link.origin).toBe(origin);
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // What a mailbox provider sends: a form POST with no cookie, from its own address.
    const oneClick = await viaCaddy("POST", link.pathname, { from: "127.0.0.9", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(oneClick.status).toBe(200);
    const next = await viaCaddy("POST", "/api/v1/purchases", json(duePurchase("caddy-unsub-2", "unsub@example.com")));
    expect(JSON.parse(next.body).skipped.map((s: { reason: string }) => s.reason)).toEqual(["unsubscribed"]);
  });
});
