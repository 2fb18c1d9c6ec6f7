import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy, type TrustProxy } from "../../server/domain/client-address";
import { ConfigError, loadConfig } from "../../server/config";

const trust = (raw: string): TrustProxy => {
  const parsed = parseTrustProxy(raw);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.trust;
};

describe("TRUST_PROXY", () => {
  it("is off when unset or 0, a number of hops, or a list of addresses and ranges", () => {
    expect(parseTrustProxy(undefined)).toEqual({ trust: null });
    expect(parseTrustProxy("0")).toEqual({ trust: null });
    expect(parseTrustProxy("2")).toEqual({ trust: { hops: 2 } });
    const list = trust("loopback, 10.0.0.0/8, 2001:db8::/32, 192.0.2.5");
    expect(list && "ranges" in list && list.ranges).toHaveLength(5);
  });

  it("refuses what is neither, naming the bad item", () => {
    expect(parseTrustProxy("10.0.0.0/33")).toEqual({ error: expect.stringContaining('"10.0.0.0/33"') });
    expect(parseTrustProxy("caddy")).toEqual({ error: expect.stringContaining('"caddy"') });
    expect(parseTrustProxy("300.1.1.1")).toHaveProperty("error");
    expect(() => loadConfig({ TRUST_PROXY: "proxy.local" })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: "proxy.local" })).toThrow(/TRUST_PROXY: "proxy.local" is not an address/);
    expect(loadConfig({}).trustProxy).toBeNull();
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toEqual({ hops: 1 });
  });
});

describe("the client's address", () => {
  it("is the socket's peer without TRUST_PROXY: a spoofed header changes nothing", () => {
    expect(clientAddress("198.51.100.7", { xForwardedFor: "1.2.3.4" }, null)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", { forwarded: "for=1.2.3.4" }, null)).toBe("198.51.100.7");
    // Node reports IPv4 peers on a dual-stack socket as IPv4-mapped IPv6: the same client either way.
    expect(clientAddress("::ffff:127.0.0.1", {}, null)).toBe("127.0.0.1");
  });

  it("with hops, is that many entries from the right, whatever the client prepended", () => {
    const one = trust("1");
    expect(clientAddress("127.0.0.1", { xForwardedFor: "203.0.113.9" }, one)).toBe("203.0.113.9");
    // The client wrote 1.2.3.4 itself; the proxy appended the address it saw.
    expect(clientAddress("127.0.0.1", { xForwardedFor: "1.2.3.4, 203.0.113.9" }, one)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", { xForwardedFor: "1.2.3.4, 203.0.113.9, 10.0.0.2" }, trust("2"))).toBe("203.0.113.9");
    // No header (a request straight to the port): the peer.
    expect(clientAddress("127.0.0.1", {}, one)).toBe("127.0.0.1");
  });

  it("with addresses, walks from the right past trusted proxies only", () => {
    const t = trust("loopback, 10.0.0.0/8");
    expect(clientAddress("127.0.0.1", { xForwardedFor: "1.2.3.4, 203.0.113.9, 10.1.2.3" }, t)).toBe("203.0.113.9");
    // A peer that is not a trusted proxy: its headers are a client's own words, ignored.
    expect(clientAddress("198.51.100.7", { xForwardedFor: "10.0.0.1" }, t)).toBe("198.51.100.7");
    // Everything trusted: the leftmost.
    expect(clientAddress("127.0.0.1", { xForwardedFor: "10.0.0.9" }, t)).toBe("10.0.0.9");
    // A garbled hop stops the walk at the last proxy that gave a plain address.
    expect(clientAddress("127.0.0.1", { xForwardedFor: "203.0.113.9, garbage" }, t)).toBe("127.0.0.1");
  });

  it("reads Forwarded (RFC 7239) when there is no X-Forwarded-For, with ports and IPv6 brackets", () => {
    const one = trust("1");
    expect(clientAddress("::1", { forwarded: 'for=192.0.2.60;proto=https, for="[2001:db8:cafe::17]:4711"' }, one)).toBe("2001:db8:cafe::17");
    expect(clientAddress("::1", { forwarded: "for=192.0.2.60:8080;proto=https" }, one)).toBe("192.0.2.60");
    expect(clientAddress("::1", { xForwardedFor: "203.0.113.1", forwarded: "for=192.0.2.60" }, one)).toBe("203.0.113.1");
    expect(clientAddress("::1", { forwarded: "for=unknown" }, one)).toBe("::1");
  });
});
