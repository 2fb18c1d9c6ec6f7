// A slow loopback stand-in for Resend's POST /emails/batch, so a kill can land while a batch is with the provider.
// Same rules as test/fakes/resend-fake.ts (≤ 100 emails, Bearer auth, Idempotency-Key replay, 409 on another body),
// plus: the emails count as delivered the moment a request arrives, the answer comes `delayMs` later, and a
// request whose key is still being answered gets Resend's 409 concurrent_idempotent_requests.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeEmail } from "../fakes/resend-fake";

export type SlowResendFake = {
  url: string;
  apiKey: string;
  /** Every email delivered, once per real send (replays deliver nothing). */
  delivered: FakeEmail[];
  /** Every batch request in arrival order, with what became of it. */
  requests: { idempotencyKey: string | undefined; count: number; outcome: "sent" | "replayed" | "concurrent" | "conflict" | "invalid" }[];
  /** Resolves when the `n`-th request (1-based, counting all) has arrived, or at once if it already has. */
  waitForRequest(n: number, timeoutMs?: number): Promise<void>;
  /** Resolves just after the `n`-th answer has been written. */
  waitForResponse(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/** Decodes after joining the chunks: a multi-byte character split across two chunks must not turn into U+FFFD. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export async function startSlowResendFake(opts: { delayMs: number }): Promise<SlowResendFake> {
  const apiKey = "re_test_" + randomUUID();
  const delivered: FakeEmail[] = [];
  const requests: SlowResendFake["requests"] = [];
  const byKey = new Map<string, { body: string; response: unknown }>();
  const answering = new Set<string>();
  let responded = 0;
  const waiters: { kind: "request" | "response"; n: number; resolve(): void }[] = [];
  const wake = () => {
    for (const w of [...waiters])
      if ((w.kind === "request" ? requests.length : responded) >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  const waitFor = (kind: "request" | "response", n: number, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the fake saw ${kind === "request" ? requests.length : responded} ${kind}s in ${timeoutMs} ms, not ${n}`)), timeoutMs);
      waiters.push({ kind, n, resolve: () => (clearTimeout(timer), resolve()) });
      wake();
    });

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      if (!res.destroyed) {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      }
      responded++;
      wake();
    };
    if (req.method !== "POST" || req.url !== "/emails/batch") return send(404, { statusCode: 404, name: "not_found", message: "Not found" });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return send(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });
    const emails = (await readJson(req)) as FakeEmail[];
    const key = req.headers["idempotency-key"] as string | undefined;
    const entry: SlowResendFake["requests"][number] = { idempotencyKey: key, count: Array.isArray(emails) ? emails.length : 0, outcome: "sent" };
    requests.push(entry);
    wake();
    if (!Array.isArray(emails) || emails.length === 0 || emails.length > 100) {
      entry.outcome = "invalid";
      return send(422, { statusCode: 422, name: "validation_error", message: "The batch must hold 1 to 100 emails" });
    }
    if (key && answering.has(key)) {
      entry.outcome = "concurrent";
      return send(409, { statusCode: 409, name: "concurrent_idempotent_requests", message: "Same idempotency key is being processed" });
    }
    const bodyText = JSON.stringify(emails);
    const seen = key ? byKey.get(key) : undefined;
    let response: unknown;
    if (seen) {
      if (seen.body !== bodyText) {
        entry.outcome = "conflict";
        return send(409, { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key, different payload" });
      }
      entry.outcome = "replayed";
      response = seen.response;
    } else {
      // Delivered now: a client that dies before the answer never learns it.
      response = { data: emails.map(() => ({ id: randomUUID() })) };
      delivered.push(...emails);
      if (key) byKey.set(key, { body: bodyText, response });
    }
    if (key) answering.add(key);
    await new Promise((r) => setTimeout(r, opts.delayMs));
    if (key) answering.delete(key);
    send(200, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    delivered,
    requests,
    waitForRequest: (n, timeoutMs) => waitFor("request", n, timeoutMs),
    waitForResponse: (n, timeoutMs) => waitFor("response", n, timeoutMs),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
