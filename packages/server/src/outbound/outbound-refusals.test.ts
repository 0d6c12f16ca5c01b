import { Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createOutboundClient } from "./create-outbound-client.js";
import { OutboundError, type OutboundErrorCode } from "./outbound-error.js";
import type { OutboundPolicy } from "./outbound-policy.js";

// Nothing in this file may open a socket: every refusal must happen before connecting.
let connectSpy: MockInstance;
beforeEach(() => {
  connectSpy = vi.spyOn(Socket.prototype, "connect");
});
afterEach(() => {
  expect(connectSpy).not.toHaveBeenCalled();
  connectSpy.mockRestore();
});

const strict: OutboundPolicy = { allowedHosts: [], allowLoopback: false, requireHttps: false };

/** A client whose resolver answers from a table and counts its calls. */
function clientWith(answers: Record<string, string[]>, policy: OutboundPolicy = strict) {
  const resolve = vi.fn(async (hostname: string) => {
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return addresses;
  });
  return { client: createOutboundClient(policy, { resolve }), resolve };
}

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

async function expectRefused(url: string, code: OutboundErrorCode, answers = {}, policy = strict) {
  const { client } = clientWith(answers, policy);
  const error = await failure(client.request({ url, method: "POST", body: "{}" }));
  expect(error.code).toBe(code);
  return error;
}

describe("URL checks", () => {
  it.each(["not a url", "ftp://bot.example/", "file:///etc/passwd", "gopher://bot.example/"])(
    "refuses %j as invalid_url",
    async (url) => {
      await expectRefused(url, "invalid_url");
    },
  );

  it("refuses credentials in the URL without echoing them", async () => {
    const error = await expectRefused("https://user:hunter2@bot.example/", "invalid_url", {
      "bot.example": ["93.184.216.34"],
    });
    expect(error.message).not.toContain("hunter2");
  });

  it("refuses http:// when https is required, before resolving", async () => {
    const { client, resolve } = clientWith({}, { ...strict, requireHttps: true });
    const error = await failure(client.request({ url: "http://bot.example/", method: "GET" }));
    expect(error.code).toBe("https_required");
    expect(error.message).toContain("PARLOR_ALLOWED_BOT_HOSTS");
    expect(resolve).not.toHaveBeenCalled();
  });
});

describe("address literals", () => {
  it.each([
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0/",
    "http://0.0.0.0/",
    "http://10.0.0.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://172.16.0.1/",
    "http://192.168.0.1/",
    "http://[::1]/",
    "http://[::]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[64:ff9b:1::1]/",
    "http://[2002:7f00:1::]/",
    "http://[2001::1]/",
    "http://[fc00::1]/",
    "http://[fe80::1]/",
    "http://[ff02::1]/",
  ])("refuses %s as blocked_address without a lookup", async (url) => {
    const { client, resolve } = clientWith({});
    const error = await failure(client.request({ url, method: "GET" }));
    expect(error.code).toBe("blocked_address");
    expect(resolve).not.toHaveBeenCalled();
  });

  it("explains a private address and how to allow it", async () => {
    const error = await expectRefused("http://10.0.0.5:8000/bot", "blocked_address");
    expect(error.message).toBe(
      "10.0.0.5 is a private address (10.0.0.0/8); add the host to PARLOR_ALLOWED_BOT_HOSTS to allow it",
    );
  });

  it("allowLoopback does not open other private ranges", async () => {
    const policy = { ...strict, allowLoopback: true };
    await expectRefused("http://10.0.0.1/", "blocked_address", {}, policy);
    await expectRefused("http://[::ffff:127.0.0.1]/", "blocked_address", {}, policy);
    await expectRefused("http://169.254.169.254/", "blocked_address", {}, policy);
  });
});

describe("resolved names", () => {
  it.each(["localhost", "localhost.", "bot.localhost", "LOCALHOST"])(
    "refuses the loopback name %s before resolving",
    async (hostname) => {
      const { client, resolve } = clientWith({ localhost: ["127.0.0.1"] });
      const error = await failure(client.request({ url: `http://${hostname}/`, method: "GET" }));
      expect(error.code).toBe("blocked_address");
      expect(error.message).toContain("PARLOR_ALLOW_LOOPBACK_BOTS");
      expect(resolve).not.toHaveBeenCalled();
    },
  );

  it("refuses a name that resolves to a private address, naming both", async () => {
    const error = await expectRefused("https://bot.example/", "blocked_address", {
      "bot.example": ["10.0.0.1"],
    });
    expect(error.message).toBe(
      "bot.example resolves to 10.0.0.1, a private address (10.0.0.0/8); add the host to PARLOR_ALLOWED_BOT_HOSTS to allow it",
    );
  });

  it("refuses when any one of several answers is blocked", async () => {
    const answers = { "bot.example": ["93.184.216.34", "127.0.0.1"] };
    const error = await expectRefused("https://bot.example/", "blocked_address", answers);
    expect(error.message).toContain("127.0.0.1");
    const reversed = { "bot.example": ["127.0.0.1", "93.184.216.34"] };
    await expectRefused("https://bot.example/", "blocked_address", reversed);
  });

  it.each([
    ["the metadata address", "169.254.169.254", "blocked_address"],
    ["an IPv4-mapped address", "::ffff:a9fe:a9fe", "blocked_address"],
    ["a NAT64 address", "64:ff9b::a9fe:a9fe", "blocked_address"],
    ["a unique local address", "fd00::1", "blocked_address"],
    ["an answer that is not an IP", "bot.internal", "dns_failed"],
  ])("refuses a name resolving to %s", async (_label, address, code) => {
    await expectRefused("https://bot.example/", code as OutboundErrorCode, {
      "bot.example": [address],
    });
  });

  it("fails closed with dns_failed when the name does not resolve", async () => {
    const error = await expectRefused("https://missing.example/", "dns_failed");
    expect(error.message).toBe("could not resolve missing.example (ENOTFOUND)");
    expect(error.isRetryable).toBe(true);
  });

  it("fails closed with dns_failed when the name resolves to nothing", async () => {
    await expectRefused("https://empty.example/", "dns_failed", { "empty.example": [] });
  });

  it("an allowlisted host does not open other private hosts", async () => {
    const policy = { ...strict, allowedHosts: ["bot.internal"] };
    const answers = { "bot.internal": ["10.0.0.1"], "other.internal": ["10.0.0.2"] };
    await expectRefused("https://other.internal/", "blocked_address", answers, policy);
  });

  it("an allowlisted host:port does not open the host's other ports", async () => {
    const policy = { ...strict, allowedHosts: ["bot.internal:8443"] };
    const answers = { "bot.internal": ["10.0.0.1"] };
    await expectRefused("https://bot.internal:9000/", "blocked_address", answers, policy);
  });

  it("never puts request headers in error messages", async () => {
    const { client } = clientWith({ "bot.example": ["10.0.0.1"] });
    const error = await failure(
      client.request({
        url: "https://bot.example/?token=query-secret",
        method: "POST",
        headers: { authorization: "Bearer header-secret" },
      }),
    );
    expect(error.message).not.toMatch(/header-secret|query-secret/);
  });
});

describe("aborts and deadlines before connecting", () => {
  it("refuses an already-aborted signal without resolving", async () => {
    const { client, resolve } = clientWith({ "bot.example": ["93.184.216.34"] });
    const signal = AbortSignal.abort();
    const error = await failure(
      client.request({ url: "https://bot.example/", method: "GET", signal }),
    );
    expect(error.code).toBe("aborted");
    expect(resolve).not.toHaveBeenCalled();
  });

  it("aborts while the name is still resolving", async () => {
    const resolve = vi.fn(() => new Promise<string[]>(() => {}));
    const client = createOutboundClient(strict, { resolve });
    const controller = new AbortController();
    const pending = client.request({
      url: "https://slow.example/",
      method: "GET",
      signal: controller.signal,
    });
    controller.abort();
    expect((await failure(pending)).code).toBe("aborted");
  });

  it("counts a resolver that never answers against the connect timeout", async () => {
    const client = createOutboundClient(strict, { resolve: () => new Promise(() => {}) });
    const pending = client.request({
      url: "https://slow.example/",
      method: "GET",
      connectTimeoutMs: 50,
    });
    expect((await failure(pending)).code).toBe("connect_timeout");
  });
});

describe("allowed ports", () => {
  const ports: OutboundPolicy = {
    ...strict,
    allowedHosts: ["bots.internal"],
    allowedPorts: [
      { from: 443, to: 443 },
      { from: 8000, to: 8999 },
    ],
  };

  it("refuses a public host on a port outside PARLOR_ALLOWED_BOT_PORTS, before resolving", async () => {
    const { client, resolve } = clientWith({ "example.com": ["93.184.216.34"] }, ports);
    const error = await failure(client.check("https://example.com:6379/"));
    expect(error.code).toBe("port_not_allowed");
    expect(error.message).toBe(
      "port 6379 of example.com is refused: this platform calls only ports 443,8000-8999 (PARLOR_ALLOWED_BOT_PORTS); use one of them, or add the host to PARLOR_ALLOWED_BOT_HOSTS to allow it",
    );
    expect(resolve).not.toHaveBeenCalled();
    await expectRefused("http://example.com/", "port_not_allowed", {}, ports);
  });

  it("lets the listed ports and ranges through, and an allowlisted host on any port", async () => {
    const { client } = clientWith({ "example.com": ["93.184.216.34"] }, ports);
    await client.check("https://example.com/");
    await client.check("https://example.com:8000/");
    await client.check("https://example.com:8999/");
    const allowlisted = clientWith({ "bots.internal": ["10.0.0.5"] }, ports);
    await allowlisted.client.check("http://bots.internal:9001/");
  });
});
