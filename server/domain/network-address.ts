// Where a URL or an address points: the public internet, or this machine and its private networks (SSRF rules, loopback checks).
import ipaddr from "ipaddr.js";

/** A name that always means this machine (RFC 6761), whatever DNS says. */
const isLocalhostName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** "[::1]" → "::1"; lower case, no trailing dot ("example.com." is the same host). */
export function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

/**
 * An IP address's range, IPv4-mapped IPv6 (::ffff:127.0.0.1) read as the IPv4 it carries; null when `host`
 * is not an IP literal. Every legacy IPv4 form counts (2130706433, 0x7f.1, 0177.0.0.1), as resolvers read them.
 */
export function addressRange(host: string): string | null {
  const bare = bareHost(host);
  if (!ipaddr.isValid(bare)) return null;
  return ipaddr.process(bare).range();
}

/**
 * Only plain unicast is public. Everything else is refused: loopback, private (10/8, 172.16/12, 192.168/16),
 * link-local (169.254/16 — cloud metadata —, fe80::/10), unique local (fc00::/7), multicast, unspecified
 * (0.0.0.0, ::), broadcast, carrier-grade NAT, reserved, and the IPv6 forms that embed an IPv4 address
 * (NAT64 64:ff9b::/96, 6to4, Teredo), whose IPv4 half could be any of those.
 */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === "unicast";
}

/** This machine: localhost names, 127/8, ::1 (and ::ffff:127.x). The dev mailbox is safe only there. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = bareHost(hostname);
  return isLocalhostName(bare) || addressRange(bare) === "loopback";
}

/** One host of an allow-list against a URL's hostname: names by equality (case-insensitive), IPs by value. */
function sameHost(a: string, b: string): boolean {
  const x = bareHost(a);
  const y = bareHost(b);
  if (x === y) return true;
  return ipaddr.isValid(x) && ipaddr.isValid(y) && ipaddr.process(x).toNormalizedString() === ipaddr.process(y).toNormalizedString();
}

export function isAllowListed(hostname: string, allowList: readonly string[]): boolean {
  return allowList.some((h) => sameHost(h, hostname));
}

/**
 * What can be said of an outgoing request's target from its URL alone. `refused`: never send (with why);
 * `resolve`: a name, safe only if every address it resolves to is public; `ok`: a public IP or an allow-listed host.
 */
export type TargetVerdict = { verdict: "ok" } | { verdict: "resolve"; host: string } | { verdict: "refused"; reason: string };

export function classifyTarget(url: string, allowList: readonly string[]): TargetVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { verdict: "refused", reason: "is not a URL" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { verdict: "refused", reason: "must be http or https" };
  // The URL parser has already normalised 2130706433 and 0x7f.1 to 127.0.0.1, and [::ffff:127.0.0.1] to [::ffff:7f00:1].
  const host = parsed.hostname;
  if (isAllowListed(host, allowList)) return { verdict: "ok" };
  if (isLocalhostName(bareHost(host))) return { verdict: "refused", reason: `points to this machine (${host})` };
  const range = addressRange(host);
  if (range === null) return { verdict: "resolve", host: bareHost(host) };
  return range === "unicast" ? { verdict: "ok" } : { verdict: "refused", reason: `points to a ${rangeName(range)} address (${host})` };
}

/** The first non-public address a name resolves to, as a reason; null when all are public. */
export function resolvedProblem(host: string, addresses: readonly string[]): string | null {
  if (addresses.length === 0) return `${host} resolves to no address`;
  const bad = addresses.find((a) => !isPublicAddress(a));
  return bad === undefined ? null : `${host} resolves to a ${rangeName(addressRange(bad) ?? "invalid")} address (${bad})`;
}

function rangeName(range: string): string {
  const names: Record<string, string> = { loopback: "loopback", private: "private", linkLocal: "link-local", uniqueLocal: "unique local (private)", multicast: "multicast", unspecified: "unspecified", broadcast: "broadcast", carrierGradeNat: "carrier-grade NAT (private)", reserved: "reserved" };
  return names[range] ?? `non-public (${range})`;
}
