// Races beyond one process (issue 19.10), over the network client: two app instances — one as the Node entry runs
// against Turso (group commit), one as a Workers isolate does (each write its own batch) — share one database through
// the Turso stand-in (Hrana over HTTP), and email through the Resend fake. The same order twice at once, the same
// survey link answered twice at once, a new customer's first two orders at once, and dispatch runs overlapping
// (timer, POST /api/v1/dispatch, cron) each end with exactly one row and one email.
import { createClient } from "@libsql/client/web";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { createApp } from "../../server/app";
import { loadConfig } from "../../server/config";
import type { AppEvent, Deps } from "../../server/deps";
import { createEventBus } from "../../server/events";
import { bootstrap } from "../../server/services/bootstrap";
import { dispatchDue } from "../../server/services/dispatch";
import { mailerFromConfig } from "../../server/services/mailers/mailer-from-config";
import { startHranaServer, type HranaServer } from "../fakes/hrana-server";
import { startResendFake, type ResendFake } from "../fakes/resend-fake";
import { ADMIN, INGEST_KEY, bearer, postJson, purchase, testClock, tokenFromEmail } from "../helpers";
import { NO_RATE_LIMITS } from "../rate-limits-off";

const SECRET = "races-network-secret-key-0123456789abcdef";
const clock = testClock();
let dir: string;
let hrana: HranaServer;
let resend: ResendFake;
type Instance = { app: ReturnType<typeof createApp>; deps: Deps; close(): void };
let a: Instance;
let b: Instance;

async function instance(groupCommit: boolean): Promise<Instance> {
  const config = loadConfig({
    DATABASE_URL: hrana.url,
    DATABASE_AUTH_TOKEN: hrana.authToken,
    PUBLIC_URL: "http://localhost:8787",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    INGEST_API_KEY: INGEST_KEY,
    RESEND_API_KEY: resend.apiKey,
    RESEND_BASE_URL: resend.url,
    RESEND_REQUESTS_PER_SECOND: "0",
    EMAIL_FROM: "ValuePulse <surveys@example.com>",
    ...NO_RATE_LIMITS,
  });
  const client = createClient({ url: hrana.url, authToken: hrana.authToken });
  const db = createDb(client, { groupCommit, utcOffsetMs: config.utcOffsetMs });
  await migrateDb(db);
  const deps: Deps = {
    config: { ...config, secretKey: SECRET },
    db,
    clock,
    mailer: mailerFromConfig(config, db, clock.now, { error() {} }),
    events: createEventBus<AppEvent>(),
    log: { info() {}, error() {} },
  };
  await bootstrap(deps);
  return { app: createApp(deps), deps, close: () => client.close() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "valuepulse-races-"));
  hrana = await startHranaServer({ file: join(dir, "turso.db") });
  resend = await startResendFake({ now: clock.now });
  a = await instance(true);
  b = await instance(false);
});
afterAll(async () => {
  a?.close();
  b?.close();
  await hrana?.close();
  await resend?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (sql: string, ...args: (string | number)[]) => Number((await a.deps.db.$client.execute({ sql, args })).rows[0]![0]);
const deliveredTo = (email: string) => resend.delivered.filter((m) => m.to.includes(email));
const dispatch = (i: Instance) => postJson(i.app, "/api/v1/dispatch", {});

// Hundreds of HTTP round trips to the stand-in: generous on a loaded two-core machine.
describe("races over the network client (two instances, one Turso database)", { timeout: 120_000 }, () => {
  it("the same order sent to both at once: one purchase, one invitation, one email", async () => {
    const orders = Array.from({ length: 8 }, (_, i) => purchase({ id: `same-order-${i}`, customer: { email: `same-${i}@example.com`, name: "Same", locale: "en" } }));
    const replies = await Promise.all(orders.flatMap((o) => [postJson(a.app, "/api/v1/purchases", o), postJson(b.app, "/api/v1/purchases", o)]));
    expect(replies.map((r) => r.status)).toEqual(Array(replies.length).fill(202));
    const bodies = await Promise.all(replies.map((r) => r.json()));
    for (let i = 0; i < orders.length; i++) {
      // Both answers name the same purchase: the one that lost the race answers as a replay.
      expect(bodies[2 * i].purchaseId).toBe(bodies[2 * i + 1].purchaseId);
      expect([bodies[2 * i].replayed, bodies[2 * i + 1].replayed].sort()).toEqual([false, true]);
      expect(await count("select count(*) from purchases where order_id = ?", `same-order-${i}`)).toBe(1);
      expect(await count("select count(*) from invitations i join purchases p on p.id = i.purchase_id where p.order_id = ?", `same-order-${i}`)).toBe(1);
    }
    await Promise.all([dispatch(a), dispatch(b)]);
    for (let i = 0; i < orders.length; i++) expect(deliveredTo(`same-${i}@example.com`)).toHaveLength(1);
  });

  it("a new customer's first two orders at once: one customer, both purchases, one email (the throttle holds)", async () => {
    const n = 8;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, i) => [
        postJson(a.app, "/api/v1/purchases", purchase({ id: `first-a-${i}`, customer: { email: `New-${i}@Example.com`, name: "New", locale: "vi" } })),
        postJson(b.app, "/api/v1/purchases", purchase({ id: `first-b-${i}`, customer: { email: `new-${i}@example.com`, name: "New", locale: "vi" } })),
      ]).flat(),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(2 * n).fill(202));
    for (let i = 0; i < n; i++) {
      expect(await count("select count(*) from customers where email = ?", `new-${i}@example.com`)).toBe(1);
      expect(await count("select count(*) from purchases p join customers c on c.id = p.customer_id where c.email = ?", `new-${i}@example.com`)).toBe(2);
    }
    await Promise.all([dispatch(a), dispatch(b)]);
    // The default template invites a customer at most once in 90 days, even when both orders were scheduled at once.
    for (let i = 0; i < n; i++) expect(deliveredTo(`new-${i}@example.com`)).toHaveLength(1);
  });

  it("the same survey link answered on both at once: one response, counted once, one alert email", async () => {
    const admin = await postJson(a.app, "/api/v1/auth/login", ADMIN, {});
    const cookie = admin.headers.get("set-cookie")!.split(";")[0]!;
    const rule = await postJson(a.app, "/api/v1/alert-rules", { name: "Race alert", maxScore: 2, recipients: ["race-lead@example.com"] }, { Cookie: cookie, Origin: "http://localhost:8787" });
    expect(rule.status).toBe(201);
    await postJson(a.app, "/api/v1/purchases", purchase({ id: "same-token", customer: { email: "token@example.com", name: "Token", locale: "en" } }));
    await dispatch(a);
    const token = tokenFromEmail(deliveredTo("token@example.com")[0]!.html);
    const answers = await Promise.all([
      postJson(a.app, `/s/${token}`, { score: 1, comment: "from a" }, {}),
      postJson(b.app, `/s/${token}`, { score: 1, comment: "from b" }, {}),
      postJson(a.app, `/s/${token}`, { score: 1, comment: "from a again" }, {}),
      postJson(b.app, `/s/${token}`, { score: 1, comment: "from b again" }, {}),
    ]);
    expect(answers.map((r) => r.status < 400)).toEqual([true, true, true, true]);
    expect(await count("select count(*) from responses r join invitations i on i.id = r.invitation_id join customers c on c.id = i.customer_id where c.email = ?", "token@example.com")).toBe(1);
    const scores = await (await a.app.request("/api/v1/scores", { headers: bearer() })).json();
    expect(scores.nps.responses).toBe(await count("select count(*) from responses where score is not null"));
    expect(await count("select count(*) from alerts a join alert_rules r on r.id = a.rule_id where r.name = 'Race alert'")).toBe(1);
    // Both instances flush their alert emails at once (the Workers cron and the Node burst): the lead gets one.
    const { emailPendingAlerts } = await import("../../server/services/alerts");
    await Promise.all([emailPendingAlerts(a.deps), emailPendingAlerts(b.deps)]);
    expect(deliveredTo("race-lead@example.com")).toHaveLength(1);
  });

  it("dispatch runs overlapping (timer, POST /api/v1/dispatch, cron on both): every invitation emailed once", async () => {
    const n = 110; // more than one batch of 100
    for (let i = 0; i < n; i += 22)
      await Promise.all(
        Array.from({ length: 22 }, (_, k) => postJson(k % 2 ? a.app : b.app, "/api/v1/purchases", purchase({ id: `bulk-${i + k}`, customer: { email: `bulk-${i + k}@example.com`, name: "Bulk", locale: "en" } }))),
      );
    // Timers and crons on both instances and a POST on each, all at once.
    const results = await Promise.all([
      ...[a, b, a, b, a, b].map((i) => dispatchDue(i.deps)),
      ...[a, b].map(async (i): Promise<{ sent: number }> => (await dispatch(i)).json()),
    ]);
    expect(results.reduce((s, r) => s + r.sent, 0)).toBe(n);
    for (let i = 0; i < n; i++) expect(deliveredTo(`bulk-${i}@example.com`), `bulk-${i}`).toHaveLength(1);
    expect(await count("select count(*) from invitations i join customers c on c.id = i.customer_id where c.email like 'bulk-%' and i.status = 'sent'")).toBe(n);
  });
});
