// A service owns its effects (docs/ARCHITECTURE.md, the service contract): called with no route in between, it still
// publishes its events, kicks its jobs and writes its audit rows.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppEvent } from "../../server/deps";
import { createAlertRule } from "../../server/services/alerts";
import { createApiKey, revokeApiKey } from "../../server/services/api-keys";
import { listAudit, type Actor } from "../../server/services/audit";
import { listMailbox } from "../../server/services/mailers/dev-mailbox";
import { recordAnswer } from "../../server/services/record-answer";
import { updateResponseWorkflow } from "../../server/services/response-workflow";
import { makeApp, type TestApp } from "../helpers";
import { CUSTOMERS, invitations } from "./dashboard-data";

let t: TestApp;
const events: AppEvent[] = [];
const admin: Actor = { kind: "user", id: "admin-1", label: "admin@example.com", address: "203.0.113.7" };

beforeAll(async () => {
  t = await makeApp();
  t.deps.events.subscribe((e) => events.push(e));
});
afterAll(() => t.close());

describe("services own their effects", () => {
  it("recordAnswer publishes the answer and emails the alert it raised, with no route and no dashboard", async () => {
    await createAlertRule(t.deps, { name: "Unhappy", maxScore: 3, recipients: ["lead@example.com"] });
    const { A } = await invitations(t, CUSTOMERS.slice(0, 1));
    const { responseId } = await recordAnswer(t.deps, { token: A!, answers: { score: 2, comment: "late again" } });
    expect(events).toContainEqual({ type: "answer", responseId });
    await vi.waitFor(async () => expect((await listMailbox(t.deps, 50)).some((m) => m.to === "lead@example.com" && m.text.includes("late again"))).toBe(true), { timeout: 5000 });

    await updateResponseWorkflow(t.deps, responseId, { status: "closed" });
    expect(events).toContainEqual({ type: "response", responseId });
  });

  it("an API key's creation and revocation carry their audit rows", async () => {
    const { key } = await createApiKey(t.deps, { name: "shop", scope: "ingest", actor: admin });
    await revokeApiKey(t.deps, { id: key.id, actor: admin });
    const entries = (await listAudit(t.deps, { limit: 10 })).filter((e) => e.targetId === key.id);
    expect(entries.map((e) => [e.action, e.actorLabel, e.address])).toEqual([
      ["api_key.revoke", "admin@example.com", "203.0.113.7"],
      ["api_key.create", "admin@example.com", "203.0.113.7"],
    ]);
  });
});
