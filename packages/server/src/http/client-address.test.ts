import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createClientAddressFinder, isAddressOrRange } from "./client-address.js";

/** The address `find` gives for a request from `socket` with `forwarded` as X-Forwarded-For. */
async function addressOf(
  find: ReturnType<typeof createClientAddressFinder>,
  socket: string,
  forwarded?: string,
): Promise<string> {
  const app = new Hono().get("/", (context) => context.text(find(context)));
  const incoming = {
    socket: { remoteAddress: socket },
    headers: forwarded ? { "x-forwarded-for": forwarded } : {},
  };
  const response = await app.request("/", {}, { incoming });
  return response.text();
}

describe("the client address", () => {
  it("is the socket's, whatever X-Forwarded-For says, when no proxy is trusted", async () => {
    const find = createClientAddressFinder([]);
    expect(await addressOf(find, "203.0.113.5", "10.9.9.9")).toBe("203.0.113.5");
    expect(await addressOf(find, "::ffff:203.0.113.5")).toBe("203.0.113.5");
  });

  it("is the right-most untrusted hop when the socket is a trusted proxy", async () => {
    const find = createClientAddressFinder(["10.0.0.0/8", "127.0.0.1"]);
    expect(await addressOf(find, "10.1.2.3", "198.51.100.1, 203.0.113.9, 10.0.0.4")).toBe(
      "203.0.113.9",
    );
    expect(await addressOf(find, "127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
    // A proxy that sent no header, or garbage, is itself the client.
    expect(await addressOf(find, "10.1.2.3")).toBe("10.1.2.3");
    expect(await addressOf(find, "10.1.2.3", "not an address")).toBe("10.1.2.3");
    // From an untrusted socket the header is ignored.
    expect(await addressOf(find, "192.0.2.7", "203.0.113.9")).toBe("192.0.2.7");
  });

  it("takes addresses and CIDR ranges as trusted proxies, nothing else", () => {
    expect(["10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"].every(isAddressOrRange)).toBe(true);
    expect(["proxy.local", "10.0.0.0/33", ""].some(isAddressOrRange)).toBe(false);
  });
});
