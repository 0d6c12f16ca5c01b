import { describe, expect, it } from "vitest";
import { isBlockedAddress } from "./is-blocked-address.js";
import { isLoopbackAddress } from "./is-loopback-address.js";

describe("isBlockedAddress", () => {
  it.each([
    ["0.0.0.0", "'this network'"],
    ["0.1.2.3", "'this network'"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["169.254.169.254", "cloud metadata"],
    ["169.254.1.1", "link-local"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.0.0.1", "IETF protocol"],
    ["192.0.2.1", "documentation"],
    ["192.88.99.1", "6to4 relay"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fc00::1", "unique local"],
    ["fd12:3456::1", "unique local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["100::1", "discard"],
    ["::ffff:127.0.0.1", "IPv4-mapped"],
    ["::ffff:7f00:1", "IPv4-mapped"],
    ["::ffff:a9fe:a9fe", "IPv4-mapped"],
    ["::ffff:8.8.8.8", "IPv4-mapped"],
    ["0:0:0:0:0:ffff:169.254.169.254", "IPv4-mapped"],
    ["::ffff:0:a00:1", "IPv4-translated"],
    ["::127.0.0.1", "IPv4-compatible"],
    ["::a00:1", "IPv4-compatible"],
    ["64:ff9b::a00:1", "NAT64"],
    ["64:ff9b::127.0.0.1", "NAT64"],
    ["64:ff9b:1::1", "NAT64"],
    ["2002:7f00:1::", "6to4"],
    ["2001::1", "Teredo"],
    ["2001:0:4136:e378::1", "Teredo"],
    ["2001:2::1", "IETF protocol"],
    ["3fff::1", "documentation"],
    ["4000::1", "not a global unicast"],
    ["[::1]", "loopback"],
  ])("refuses %s as %s", (ip, reason) => {
    const verdict = isBlockedAddress(ip);
    expect(verdict.blocked).toBe(true);
    expect(verdict.reason).toContain(reason);
  });

  it.each(["8.8.8.8", "93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111"])(
    "allows the public address %s",
    (ip) => {
      expect(isBlockedAddress(ip)).toEqual({ blocked: false });
    },
  );

  it.each(["", "localhost", "0177.0.0.1", "2130706433", "0x7f.1", "127.1", "1.2.3.4.5", "::g"])(
    "fails closed on %j, which is not a strict IP address",
    (text) => {
      expect(isBlockedAddress(text)).toEqual({ blocked: true, reason: "not a valid IP address" });
    },
  );
});

describe("isLoopbackAddress", () => {
  it("accepts 127.0.0.0/8 and ::1 only", () => {
    expect(["127.0.0.1", "127.9.9.9", "::1"].map(isLoopbackAddress)).toEqual([true, true, true]);
    const others = ["::ffff:127.0.0.1", "10.0.0.1", "0.0.0.0", "::", "localhost"];
    expect(others.map(isLoopbackAddress)).toEqual([false, false, false, false, false]);
  });
});
