import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getMessage,
  openStream,
  readToDone,
  registerBot,
  sendMessage,
  startConversation,
  type LiveStream,
} from "../testing/bots/chat-helpers.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

const BOT_SCRIPT = fileURLToPath(new URL("../testing/bots/stdin-paced-bot.mjs", import.meta.url));
const ACCESS_KEY = "p".repeat(32);

/** Starts the SDK bot as its own process; resolves once it listens. */
async function startBotProcess(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, [BOT_SCRIPT], {
    env: { ...process.env, PORT: "0", POE_ACCESS_KEY: ACCESS_KEY },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the bot process exited with ${code}`)));
  });
  return { child, url };
}

/** Reads events until a text event carrying `text` arrives; returns the text shown so far. */
async function readUntilText(stream: LiveStream, text: string, shown = ""): Promise<string> {
  for (;;) {
    const { event, data } = await stream.next();
    if (event === "text") shown += String(data.text);
    if (event === "text" && data.text === text) return shown;
    if (event === "done") throw new Error(`The reply ended before "${text}"`);
  }
}

describe.each(TEST_DIALECTS)("a bot process that dies mid-reply, on %s", (dialect) => {
  let platform: TestPlatform;
  let user: TestClient;
  const children: ChildProcessWithoutNullStreams[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    user = await platform.signUp("user@example.com");
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await platform.dispose();
  });

  it("keeps what the user saw as an incomplete reply, and the bot answers again once it is back", async () => {
    const first = await startBotProcess();
    children.push(first.child);
    await registerBot(user, { url: first.url, accessKey: ACCESS_KEY }, { handle: "storyteller" });
    const conversationId = await startConversation(user, "storyteller");
    const { botMessageId } = await sendMessage(user, conversationId, "Tell me a story");
    const stream = await openStream(user, botMessageId);

    first.child.stdin.write("Once upon \n");
    let shown = await readUntilText(stream, "Once upon ");
    first.child.stdin.write("a time\n");
    shown = await readUntilText(stream, "a time", shown);
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;

    const done = (await readToDone(stream)).at(-1)!;
    await stream.close();
    expect(shown).toBe("Once upon a time");
    expect(done.data).toMatchObject({ status: "incomplete", text: "Once upon a time" });
    const stored = await getMessage(user, botMessageId);
    expect(stored).toMatchObject({ status: "incomplete", content: "Once upon a time" });
    expect(stored.error).toMatch(/connection was lost/);

    // The author restarts the bot on a new port and points the bot at it.
    const second = await startBotProcess();
    children.push(second.child);
    await user.json("PATCH", "/api/bots/storyteller", { server_url: second.url });
    const again = await sendMessage(user, conversationId, "Go on");
    const next = await openStream(user, again.botMessageId);
    second.child.stdin.write("The end.\n\n");
    await readUntilText(next, "The end.");
    expect((await readToDone(next)).at(-1)?.data).toMatchObject({ status: "complete" });
    await next.close();
    expect(await getMessage(user, again.botMessageId)).toMatchObject({
      status: "complete",
      content: "The end.",
    });
  });
});
