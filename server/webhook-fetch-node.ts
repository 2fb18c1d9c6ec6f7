// Node: the fetch outgoing webhooks use, which connects only to the public addresses it has just checked (SSRF, DNS rebinding).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { Agent, fetch as undiciFetch } from "undici";
import { isAllowListed, isPublicAddress, resolvedProblem } from "./domain/network-address";

type Lookup = (hostname: string, options: LookupOptions & { all: true }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;
type ConnectLookup = (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => void;

/**
 * The outbox checks a name's addresses before each attempt (services/outgoing-webhooks.ts), but fetch would resolve it
 * again to connect: a DNS server answering a public address to the check and 127.0.0.1 to the connection would get
 * through. Here the check is part of the connection's own lookup, so the address checked is the address used.
 * IP literals are never looked up; the outbox has refused non-public ones already. Allow-listed hosts are not checked.
 */
export function webhookFetchForNode(opts: { allowedHosts: readonly string[]; lookup?: Lookup }): typeof fetch {
  const lookup: Lookup = opts.lookup ?? ((host, options, cb) => dnsLookup(host, options, cb));
  const checkedLookup: ConnectLookup = (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const problem = isAllowListed(hostname, opts.allowedHosts) ? null : resolvedProblem(hostname, addresses.map((a) => a.address));
      if (problem) return callback(Object.assign(new Error(`Refused: the URL ${problem}`), { code: "ENOTPUBLIC" }), []);
      if (options.all) return callback(null, addresses);
      const first = addresses.find((a) => isPublicAddress(a.address) || isAllowListed(hostname, opts.allowedHosts))!;
      callback(null, first.address, first.family);
    });
  };
  const dispatcher = new Agent({ connect: { lookup: checkedLookup } });
  // undici's own fetch with its own Agent (Node's global fetch bundles another undici, whose Agent may differ).
  return ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
