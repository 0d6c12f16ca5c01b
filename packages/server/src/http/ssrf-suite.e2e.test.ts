import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readReply,
  sendMessage,
  startConversation,
  type StreamedEvent,
} from "../testing/bots/chat-helpers.js";
import { fakeInternet, type FakeInternet } from "../testing/fake-internet.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/**
 * The security suite: in the default configuration, no user-supplied bot URL in any
 * loopback, private, IPv6-mapped, odd-notation, rebinding or redirecting form reaches this
 * machine or its network, whether the URL is given at registration, at an update, or becomes
 * dangerous later (its name rebinds to a blocked address, or the row predates the rules).
 */

/** Public addresses that the fake internet serves from local stand-ins. */
const PUBLIC_BOT = "93.184.216.34";
const REDIRECTOR = "93.184.216.35";

/** Names the fake resolver knows; anything else does not resolve. */
const dnsAnswers = (): Record<string, string[]> => ({
  "good.example": [PUBLIC_BOT],
  "flip.example": [PUBLIC_BOT],
  "redirect.example": [REDIRECTOR],
  "127.0.0.1.nip.io": ["127.0.0.1"],
  "10.0.0.1.nip.io": ["10.0.0.1"],
  "0.0.0.0.nip.io": ["0.0.0.0"],
  "loopback.rebind.test": ["127.0.0.1"],
  "public-first.rebind.test": [PUBLIC_BOT, "127.0.0.1"],
  "public-first-v6.rebind.test": [PUBLIC_BOT, "::1"],
  "v6.rebind.test": ["::1"],
  "mapped.rebind.test": ["::ffff:127.0.0.1"],
  "metadata.rebind.test": ["169.254.169.254"],
  "private.rebind.test": ["10.0.0.5"],
  "ula.rebind.test": ["fd00::1"],
  "cgnat.rebind.test": ["100.64.0.1"],
  "nat64.rebind.test": ["64:ff9b::7f00:1"],
  // A name that the system resolver would answer from /etc/hosts; here it must not matter.
  "localhost.localdomain": ["127.0.0.1"],
});

/** Every URL, with `PORT` standing for the canary's port, so a loopback bypass would hit it. */
const URL_TEMPLATES = [
  // Loopback, in every spelling the WHATWG parser accepts.
  "http://127.0.0.1:PORT/",
  "http://127.0.0.2:PORT/",
  "http://127.255.255.254:PORT/",
  "http://2130706433:PORT/",
  "http://0177.0.0.1:PORT/",
  "http://0x7f.0.0.1:PORT/",
  "http://0x7f000001:PORT/",
  "http://017700000001:PORT/",
  "http://127.1:PORT/",
  "http://127.0.1:PORT/",
  "http://0x7F.1:PORT/",
  "https://127.0.0.1:PORT/",
  "http://[::1]:PORT/",
  "http://[0:0:0:0:0:0:0:1]:PORT/",
  // IPv4 inside IPv6: mapped, compatible, translated, NAT64, 6to4.
  "http://[::ffff:127.0.0.1]:PORT/",
  "http://[::ffff:7f00:1]:PORT/",
  "http://[0:0:0:0:0:ffff:127.0.0.1]:PORT/",
  "http://[::127.0.0.1]:PORT/",
  "http://[::ffff:0:127.0.0.1]:PORT/",
  "http://[64:ff9b::127.0.0.1]:PORT/",
  "http://[64:ff9b::7f00:1]:PORT/",
  "http://[64:ff9b:1::7f00:1]:PORT/",
  "http://[2002:7f00:1::]:PORT/",
  "http://[::ffff:10.0.0.1]:PORT/",
  "http://[::ffff:192.168.0.1]:PORT/",
  "http://[::ffff:169.254.169.254]/",
  // "This host" and unspecified.
  "http://0.0.0.0:PORT/",
  "http://0:PORT/",
  "http://[::]:PORT/",
  // Loopback names.
  "http://localhost:PORT/",
  "http://localhost.:PORT/",
  "http://LOCALHOST:PORT/",
  "http://bot.localhost:PORT/",
  "http://a.b.localhost:PORT/",
  "https://localhost:PORT/",
  "http://localhost.localdomain:PORT/",
  // Names that resolve to blocked addresses (DNS rebinding and wildcard-DNS services).
  "http://127.0.0.1.nip.io:PORT/",
  "http://10.0.0.1.nip.io:PORT/",
  "http://0.0.0.0.nip.io:PORT/",
  "http://loopback.rebind.test:PORT/",
  "http://public-first.rebind.test:PORT/",
  "http://public-first-v6.rebind.test:PORT/",
  "http://v6.rebind.test:PORT/",
  "http://mapped.rebind.test:PORT/",
  "http://metadata.rebind.test/latest/meta-data/",
  "http://private.rebind.test:PORT/",
  "http://ula.rebind.test:PORT/",
  "http://cgnat.rebind.test:PORT/",
  "http://nat64.rebind.test:PORT/",
  // Private ranges, in dotted and odd notations.
  "http://10.0.0.1:PORT/",
  "http://10.255.255.255:PORT/",
  "http://167772161:PORT/",
  "http://012.0.0.1:PORT/",
  "http://0xa000001:PORT/",
  "http://172.16.0.1:PORT/",
  "http://172.31.255.254:PORT/",
  "http://192.168.0.1:PORT/",
  "http://192.168.1.1:PORT/",
  "http://[fc00::1]:PORT/",
  "http://[fd12:3456:789a::1]:PORT/",
  // Carrier-grade NAT, link-local and the cloud metadata address.
  "http://100.64.0.1:PORT/",
  "http://100.127.255.254:PORT/",
  "http://169.254.169.254/latest/meta-data/",
  "http://169.254.169.254:PORT/",
  "http://2852039166/",
  "http://0xa9fea9fe/",
  "http://0251.0376.0251.0376/",
  "http://169.254.0.1:PORT/",
  "http://[fe80::1]:PORT/",
  // Broadcast, multicast, benchmarking, site-local, Teredo.
  "http://255.255.255.255:PORT/",
  "http://224.0.0.1:PORT/",
  "http://[ff02::1]:PORT/",
  "http://198.18.0.1:PORT/",
  "http://[fec0::1]:PORT/",
  "http://[2001::1]:PORT/",
];

/** The addresses a once-public name is later made to resolve to (the rebinding at call time). */
const REBIND_ADDRESSES = [
  "127.0.0.1",
  "127.0.0.53",
  "::1",
  "::ffff:127.0.0.1",
  "0.0.0.0",
  "::",
  "10.0.0.1",
  "172.16.0.1",
  "192.168.0.1",
  "100.64.0.1",
  "169.254.169.254",
  "fe80::1",
  "fd00::1",
  "64:ff9b::7f00:1",
];

/** A local server that every bypass would reach: it counts connections and answers as a bot. */
async function startCanary() {
  let connections = 0;
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      if (body.includes('"settings"')) {
        response.writeHead(200, { "content-type": "application/json" });
        response.end("{}");
        return;
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.end('event: text\ndata: {"text":"canary reached"}\n\nevent: done\ndata: {}\n\n');
    });
  });
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => ({ connections, requests }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The canary again, as a bot on the fake internet's public address. */
type Canary = Awaited<ReturnType<typeof startCanary>>;

async function startRedirector(location: string) {
  let hits = 0;
  const server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(302, { location });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function replyTo(client: TestClient, handle: string): Promise<StreamedEvent[]> {
  const conversationId = await startConversation(client, handle);
  const { botMessageId } = await sendMessage(client, conversationId, "hello");
  return readReply(client, botMessageId);
}

describe("SSRF: bot URLs in the default configuration", () => {
  let canary: Canary;
  let standIn: Canary;
  let redirector: Awaited<ReturnType<typeof startRedirector>>;
  let internet: FakeInternet;
  let platform: TestPlatform;
  let bob: TestClient;
  let urls: string[];
  let answers = dnsAnswers();

  beforeAll(async () => {
    canary = await startCanary();
    standIn = await startCanary();
    redirector = await startRedirector(`http://127.0.0.1:${canary.port}/`);
    urls = URL_TEMPLATES.map((template) => template.replace("PORT", String(canary.port)));
    internet = fakeInternet();
    internet.host(PUBLIC_BOT, standIn.port);
    internet.host(REDIRECTOR, redirector.port);
    platform = await startTestPlatform("sqlite", {
      // The default: no development switch, no allowlist.
      env: {
        PARLOR_ALLOW_LOOPBACK_BOTS: "false",
        PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "10000",
      },
      overrides: {
        resolveHostname: async (hostname) => {
          const found = answers[hostname];
          if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
          return found;
        },
      },
    });
    await platform.signUp("admin@example.com");
    bob = await platform.signUp("bob@example.com");
  });
  afterAll(async () => {
    internet.restore();
    await platform.dispose();
    await Promise.all([canary.close(), standIn.close(), redirector.close()]);
  });

  it("has at least 60 URLs to try", () => {
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls.length).toBeGreaterThanOrEqual(60);
  });

  it("refuses every one at registration (POST /api/bots), saying how to allow it", async () => {
    const accepted: string[] = [];
    for (const [index, url] of urls.entries()) {
      const response = await bob.request("POST", "/api/bots", {
        handle: `ssrf${index}`,
        server_url: url,
      });
      const body = (await response.json()) as { error?: { message: string } };
      if (response.status !== 400 || !/server_url/.test(body.error?.message ?? "")) {
        accepted.push(`${url} → ${response.status} ${JSON.stringify(body)}`);
      } else {
        expect(body.error!.message).toMatch(/PARLOR_ALLOWED_BOT_HOSTS|does not resolve/);
      }
    }
    expect(accepted).toEqual([]);
    expect(canary.hits()).toEqual({ connections: 0, requests: 0 });
    expect(internet.attempts).toEqual([]);
  });

  it("refuses every one at an update (PATCH /api/bots/:handle), keeping the old URL", async () => {
    await bob.json("POST", "/api/bots", { handle: "good", server_url: "http://good.example/" });
    const accepted: string[] = [];
    for (const url of urls) {
      const response = await bob.request("PATCH", "/api/bots/good", { server_url: url });
      if (response.status !== 400) accepted.push(`${url} → ${response.status}`);
    }
    expect(accepted).toEqual([]);
    const { bot } = await bob.json<{ bot: { server_url: string } }>("GET", "/api/bots/good");
    expect(bot.server_url).toBe("http://good.example/");
    expect(canary.hits()).toEqual({ connections: 0, requests: 0 });
    expect(internet.attempts.every((address) => address === PUBLIC_BOT)).toBe(true);
  });

  it("refuses at call time a name that resolved to a public address at registration and rebinds later", async () => {
    await bob.json("POST", "/api/bots", { handle: "flip", server_url: "http://flip.example/" });
    const before = await replyTo(bob, "flip");
    expect(before.at(-1)?.data).toMatchObject({ status: "complete", text: "canary reached" });
    const reachedBefore = standIn.hits().requests;
    const attemptsBefore = internet.attempts.length;
    for (const address of REBIND_ADDRESSES) {
      answers = { ...dnsAnswers(), "flip.example": [address] };
      const events = await replyTo(bob, "flip");
      expect(events.at(-1)?.data, `flip.example → ${address}`).toMatchObject({ status: "error" });
    }
    answers = dnsAnswers();
    expect(standIn.hits().requests).toBe(reachedBefore);
    expect(internet.attempts.length).toBe(attemptsBefore);
    expect(canary.hits()).toEqual({ connections: 0, requests: 0 });
  });

  it("refuses at call time every URL stored before the rules applied", async () => {
    // As if registered under a looser configuration: the row is written as it would be stored.
    const row = await platform.platform.store.bots.findByHandle("flip");
    const failed: string[] = [];
    for (const url of urls) {
      await platform.platform.store.bots.update(row!.id, {
        server_url: url,
        updated_at: Date.now(),
      });
      const events = await replyTo(bob, "flip");
      if (events.at(-1)?.data.status !== "error") failed.push(`${url}: ${JSON.stringify(events)}`);
    }
    expect(failed).toEqual([]);
    expect(canary.hits()).toEqual({ connections: 0, requests: 0 });
    expect(internet.attempts.every((address) => address === PUBLIC_BOT)).toBe(true);
  });

  it("does not follow a public bot's redirect to a loopback address", async () => {
    await bob.json("POST", "/api/bots", {
      handle: "redirecting",
      server_url: "http://redirect.example/",
    });
    const events = await replyTo(bob, "redirecting");
    expect(events.at(-1)?.data).toMatchObject({ status: "error" });
    expect(redirector.hits()).toBeGreaterThan(0);
    expect(canary.hits()).toEqual({ connections: 0, requests: 0 });
  });
});

describe("SSRF: an operator's allowlist", () => {
  let canary: Canary;
  let platform: TestPlatform;
  beforeAll(async () => {
    canary = await startCanary();
    platform = await startTestPlatform("sqlite", {
      env: {
        PARLOR_ALLOW_LOOPBACK_BOTS: "false",
        PARLOR_ALLOWED_BOT_HOSTS: `127.0.0.1:${canary.port}`,
      },
    });
  });
  afterAll(async () => {
    await platform.dispose();
    await canary.close();
  });

  it("lets the admin's bot on the allowed host:port in, and nothing next to it", async () => {
    const admin = await platform.signUp("admin@example.com");
    await admin.json("POST", "/api/bots", {
      handle: "local",
      server_url: `http://127.0.0.1:${canary.port}/`,
    });
    const events = await replyTo(admin, "local");
    expect(events.at(-1)?.data).toMatchObject({ status: "complete", text: "canary reached" });
    expect(canary.hits().requests).toBeGreaterThan(0);
    for (const neighbour of [
      `http://127.0.0.2:${canary.port}/`,
      `http://localhost:${canary.port}/`,
      `http://127.0.0.1:${canary.port + 1}/`,
    ]) {
      const response = await admin.request("POST", "/api/bots", {
        handle: "neighbour",
        server_url: neighbour,
      });
      expect(response.status, neighbour).toBe(400);
    }
  });
});
