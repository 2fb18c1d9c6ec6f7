// Where an outgoing webhook may go: the public internet only, whatever form the address is written in (issue 19.2).
import { describe, expect, it } from "vitest";
import { classifyTarget, isAllowListed, isLoopbackHost, isPublicAddress, resolvedProblem } from "../../server/domain/network-address";

describe("classifyTarget: an outgoing webhook's URL before any DNS", () => {
  const refused = [
    "http://127.0.0.1:8787/hook",
    "http://127.1/",
    "http://localhost/hook",
    "http://LOCALHOST./hook",
    "http://api.localhost/hook",
    "http://[::1]:8080/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://0.0.0.0:8787/",
    "http://0/",
    "http://[::]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://10.0.0.5/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://255.255.255.255/",
    "http://100.64.0.1/",
    "http://[64:ff9b::7f00:1]/",
    "http://[::ffff:10.0.0.1]/",
  ];
  it.each(refused)("refuses %s", (url) => {
    expect(classifyTarget(url, [])).toMatchObject({ verdict: "refused" });
  });

  it("says why, naming the kind of address", () => {
    expect(classifyTarget("http://169.254.169.254/", [])).toEqual({ verdict: "refused", reason: "points to a link-local address (169.254.169.254)" });
    expect(classifyTarget("http://localhost:9/", [])).toEqual({ verdict: "refused", reason: "points to this machine (localhost)" });
    expect(classifyTarget("ftp://example.com/", [])).toEqual({ verdict: "refused", reason: "must be http or https" });
  });

  it("accepts public addresses and leaves names to DNS", () => {
    expect(classifyTarget("https://8.8.8.8/hook", [])).toEqual({ verdict: "ok" });
    expect(classifyTarget("https://[2606:4700::1111]/", [])).toEqual({ verdict: "ok" });
    expect(classifyTarget("https://hooks.example.com/x", [])).toEqual({ verdict: "resolve", host: "hooks.example.com" });
    // 172.32/12 is outside 172.16/12: public.
    expect(classifyTarget("http://172.32.0.1/", [])).toEqual({ verdict: "ok" });
  });

  it("lets an allow-listed host through, in any of its spellings", () => {
    expect(classifyTarget("http://127.0.0.1:4000/hook", ["127.0.0.1"])).toEqual({ verdict: "ok" });
    expect(classifyTarget("http://2130706433/", ["127.0.0.1"])).toEqual({ verdict: "ok" });
    expect(classifyTarget("http://[::1]/", ["::1"])).toEqual({ verdict: "ok" });
    expect(classifyTarget("http://Hooks.Internal/", ["hooks.internal"])).toEqual({ verdict: "ok" });
    // Only the listed host, not its neighbours.
    expect(classifyTarget("http://127.0.0.2/", ["127.0.0.1"])).toMatchObject({ verdict: "refused" });
    expect(isAllowListed("evilhooks.internal", ["hooks.internal"])).toBe(false);
  });
});

describe("resolvedProblem: a name is as safe as every address it resolves to", () => {
  it("refuses a name with any non-public address (one private answer among public ones is enough)", () => {
    expect(resolvedProblem("a.example", ["93.184.216.34"])).toBeNull();
    expect(resolvedProblem("a.example", ["93.184.216.34", "10.1.2.3"])).toBe("a.example resolves to a private address (10.1.2.3)");
    expect(resolvedProblem("a.example", ["::ffff:127.0.0.1"])).toBe("a.example resolves to a loopback address (::ffff:127.0.0.1)");
    expect(resolvedProblem("a.example", [])).toBe("a.example resolves to no address");
  });
});

describe("isPublicAddress / isLoopbackHost", () => {
  it("tells addresses apart", () => {
    expect(isPublicAddress("1.1.1.1")).toBe(true);
    expect(isPublicAddress("192.168.0.10")).toBe(false);
    expect(isPublicAddress("not an address")).toBe(false);
  });
  it("knows this machine's names (the dev mailbox's guard)", () => {
    for (const h of ["localhost", "127.0.0.1", "[::1]", "127.0.0.53", "app.localhost"]) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["feedback.example.com", "10.0.0.1", "0.0.0.0", "localhost.example.com"]) expect(isLoopbackHost(h)).toBe(false);
  });
});
