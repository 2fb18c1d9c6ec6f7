// Alert emails are a job of the Node entry (server/node.ts): the answer kicks it, its schedule retries it. Nobody
// opens a dashboard or the live stream here, and no answer follows the one that raised the alert.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startResendFake, type ResendFake } from "../fakes/resend-fake";
import { startNodeServer, type RunningServer } from "../node-server";
import { tokenFromEmail } from "../helpers";

const KEY = "vp_test_alert_job_key_0123456789";
const DAY = 24 * 3_600_000;
let resend: ResendFake;
let server: RunningServer;

beforeAll(async () => {
  resend = await startResendFake();
  server = await startNodeServer({
    INGEST_API_KEY: KEY,
    RESEND_API_KEY: resend.apiKey,
    RESEND_BASE_URL: resend.url,
    RESEND_REQUESTS_PER_SECOND: "0",
    DISPATCH_INTERVAL_MS: "200",
    BACKUP_INTERVAL_HOURS: "0",
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await resend?.close();
});

const api = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: "POST", headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
const to = (email: string) => resend.delivered.filter((m) => m.to.includes(email));

describe("alert emails on Node", () => {
  it("leave without a dashboard open and without a next answer, retried by the schedule after a provider failure", async () => {
    expect((await api("/api/v1/alert-rules", { name: "Unhappy", maxScore: 3, recipients: ["lead@example.com"] })).status).toBe(201);
    const fulfilledAt = new Date(Date.now() - 4 * DAY).toISOString();
    expect((await api("/api/v1/purchases", { id: "alert-job-1", customer: { email: "an@example.com", name: "An", locale: "en" }, amount: 100, currency: "USD", items: [{ name: "Teapot" }], fulfilledAt })).status).toBe(202);
    // The invitation leaves on the server's own schedule.
    await vi.waitFor(() => expect(to("an@example.com")).toHaveLength(1), { timeout: 15_000 });
    const token = tokenFromEmail(to("an@example.com")[0]!.html);

    // The provider refuses the alert's first send: the answer's kick fails, the schedule sends it.
    resend.failNext(1, { status: 503, afterSending: false });
    const answered = await fetch(`${server.url}/s/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ score: 1, comment: "broken lid" }) });
    expect(answered.status).toBe(201);
    await vi.waitFor(() => expect(to("lead@example.com")).toHaveLength(1), { timeout: 15_000 });
    expect(to("lead@example.com")[0]!.text).toContain("broken lid");
  });
});
