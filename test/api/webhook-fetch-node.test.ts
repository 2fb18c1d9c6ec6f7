// The Node entry's webhook fetch checks the address it actually connects to: a DNS server that answers a public
// address to the outbox's check and a loopback one to the connection (DNS rebinding) still gets nothing through.
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookFetchForNode } from "../../server/webhook-fetch-node";
import { startReceiver } from "../answered";

describe("webhookFetchForNode", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let port: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    port = new URL(receiver.url).port;
  });
  afterAll(() => receiver.close());

  /** A resolver under the test's control, as an attacker's DNS server would be. */
  const dns = (answers: string[]) => {
    const asked: string[] = [];
    const lookup = (host: string, _o: unknown, cb: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => {
      asked.push(host);
      cb(null, answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
    };
    return { lookup, asked };
  };
  const post = (f: typeof fetch, url: string) => f(url, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });

  it("refuses to connect when the name resolves to loopback at connection time, and the receiver hears nothing", async () => {
    const { lookup, asked } = dns(["127.0.0.1"]);
    const f = webhookFetchForNode({ allowedHosts: [], lookup });
    const err = await post(f, `http://rebind.example:${port}/hook`).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(((err as Error).cause as Error).message).toBe("Refused: the URL rebind.example resolves to a loopback address (127.0.0.1)");
    expect(asked).toEqual(["rebind.example"]);
    expect(receiver.received).toEqual([]);
  });

  it("refuses a mixed answer (one private address among public ones)", async () => {
    const { lookup } = dns(["93.184.216.34", "10.0.0.8"]);
    const err = await post(webhookFetchForNode({ allowedHosts: [], lookup }), `http://mixed.example:${port}/hook`).catch((e: Error) => e);
    expect(((err as Error).cause as Error).message).toMatch(/resolves to a private address \(10\.0\.0\.8\)/);
  });

  it("refuses localhost through the system resolver", async () => {
    const err = await post(webhookFetchForNode({ allowedHosts: [] }), `http://localhost:${port}/hook`).catch((e: Error) => e);
    expect(((err as Error).cause as Error).message).toMatch(/^Refused: the URL localhost resolves to a loopback address/);
    expect(receiver.received).toEqual([]);
  });

  it("connects to an allow-listed name, at the address the lookup gave", async () => {
    const { lookup } = dns(["127.0.0.1"]);
    const res = await post(webhookFetchForNode({ allowedHosts: ["crm.internal"], lookup }), `http://crm.internal:${port}/hook`);
    expect(res.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers.host).toBe(`crm.internal:${port}`);
  });
});
