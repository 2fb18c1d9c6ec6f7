// The Worker build, run in workerd against a libSQL database reached over HTTP (Hrana, the protocol Turso
// speaks) and Resend's API on loopback: the whole loop, the dashboard assets, sign-in and live updates.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startHranaServer, type HranaServer } from "../fakes/hrana-server";
import { startResendFake, type ResendFake } from "../fakes/resend-fake";
import { SURVEY_SCRIPT } from "../../server/http/pages/survey-script.compiled";
import { buildWorker, run, startWorker, type RunningWorker } from "./workerd";
import { DAY_MS as DAY } from "../../server/domain/time";

const INGEST_KEY = "vp_edge_ingest_key_0123456789";
const ADMIN = { email: "lead@example.com", password: "edge-admin-password" };

let dir: string;
let db: HranaServer;
let resend: ResendFake;
let worker: RunningWorker;
let bundle: Awaited<ReturnType<typeof buildWorker>>;

const api = (path: string, init: RequestInit = {}) =>
  fetch(worker.url + path, { ...init, headers: { Authorization: `Bearer ${INGEST_KEY}`, "Content-Type": "application/json", ...init.headers } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "valuepulse-edge-"));
  db = await startHranaServer({ file: join(dir, "turso.db") });
  resend = await startResendFake();
  // As a deployer would: migrate and seed the remote database from their machine.
  await run("npx", ["tsx", "server/db-migrate.ts"], {
    DATABASE_URL: db.url,
    DATABASE_AUTH_TOKEN: db.authToken,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    INGEST_API_KEY: INGEST_KEY,
  });
  bundle = await buildWorker(join(dir, "out"));
  worker = await startWorker(
    {
      DATABASE_URL: db.url,
      DATABASE_AUTH_TOKEN: db.authToken,
      SECRET_KEY: "edge-test-secret-key-0123456789abcdef",
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      EMAIL_FROM: "ValuePulse <surveys@feedback.example.com>",
      PUBLIC_URL: "http://localhost:8787",
      LIVE_POLL_MS: "300",
    },
    dir,
  );
}, 180_000);

afterAll(async () => {
  if (process.env.EDGE_DEBUG) console.log(worker?.output());
  await worker?.stop();
  await resend?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Worker bundle", () => {
  it("is under 1 MiB gzipped", () => {
    console.log(`Worker bundle: ${(bundle.bytes / 1024).toFixed(0)} KiB, ${(bundle.gzipBytes / 1024).toFixed(0)} KiB gzipped`);
    expect(bundle.gzipBytes).toBeLessThan(1024 * 1024);
  });
});

describe("the Worker in workerd, database over HTTP", () => {
  it("takes a purchase, sends the invitation from the Cron Trigger, records the answer and shows the scores", async () => {
    const before = db.requests.length;
    const fulfilledAt = new Date(Date.now() - 4 * DAY).toISOString();
    const res = await api("/api/v1/purchases", {
      method: "POST",
      body: JSON.stringify({ id: "edge-1", customer: { email: "lan@example.com", name: "Lan", locale: "vi" }, amount: 125000, currency: "VND", items: [{ name: "Trà sen" }], fulfilledAt }),
    });
    expect(res.status).toBe(202);
    expect((await res.json()).scheduled).toHaveLength(1);

    // The Cron Trigger, fired the way `wrangler dev --test-scheduled` offers.
    expect((await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`)).status).toBe(200);
    expect(resend.delivered).toHaveLength(1);
    const [mail] = resend.delivered;
    expect(mail.to).toEqual(["lan@example.com"]);
    const token = mail.html.match(/http:\/\/localhost:8787\/s\/([A-Za-z0-9_-]{43})\?score=/)?.[1];
    expect(token).toBeTruthy();

    const page = await fetch(`${worker.url}/s/${token}?score=9`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<form");
    // The browser script leaves the Worker byte for byte as compiled, with no bundler helper (esbuild's __name) in it.
    expect(html).toContain(`>${SURVEY_SCRIPT}</script>`);
    const answer = await fetch(`${worker.url}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 9, csat: 5, comment: "Rất thơm" }) });
    expect(answer.status).toBeLessThan(300);

    const scores = await (await api("/api/v1/scores?from=2020-01-01T00:00:00Z")).json();
    expect(scores.nps.responses).toBe(1);
    expect(scores.nps.score).toBe(100);
    // Everything went to the database over HTTP.
    expect(db.requests.length).toBeGreaterThan(before);
  });

  it("emails an alert from the answer's request, and retries a failed one from the Cron Trigger with no later answer", async () => {
    const lead = "alerts-lead@example.com";
    expect((await api("/api/v1/alert-rules", { method: "POST", body: JSON.stringify({ name: "Unhappy", maxScore: 3, recipients: [lead] }) })).status).toBe(201);
    const fulfilledAt = new Date(Date.now() - 4 * DAY).toISOString();
    const emails = ["alert-a@example.com", "alert-b@example.com"];
    for (const [i, email] of emails.entries())
      expect((await api("/api/v1/purchases", { method: "POST", body: JSON.stringify({ id: `edge-alert-${i}`, customer: { email, locale: "en" }, amount: 100, currency: "USD", fulfilledAt }) })).status).toBe(202);
    expect((await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`)).status).toBe(200);
    const tokenOf = (email: string) => resend.delivered.find((m) => m.to.includes(email))!.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)![1];
    const toLead = () => resend.delivered.filter((m) => m.to.includes(lead));
    const answer = (email: string, comment: string) => fetch(`${worker.url}/s/${tokenOf(email)}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 1, comment }) });

    // The answer kicks the alert-email job; the isolate finishes it after the response (waitUntil).
    expect((await answer(emails[0]!, "cracked cup")).status).toBe(201);
    await vi.waitFor(() => expect(toLead().map((m) => m.text).join()).toContain("cracked cup"), { timeout: 10_000 });

    // The provider refuses the next alert's send: the Cron Trigger's run of the same job sends it.
    resend.failNext(1, { status: 503, afterSending: false });
    const tried = resend.requests.length;
    expect((await answer(emails[1]!, "wrong colour")).status).toBe(201);
    // The kicked send reached the provider and was refused: nothing left for the lead yet.
    await vi.waitFor(() => expect(resend.requests.length).toBe(tried + 1), { timeout: 10_000 });
    expect(toLead().map((m) => m.text).join()).not.toContain("wrong colour");
    expect((await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`)).status).toBe(200);
    await vi.waitFor(() => expect(toLead().map((m) => m.text).join()).toContain("wrong colour"), { timeout: 10_000 });
    expect(toLead()).toHaveLength(2);
  });

  it("pushes an answer recorded by any isolate to an open live stream (polling the change marker)", async () => {
    const stream = await api("/api/v1/live");
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const reader = stream.body!.getReader();
    const events: { scores: { nps: { score: number } }; response: { comment: string } | null }[] = [];
    let buf = "";
    const nextEvent = async () => {
      for (;;) {
        const end = buf.indexOf("\n\n");
        if (end >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const data = block.match(/^data: (.*)$/m);
          if (!/^event: scores$/m.test(block) || !data) continue; // heartbeats
          events.push(JSON.parse(data[1]));
          return events.at(-1)!;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buf += new TextDecoder().decode(value);
      }
    };
    expect((await nextEvent()).response).toBeNull();

    // Change the answer from a separate request (it may land in any isolate).
    const [mail] = resend.delivered;
    const token = mail.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/)![1];
    await fetch(`${worker.url}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 3, comment: "Changed my mind" }) });
    const update = await nextEvent();
    expect(update.response?.comment).toBe("Changed my mind");
    expect(update.scores.nps.score).toBe(-100);
    await reader.cancel();
  });

  it("signs the admin in with the Argon2id hash written by db:migrate on Node", async () => {
    const wrong = await fetch(`${worker.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...ADMIN, password: "not-the-password" }) });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${worker.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const me = await fetch(`${worker.url}/api/v1/auth/me`, { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain(ADMIN.email);
  });

  it("serves the dashboard from Workers assets, its client-side routes as index.html, and JSON 404s under /api", async () => {
    const home = await fetch(`${worker.url}/`);
    expect(home.status).toBe(200);
    // Served by the assets layer, with the same security headers as through the app on Node (web/public/_headers).
    expect(home.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    const csp = home.headers.get("content-security-policy");
    expect(csp).toContain("script-src 'self';");
    const html = await home.text();
    expect(html).toContain('<div id="root"');
    const deep = await fetch(`${worker.url}/live`);
    expect(await deep.text()).toBe(html);
    // A client-side route goes through the Worker's app: the same policy.
    expect(deep.headers.get("content-security-policy")).toBe(csp);
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const script = await fetch(worker.url + asset);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(script.headers.get("cache-control")).toContain("immutable");
    const missing = await api("/api/v1/no-such-thing");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
  });

  // With a group commit shared between requests, or the libSQL client's own queue (20), workerd cancels
  // requests whose database work was started from another request: "…your Worker's code had hung…".
  it("records 30 purchases sent at once to the same isolate, each in its own request", async () => {
    const fulfilledAt = new Date(Date.now() - 4 * DAY).toISOString();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api("/api/v1/purchases", { method: "POST", body: JSON.stringify({ id: `burst-${i}`, customer: { email: `burst-${i}@example.com` }, amount: 1000, currency: "USD", fulfilledAt }) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(202));
    const dispatched = await (await api("/api/v1/dispatch", { method: "POST" })).json();
    expect(dispatched.sent).toBe(30);
  });

  it("refuses the API without credentials", async () => {
    const res = await fetch(`${worker.url}/api/v1/scores`);
    expect(res.status).toBe(401);
  });
});
