import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "../../server/services/auth";
import { ADMIN, DAY, T0, asBrowser, bearer, makeApp, signInCookie, type TestApp } from "../helpers";
import { CUSTOMERS, answer, invitations } from "./dashboard-data";

let t: TestApp;
let tokens: Record<string, string>;
let admin: Record<string, string>;
let viewer: Record<string, string>;
const LEAD = "lead@example.com";

beforeAll(async () => {
  // The clock jumps days between steps, while the staff stay signed in: no idle timeout here (test/api/sessions-hardening.test.ts tests it).
  t = await makeApp({ env: { SESSION_IDLE_TIMEOUT_MS: String(14 * DAY) } });
  tokens = await invitations(t, CUSTOMERS.slice(0, 3));
  admin = asBrowser(await signInCookie(t.app));
  await createUser(t.deps, { email: "viewer@example.com", password: "viewer password 123", role: "viewer" });
  viewer = asBrowser(await signInCookie(t.app, { email: "viewer@example.com", password: "viewer password 123" }));
});
afterAll(() => t.close());

const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  t.app.request(path, { method, headers: { ...headers, ...(body !== undefined && { "Content-Type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
const mailbox = async () =>
  ((await (await t.app.request("/api/v1/mailbox?limit=100", { headers: bearer() })).json()) as { emails: { to: string; subject: string; text: string; headers: Record<string, string> }[] }).emails;

// Each describe below is one story told in steps, each step building on the one before (the rule made in "alert rules"
// alerts in "the closed loop"; the migration step reads the cases the earlier steps opened): they keep their order even
// when a run shuffles tests (--sequence.shuffle), and the story as a whole stands alone on its own database.
describe("the closed loop, step by step", { shuffle: false }, () => {
  describe("alert rules", () => {
    it("start with a detractor rule that alerts in the dashboard only", async () => {
      const { rules } = await (await send("GET", "/api/v1/alert-rules", viewer)).json();
      expect(rules).toEqual([expect.objectContaining({ maxScore: 6, keyword: null, recipients: [], active: true })]);
    });

    it("are set by admins only, and need a score limit or a keyword", async () => {
      expect((await send("POST", "/api/v1/alert-rules", viewer, { name: "x", maxScore: 3 })).status).toBe(403);
      const bad = await send("POST", "/api/v1/alert-rules", admin, { name: "Nothing" });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.details[0].field).toBe("maxScore");
      const badEmail = await send("POST", "/api/v1/alert-rules", admin, { name: "x", maxScore: 3, recipients: ["not-an-email"] });
      expect(badEmail.status).toBe(400);
      const ok = await send("POST", "/api/v1/alert-rules", admin, { name: "Refund requests", keyword: "Refund", recipients: [LEAD], locale: "vi" });
      expect(ok.status).toBe(201);
      expect(await ok.json()).toMatchObject({ keyword: "refund", recipients: [LEAD], locale: "vi" });
      expect((await (await send("GET", "/api/v1/alert-rules", viewer)).json()).rules).toHaveLength(2);
    });
  });

  describe("the closed loop", () => {
    let responseId: string;

    it("raises an alert per matching rule with the answer, and emails the rule's leads", async () => {
      t.clock.set(T0);
      await answer(t, tokens.A, { score: 10, comment: "No refund needed, all good" }); // keyword only
      await answer(t, tokens.B, { score: 2, comment: "Broken. I want a REFUND" }); // both rules
      await answer(t, tokens.C, { score: 8 }); // none
      const { alerts } = await (await send("GET", "/api/v1/alerts", viewer)).json();
      const raised = alerts.map((a: { ruleName: string; response: { customerEmail: string } }) => `${a.response.customerEmail} ${a.ruleName}`).sort();
      expect(raised).toEqual(["a@example.com Refund requests", "b@example.com Detractor (score 0–6)", "b@example.com Refund requests"]);
      responseId = alerts.find((a: { response: { customerEmail: string } }) => a.response.customerEmail === "b@example.com").response.id;

      // Emailed after the answer committed, in the rule's language.
      await vi.waitFor(async () => expect((await mailbox()).filter((m) => m.to === LEAD)).toHaveLength(2), { timeout: 5000 });
      const mail = (await mailbox()).find((m) => m.to === LEAD && m.text.includes("b@example.com"))!;
      expect(mail.subject).toBe("Cảnh báo: Refund requests — điểm 2 từ Customer B");
      expect(mail.text).toContain("Broken. I want a REFUND");
    });

    it("does not raise the same alert again when the customer changes the answer", async () => {
      await answer(t, tokens.B, { score: 1 });
      const { alerts } = await (await send("GET", "/api/v1/alerts", viewer)).json();
      expect(alerts).toHaveLength(3);
    });

    it("lets a lead assign, note, reply by email and close; the feed shows status and time to close", async () => {
      const { assignees } = await (await send("GET", "/api/v1/assignees", viewer)).json();
      const me = assignees.find((a: { email: string }) => a.email === ADMIN.email);

      t.clock.set(T0 + 3_600_000);
      const assigned = await send("PATCH", `/api/v1/responses/${responseId}`, admin, { assigneeId: me.id });
      expect(await assigned.json()).toMatchObject({ status: "in_progress", assigneeEmail: ADMIN.email });

      const note = await send("POST", `/api/v1/responses/${responseId}/notes`, admin, { body: "Called the courier" });
      expect(note.status).toBe(201);
      t.clock.advance(60_000);

      const reply = await send("POST", `/api/v1/responses/${responseId}/reply`, admin, { body: "Xin lỗi bạn, chúng tôi gửi lại ngay." });
      expect(reply.status).toBe(201);
      const toCustomer = (await mailbox()).find((m) => m.to === "b@example.com" && m.subject.startsWith("Về góp ý"))!;
      expect(toCustomer.headers["Reply-To"]).toBe(ADMIN.email);
      expect(toCustomer.text).toContain("Chào Customer B,");
      expect(toCustomer.text).toContain("Xin lỗi bạn, chúng tôi gửi lại ngay.");

      t.clock.set(T0 + 2 * DAY);
      const closed = await (await send("PATCH", `/api/v1/responses/${responseId}`, admin, { status: "closed" })).json();
      expect(closed).toMatchObject({ status: "closed", closedAt: T0 + 2 * DAY, timeToCloseMs: 2 * DAY });

      const detail = await (await send("GET", `/api/v1/responses/${responseId}`, viewer)).json();
      expect(detail.notes.map((n: { kind: string; authorEmail: string }) => [n.kind, n.authorEmail])).toEqual([
        ["note", ADMIN.email],
        ["reply", ADMIN.email],
      ]);
      expect(detail.alerts).toHaveLength(2);

      const feed = await (await send("GET", "/api/v1/responses?status=closed", viewer)).json();
      expect(feed.responses.map((r: { id: string }) => r.id)).toEqual([responseId]);
      // A (a promoter whose comment matched the keyword rule) has a case; C (a passive, no alert) has none.
      const open = await (await send("GET", "/api/v1/responses?status=open", viewer)).json();
      expect(open.responses.map((r: { customerEmail: string }) => r.customerEmail)).toEqual(["a@example.com"]);

      const reopened = await (await send("PATCH", `/api/v1/responses/${responseId}`, admin, { status: "open" })).json();
      expect(reopened).toMatchObject({ status: "open", closedAt: null, timeToCloseMs: null });
    });

    it("lets only admins, support and full keys handle responses; only people reply", async () => {
      expect((await send("PATCH", `/api/v1/responses/${responseId}`, viewer, { status: "closed" })).status).toBe(403);
      expect((await send("POST", `/api/v1/responses/${responseId}/notes`, {}, { body: "x" })).status).toBe(401);
      expect((await send("POST", `/api/v1/responses/${responseId}/reply`, bearer(), { body: "x" })).status).toBe(403);
      expect((await send("PATCH", `/api/v1/responses/${responseId}`, bearer(), { status: "closed" })).status).toBe(200); // INGEST_API_KEY has full scope
    });

    it("refuses bad changes, naming the field, and changes nothing", async () => {
      const before = await (await send("GET", `/api/v1/responses/${responseId}`, viewer)).json();
      for (const status of ["done", "none"]) {
        const bad = await send("PATCH", `/api/v1/responses/${responseId}`, admin, { status });
        expect(bad.status).toBe(400);
        expect((await bad.json()).error.details[0].field).toBe("status");
      }
      const viewerAsAssignee = (await (await send("GET", "/api/v1/auth/me", viewer)).json()).user.id;
      const notAssignable = await send("PATCH", `/api/v1/responses/${responseId}`, admin, { assigneeId: viewerAsAssignee });
      expect(notAssignable.status).toBe(400);
      expect((await send("POST", `/api/v1/responses/${responseId}/notes`, admin, { body: "  " })).status).toBe(400);
      expect((await send("PATCH", "/api/v1/responses/nope", admin, { status: "closed" })).status).toBe(404);
      expect(await (await send("GET", `/api/v1/responses/${responseId}`, viewer)).json()).toEqual(before);
    });
  });

  // "file": the Node entry's in-process writer; "@libsql/client": the batch sent whole, as over the network (Turso).
  describe.each(["file", "@libsql/client"] as const)("which responses are cases (%s)", (client) => {
    let c: TestApp;
    let lead: Record<string, string>;
    let codes: Record<string, string>;
    const status = async (email: string) => {
      const { responses } = await (await c.app.request("/api/v1/responses?limit=50", { headers: bearer() })).json();
      return responses.find((r: { customerEmail: string }) => r.customerEmail === email)?.status;
    };
    const idOf = async (email: string) => {
      const { responses } = await (await c.app.request("/api/v1/responses?limit=50", { headers: bearer() })).json();
      return responses.find((r: { customerEmail: string }) => r.customerEmail === email).id as string;
    };

    beforeAll(async () => {
      c = await makeApp({ client });
      codes = await invitations(c, CUSTOMERS);
      lead = asBrowser(await signInCookie(c.app));
      await c.app.request("/api/v1/alert-rules", { method: "POST", headers: { ...lead, "Content-Type": "application/json" }, body: JSON.stringify({ name: "Broken", keyword: "broken" }) });
      c.clock.set(T0);
      await answer(c, codes.A, { score: 10, comment: "Lovely" });
      await answer(c, codes.B, { score: 6 });
      await answer(c, codes.C, { score: 8 });
      await answer(c, codes.D, { score: 9, comment: "Great, but the lid came BROKEN" });
      await answer(c, codes.E, { csat: 5 });
    });
    afterAll(() => c.close());

    it("opens a case by itself for a detractor (0–6) and for an alert match, and for nobody else", async () => {
      expect(await status("b@example.com")).toBe("open"); // 6: a detractor
      expect(await status("d@example.com")).toBe("open"); // 9, but the keyword rule matched
      expect(await status("a@example.com")).toBe("none");
      expect(await status("c@example.com")).toBe("none");
      expect(await status("e@example.com")).toBe("none"); // CSAT only
      const none = await (await c.app.request("/api/v1/responses?status=none", { headers: bearer() })).json();
      expect(none.responses.map((r: { customerEmail: string }) => r.customerEmail).sort()).toEqual(["a@example.com", "c@example.com", "e@example.com"]);
    });

    it("opens one when a customer changes their answer to a detractor's, and keeps it when they change it back", async () => {
      await answer(c, codes.C, { score: 4 });
      expect(await status("c@example.com")).toBe("open");
      await answer(c, codes.C, { score: 9 });
      expect(await status("c@example.com")).toBe("open");
    });

    it("lets a lead open a case on any other response, and assigning or replying starts one", async () => {
      const opened = await (await c.app.request(`/api/v1/responses/${await idOf("a@example.com")}`, { method: "PATCH", headers: { ...lead, "Content-Type": "application/json" }, body: JSON.stringify({ status: "open" }) })).json();
      expect(opened).toMatchObject({ status: "open", closedAt: null });

      const { assignees } = await (await c.app.request("/api/v1/assignees", { headers: lead })).json();
      const assigned = await (await c.app.request(`/api/v1/responses/${await idOf("e@example.com")}`, { method: "PATCH", headers: { ...lead, "Content-Type": "application/json" }, body: JSON.stringify({ assigneeId: assignees[0].id }) })).json();
      expect(assigned).toMatchObject({ status: "in_progress", assigneeEmail: assignees[0].email });
    });

    it("migrates a database from before: responses a lead never touched and no rule needs have no case", async () => {
      // Before, every answer was an open case: A (a promoter, untouched but for its status) stands for those.
      await c.db.commit([{ sql: "update responses set status = 'open' where status = 'none'", args: [] }]);
      const migration = readFileSync(new URL("../../db/migrations/0012_cases_for_detractors.sql", import.meta.url), "utf8");
      await c.db.commit([{ sql: migration, args: [] }]);
      expect(await status("a@example.com")).toBe("none");
      // B: a detractor; C: alerted when it was one; D: an alert; E: assigned.
      expect(await status("b@example.com")).toBe("open");
      expect(await status("c@example.com")).toBe("open");
      expect(await status("d@example.com")).toBe("open");
      expect(await status("e@example.com")).toBe("in_progress");
    });
  });
});
