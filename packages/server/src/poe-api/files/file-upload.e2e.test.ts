import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_FILE_BYTES } from "@parlor/protocol";
import { AttachmentUploadError, defineBot, file, uploadFile } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  chatWith,
  registerServerBot,
  startApiTest,
  type ApiTestContext,
} from "../testing/api-test-helpers.js";

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A local web server that serves `bytes` at any path. */
async function serveBytes(
  bytes: Uint8Array,
  contentType: string,
): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": contentType });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("file upload (POST /bot/file_upload_3RD_PARTY_POST) and signed file URLs", () => {
  let test: ApiTestContext | undefined;
  let origin: Server | undefined;
  let bot: BotTestServer | undefined;
  let now = Date.now();
  afterEach(async () => {
    origin?.close();
    await bot?.close();
    await test?.platform.dispose();
    test = origin = bot = undefined;
  });

  const start = async () => {
    now = Date.now();
    test = await startApiTest({ overrides: { clock: () => now } });
    return test;
  };

  it("stores a multipart upload made with a bot access key and serves it by its URL", async () => {
    const { user, platform } = await start();
    const accessKey = "F".repeat(32);
    await registerServerBot(user, {
      handle: "artist",
      serverUrl: "http://127.0.0.1:9/",
      accessKey,
    });
    const uploaded = await uploadFile({
      file: PNG_BYTES,
      fileName: "dot.png",
      apiKey: accessKey,
      baseUrl: `${platform.url}/bot/`,
    });
    expect(uploaded.contentType).toBe("image/png");
    expect(uploaded.url.startsWith(`${platform.url}/files/`)).toBe(true);
    const served = await fetch(uploaded.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG_BYTES);

    const artist = await platform.platform.store.bots.findByHandle("artist");
    const id = new URL(uploaded.url).pathname.split("/").pop()!;
    expect(await platform.platform.store.files.findById(id)).toMatchObject({
      owner_id: artist!.owner_id,
      name: "dot.png",
      size: PNG_BYTES.byteLength,
    });
  });

  it("downloads a download_url (user API key, raw Authorization) and serves the bytes", async () => {
    const { platform, apiKey } = await start();
    const text = new TextEncoder().encode("hello from elsewhere");
    const source = await serveBytes(text, "text/plain; charset=utf-8");
    origin = source.server;
    const uploaded = await uploadFile({
      fileUrl: `${source.url}/notes/report.txt`,
      apiKey,
      baseUrl: `${platform.url}/bot/`,
    });
    expect(uploaded).toMatchObject({ contentType: "text/plain", name: "report.txt" });
    expect(await (await fetch(uploaded.url)).text()).toBe("hello from elsewhere");

    // The old post_message_attachment form: download_filename, message_id and is_inline.
    const form = new URLSearchParams({
      download_url: `${source.url}/x`,
      download_filename: "named.txt",
      message_id: "m-123",
      is_inline: "false",
    });
    const response = await fetch(`${platform.url}/bot/file_upload_3RD_PARTY_POST`, {
      method: "POST",
      headers: { authorization: apiKey },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ mime_type: "text/plain" });
  });

  it("answers 404 for expired and tampered URLs", async () => {
    const { platform, apiKey } = await start();
    const uploaded = await uploadFile({
      file: PNG_BYTES,
      fileName: "a.png",
      apiKey,
      baseUrl: `${platform.url}/bot/`,
    });
    const tampered = new URL(uploaded.url);
    const signature = tampered.searchParams.get("signature")!;
    tampered.searchParams.set(
      "signature",
      `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`,
    );
    expect((await fetch(tampered)).status).toBe(404);
    const extended = new URL(uploaded.url);
    extended.searchParams.set(
      "expires",
      String(Number(extended.searchParams.get("expires")) + 3600),
    );
    expect((await fetch(extended)).status).toBe(404);
    const unsigned = new URL(uploaded.url);
    unsigned.search = "";
    expect((await fetch(unsigned)).status).toBe(404);

    now += 59 * 60 * 1000;
    expect((await fetch(uploaded.url)).status).toBe(200);
    now += 2 * 60 * 1000;
    expect((await fetch(uploaded.url)).status).toBe(404);
  });

  it("refuses bad keys (401), empty uploads (400) and files over 50 MB (413)", async () => {
    const { platform, apiKey } = await start();
    const baseUrl = `${platform.url}/bot/`;
    const refused = await uploadFile({ file: PNG_BYTES, apiKey: "Q".repeat(32), baseUrl }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AttachmentUploadError);
    expect((refused as Error).message).toContain("401");
    expect((refused as Error).message).toContain("Invalid API key or bot access key");

    const empty = await fetch(`${baseUrl}file_upload_3RD_PARTY_POST`, {
      method: "POST",
      headers: { authorization: apiKey },
      body: new URLSearchParams({ message_id: "m-1" }),
    });
    expect(empty.status).toBe(400);

    const huge = await uploadFile({
      file: new Uint8Array(MAX_FILE_BYTES + 1),
      apiKey,
      baseUrl,
    }).catch((error: unknown) => error);
    expect(huge).toBeInstanceOf(AttachmentUploadError);
    expect((huge as Error).message).toContain("413");
  });

  it("renews the URLs of a file a bot attached when the conversation is read later", async () => {
    const { user, platform } = await start();
    bot = await createBotTestServer(
      defineBot({
        async *onQuery() {
          const uploaded = await uploadFile({
            file: PNG_BYTES,
            fileName: "dot.png",
            apiKey: bot!.accessKey,
            baseUrl: `${platform.url}/bot/`,
          });
          yield `Here: ![dot](${uploaded.url})`;
          yield file({ url: uploaded.url, contentType: "image/png", name: "dot.png" });
        },
      }),
    );
    await registerServerBot(user, {
      handle: "artist",
      serverUrl: bot.url,
      accessKey: bot.accessKey,
    });
    const { conversationId } = await chatWith(user, "artist", "Draw a dot");
    type Message = { content: string; files: { url: string }[] };
    const read = async () =>
      (
        await user.json<{ messages: Message[] }>("GET", `/api/conversations/${conversationId}`)
      ).messages.at(-1)!;
    const first = await read();
    const original = first.files[0]!.url;
    expect(first.content).toBe(`Here: ![dot](${original})`);

    // The next day the bot's one-hour URL is dead, but reading the reply gives working ones.
    now += 24 * 3600 * 1000;
    expect((await fetch(original)).status).toBe(404);
    const later = await read();
    const renewed = later.files[0]!.url;
    expect(renewed).not.toBe(original);
    expect(later.content).toBe(`Here: ![dot](${renewed})`);
    expect(new Uint8Array(await (await fetch(renewed)).arrayBuffer())).toEqual(PNG_BYTES);
    // Only genuine URLs are renewed: the same expired URL with a forged signature stays dead.
    const forged = original.replace(/signature=(.)/, (_match, first: string) =>
      first === "A" ? "signature=B" : "signature=A",
    );
    const renew = await platform.platform.fileUrlRenewer(conversationId, [original, forged]);
    expect(renew(original)).not.toBe(original);
    expect(renew(forged)).toBe(forged);
  });
});

describe("file URLs another user's bot puts in a reply", () => {
  let test: ApiTestContext | undefined;
  let bot: BotTestServer | undefined;
  afterEach(async () => {
    await bot?.close();
    await test?.platform.dispose();
    test = bot = undefined;
  });

  it("are not renewed: an expired link to Alice's upload stays dead for Bob", async () => {
    let now = Date.now();
    test = await startApiTest({ overrides: { clock: () => now } });
    const { platform, apiKey } = test;
    // Alice uploads a file; her link lasts an hour.
    const alices = await uploadFile({
      file: PNG_BYTES,
      fileName: "alice.png",
      apiKey,
      baseUrl: `${platform.url}/bot/`,
    });
    now += 24 * 3600 * 1000;
    expect((await fetch(alices.url)).status).toBe(404);

    // Bob's bot answers with Alice's expired link, in its text and as a file.
    const bob = await platform.signUp("bob@example.com");
    bot = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield `Look: ![x](${alices.url})`;
          yield file({ url: alices.url, contentType: "image/png", name: "alice.png" });
        },
      }),
    );
    await registerServerBot(bob, { handle: "thief", serverUrl: bot.url, accessKey: bot.accessKey });
    const { conversationId } = await chatWith(bob, "thief", "Show me");
    type Message = { content: string; files: { url: string }[] };
    const { messages } = await bob.json<{ messages: Message[] }>(
      "GET",
      `/api/conversations/${conversationId}`,
    );
    const reply = messages.at(-1)!;
    const shown = [reply.files[0]!.url, /\((.*)\)/.exec(reply.content)![1]!];
    for (const url of shown) {
      expect(url).toBe(alices.url);
      expect((await fetch(new URL(url, platform.url))).status).toBe(404);
    }
  });
});
