// The client's address behind reverse proxies: TRUST_PROXY parsed once, and the forwarding headers
// believed only as far as the hops the operator trusts (walked from the right, the end a proxy appends to).
import {
  convertIPv4BinaryToString,
  convertIPv4MappedIPv6ToIPv4,
  convertIPv4ToBinary,
  convertIPv6BinaryToString,
  convertIPv6ToBinary,
  distinctRemoteAddr,
  isIPv4MappedIPv6,
} from "hono/utils/ipaddr";

type Ip = { v: 4 | 6; bits: bigint };
type Range = { v: 4 | 6; bits: bigint; prefix: number };

/**
 * null: no proxy, the socket's peer is the client (the default: any header a client sends is ignored).
 * hops: that many proxies stand in front (1 = Caddy on the same machine); the client is that many entries from the right.
 * ranges: proxies are recognised by address; every trusted hop is skipped, the first untrusted one is the client.
 */
export type TrustProxy = null | { hops: number } | { ranges: Range[] };

/** Names usable in TRUST_PROXY's list, for the usual set-ups. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/** A textual IP (IPv4, IPv6, IPv4-mapped IPv6 as IPv4) or null if it is none. */
export function parseIp(text: string): Ip | null {
  const s = text.trim();
  try {
    const kind = distinctRemoteAddr(s);
    if (kind === "IPv4") return { v: 4, bits: convertIPv4ToBinary(s) };
    if (kind === "IPv6") {
      const bits = convertIPv6ToBinary(s);
      // Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d: one client, one key.
      return isIPv4MappedIPv6(bits) ? { v: 4, bits: convertIPv4MappedIPv6ToIPv4(bits) } : { v: 6, bits };
    }
  } catch {
    /* not an address */
  }
  return null;
}

export function formatIp(ip: Ip): string {
  return ip.v === 4 ? convertIPv4BinaryToString(ip.bits) : convertIPv6BinaryToString(ip.bits);
}

function parseRange(text: string): Range | null {
  const [addr, prefixText, extra] = text.split("/");
  if (extra !== undefined) return null;
  const ip = parseIp(addr!);
  if (!ip) return null;
  const max = ip.v === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { ...ip, prefix };
}

function inRange(ip: Ip, r: Range): boolean {
  if (ip.v !== r.v) return false;
  const shift = BigInt((ip.v === 4 ? 32 : 128) - r.prefix);
  return ip.bits >> shift === r.bits >> shift;
}

/** TRUST_PROXY's value: a number of hops, or a comma list of addresses, CIDR ranges, `loopback` or `private`. */
export function parseTrustProxy(raw: string | undefined): { trust: TrustProxy } | { error: string } {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "0") return { trust: null };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? { trust: { hops } } : { error: "a number of proxy hops must be at most 10" };
  }
  const ranges: Range[] = [];
  for (const item of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const named = NAMED_RANGES[item.toLowerCase()];
    const parsed = (named ?? [item]).map(parseRange);
    if (parsed.some((r) => r === null))
      return { error: `"${item}" is not an address, a CIDR range, loopback or private (give a number of hops, or a comma list)` };
    ranges.push(...(parsed as Range[]));
  }
  return ranges.length > 0 ? { trust: { ranges } } : { error: "no address given" };
}

/** One address from a header entry: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `"[2001:db8::1]"`. */
function entryAddress(entry: string): Ip | null {
  let s = entry.trim().replace(/^"(.*)"$/, "$1");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  return parseIp(s);
}

/** The `for=` entries of a Forwarded header (RFC 7239), client first. */
function forwardedFor(header: string): string[] {
  const out: string[] = [];
  for (const element of header.split(",")) {
    for (const pair of element.split(";")) {
      const eq = pair.indexOf("=");
      if (eq > 0 && pair.slice(0, eq).trim().toLowerCase() === "for") out.push(pair.slice(eq + 1));
    }
  }
  return out;
}

/**
 * The hops a request came through, client first (leftmost) to the proxy nearest us (rightmost).
 * X-Forwarded-For when present (what Caddy and nginx send), otherwise Forwarded. Unparseable entries
 * (`unknown`, obfuscated names) stay in place as null, so counting hops is not thrown off.
 */
export function forwardingChain(headers: { xForwardedFor?: string; forwarded?: string }): (Ip | null)[] {
  const entries = headers.xForwardedFor?.trim()
    ? headers.xForwardedFor.split(",")
    : headers.forwarded?.trim()
      ? forwardedFor(headers.forwarded)
      : [];
  return entries.map(entryAddress);
}

/**
 * Who is asking: the socket's peer unless it is a trusted proxy, in which case the hops the proxies
 * appended are walked from the right until the first one not trusted. Only trusted proxies' entries
 * are believed, so whatever a client writes into the headers itself never moves its own address.
 */
export function clientAddress(peer: string | undefined, headers: { xForwardedFor?: string; forwarded?: string }, trust: TrustProxy): string {
  const peerIp = peer ? parseIp(peer) : null;
  if (!peerIp) return peer?.trim() || "unknown";
  if (!trust) return formatIp(peerIp);
  const chain = forwardingChain(headers);
  if ("hops" in trust) {
    // hops proxies: the peer is the nearest, each appended one entry; the client is `hops` entries from the right.
    if (chain.length === 0) return formatIp(peerIp);
    const at = Math.max(0, chain.length - trust.hops);
    // A malformed entry where the client should be: the last proxy that spoke plainly stands in for it.
    for (let i = at; i < chain.length; i++) if (chain[i]) return formatIp(chain[i]!);
    return formatIp(peerIp);
  }
  let current = peerIp;
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!trust.ranges.some((r) => inRange(current, r))) break;
    const next = chain[i];
    if (!next) break;
    current = next;
  }
  return formatIp(current);
}
