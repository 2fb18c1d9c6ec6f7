// Issue 19.3: CSV uploads against the real Node server: a huge field is refused before it is held whole,
// uploads per credential are capped (429 naming the limit), and the server's memory stays bounded.
import { request, type ClientRequest } from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type RunningServer } from "../node-server";

const KEY = "vp_upload_limits_ingest_key_0123";
const MiB = 1024 * 1024;
const HUGE = 63 * MiB;

let server: RunningServer;
beforeAll(async () => {
  // Limits at their defaults: IMPORT_MAX_RECORD_BYTES 1 MiB, IMPORT_CONCURRENT_PER_CREDENTIAL 2.
  server = await startNodeServer({ INGEST_API_KEY: KEY });
}, 60_000);
afterAll(() => server?.stop());

/** The server process's resident memory now and at its peak (Linux /proc), in bytes. */
function memory(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
  const kb = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))![1]) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

type Answer = { status: number; body: { error?: { code: string; message: string; details?: Record<string, unknown> } } & Record<string, unknown>; headers: Record<string, string | string[] | undefined>; sentWhenAnswered: number };

/**
 * An upload whose body the test writes piece by piece (with backpressure); `answer` settles when the
 * server responds, recording how much of the body had been sent by then.
 */
function upload(method: "POST" | "PUT", path: string) {
  let sent = 0;
  let answered = false;
  const req: ClientRequest = request(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "text/csv", "Transfer-Encoding": "chunked" } });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on("response", (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        resolve({ status: res.statusCode!, body: JSON.parse(text), headers: res.headers, sentWhenAnswered });
        req.destroy();
      });
    });
    req.on("error", (err) => (answered ? undefined : reject(err)));
  });
  const write = (text: string | Buffer) =>
    new Promise<void>((resolve) => {
      sent += text.length;
      if (req.write(text)) resolve();
      else req.once("drain", resolve);
    });
  /** Writes `bytes` of one quoted field, a MiB at a time, until the server answers. */
  const hugeField = async (bytes: number) => {
    await write('huge-1,"');
    const chunk = Buffer.alloc(MiB, "x");
    for (let n = 0; n < bytes && !answered && !req.destroyed; n += MiB) await write(chunk);
    if (!answered && !req.destroyed) req.end('",a@example.com,1,USD\n');
  };
  return { req, answer, write, hugeField };
}

const header = "order_id,email,amount,currency\n";
const json = async (path: string, init: RequestInit = {}) => (await fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json", ...init.headers } })).json();

async function untilRunning(id: string) {
  // Waits on the import's own state: the server marks it running when it starts reading the upload.
  for (;;) {
    if ((await json(`/api/v1/imports/${id}`)).status === "running") return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("CSV upload limits on the Node server", () => {
  it("refuses a third upload at once from one key (429 naming the limit) and a record over 1 MiB (413) before reading it whole", async () => {
    const first = await json("/api/v1/imports", { method: "POST", body: "{}" });
    const second = await json("/api/v1/imports", { method: "POST", body: "{}" });
    const a = upload("PUT", `/api/v1/imports/${first.id}/csv`);
    const b = upload("PUT", `/api/v1/imports/${second.id}/csv`);
    await a.write(header);
    await b.write(header);
    await untilRunning(first.id);
    await untilRunning(second.id);

    const third = upload("POST", "/api/v1/imports/purchases");
    third.req.end(`${header}o-1,lan@example.com,1,USD\n`);
    const refused = await third.answer;
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBe("5");
    expect(refused.body.error).toMatchObject({ code: "too_many_imports", details: { limit: "IMPORT_CONCURRENT_PER_CREDENTIAL", max: 2 } });
    expect(refused.body.error!.message).toContain("IMPORT_CONCURRENT_PER_CREDENTIAL");

    void a.hugeField(HUGE);
    void b.hugeField(HUGE);
    for (const [upload, id] of [[a, first.id], [b, second.id]] as const) {
      const tooBig = await upload.answer;
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error).toMatchObject({ code: "payload_too_large", details: { field: "(row)", line: 2, limit: "IMPORT_MAX_RECORD_BYTES", max: MiB } });
      // Refused while most of the field was still to come: the server never held it whole.
      expect(tooBig.sentWhenAnswered).toBeLessThan(HUGE / 2);
      expect(await json(`/api/v1/imports/${id}`)).toMatchObject({ status: "failed", error: expect.stringContaining("IMPORT_MAX_RECORD_BYTES") });
    }

    // Both slots are free again.
    const after = upload("POST", "/api/v1/imports/purchases");
    after.req.end(`${header}o-2,lan@example.com,1,USD\n`);
    expect((await after.answer).body).toMatchObject({ status: "done", imported: 1 });
  }, 60_000);

  it("keeps memory bounded under eight concurrent uploads of a 63 MiB field from the lowest-privilege key", async () => {
    const before = memory();
    const uploads = Array.from({ length: 8 }, () => upload("POST", "/api/v1/imports/purchases"));
    for (const u of uploads) void u.hugeField(HUGE);
    const answers = await Promise.all(uploads.map((u) => u.answer));
    for (const answer of answers) {
      expect([413, 429]).toContain(answer.status);
      expect(answer.body.error!.details!.limit).toMatch(/^IMPORT_(MAX_RECORD_BYTES|CONCURRENT_PER_CREDENTIAL)$/);
    }
    expect(answers.filter((a) => a.status === 413).length).toBeGreaterThanOrEqual(1);
    // Before the limits eight such uploads took the server from ~300 MiB to 2.5 GiB; now each holds at most a 1 MiB record.
    const grown = memory().peak - before.rss;
    console.log(`server memory: ${(before.rss / MiB).toFixed(0)} MiB before, peak ${(memory().peak / MiB).toFixed(0)} MiB`);
    expect(grown).toBeLessThan(250 * MiB);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
