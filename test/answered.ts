// Test helpers for integrations: a purchase invited and answered through the real loop, a loopback receiver.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { bearer, postJson, purchase, tokenFromEmail, type TestApp } from "./helpers";

/** Records a purchase, sends its invitation into the dev mailbox and returns the survey token. */
export async function invite(t: TestApp, id: string, email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await postJson(t.app, "/api/v1/purchases", purchase({ id, customer: { email, name: "Customer " + id, locale: "en" }, ...extra }));
  if (res.status !== 202) throw new Error(`purchase ${id}: ${res.status}`);
  await postJson(t.app, "/api/v1/dispatch", {});
  const emails: { to: string; html: string }[] = (await (await t.app.request("/api/v1/mailbox?limit=5000", { headers: bearer() })).json()).emails;
  const mail = emails.find((m) => m.to === email);
  if (!mail) throw new Error(`no invitation for ${email}`);
  return tokenFromEmail(mail.html);
}

/** Answers as the customer would (JSON post to the survey link). */
export async function answer(t: TestApp, token: string, answers: Record<string, unknown>) {
  const res = await postJson(t.app, `/s/${token}`, answers, {});
  if (res.status >= 300) throw new Error(`answer: ${res.status} ${await res.text()}`);
  return (await res.json()) as { responseId: string };
}

export type Received = { headers: IncomingHttpHeaders; body: string };

/** A loopback HTTP receiver; `respond` picks each status (default 200). */
export async function startReceiver(respond: (r: Received, all: Received[]) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const r = { headers: req.headers, body };
      received.push(r);
      res.writeHead(respond(r, received), { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}
