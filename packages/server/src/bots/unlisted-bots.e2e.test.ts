import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryBody } from "../poe-api/testing/api-test-helpers.js";
import {
  clientAt,
  readReply,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

describe.each(TEST_DIALECTS)("an unlisted bot on %s", (dialect) => {
  let platform: TestPlatform;
  let scripted: ScriptedBot;
  let admin: TestClient;
  let owner: TestClient;
  let visitor: TestClient;
  let visitorByKey: TestClient;

  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    scripted = await startScriptedBot(misbehavingBots.replies(["Found me"]));
    admin = await platform.signUp("admin@example.com");
    owner = await platform.signUp("owner@example.com");
    visitor = await platform.signUp("visitor@example.com");
    const { key } = await visitor.json<{ key: string }>("POST", "/api/keys", { name: "v" });
    visitorByKey = clientAt(platform.url, { apiKey: key });
    await registerBot(owner, scripted, { handle: "by-link", visibility: "unlisted" });
  });
  afterAll(async () => {
    await platform.dispose();
    await scripted.close();
  });

  const listedHandles = async (client: TestClient) =>
    (await client.json<{ bots: { handle: string }[] }>("GET", "/api/bots")).bots.map(
      (bot) => bot.handle,
    );

  it("is listed for its owner only, not for anyone else, admins included", async () => {
    expect(await listedHandles(owner)).toContain("by-link");
    expect(await listedHandles(visitor)).not.toContain("by-link");
    expect(await listedHandles(admin)).not.toContain("by-link");
    const { data } = await visitorByKey.json<{ data: { id: string }[] }>("GET", "/v1/models");
    expect(data.map((model) => model.id)).not.toContain("by-link");
  });

  it("can be opened and talked to by anyone signed in who knows its handle", async () => {
    expect(await visitor.json("GET", "/api/bots/by-link")).toMatchObject({
      bot: { handle: "by-link", visibility: "unlisted", hidden: false },
    });
    const conversation = await startConversation(visitor, "by-link");
    const { botMessageId } = await sendMessage(visitor, conversation, "Hello?");
    expect((await readReply(visitor, botMessageId)).at(-1)?.data).toMatchObject({
      status: "complete",
      text: "Found me",
    });
    const completion = await visitorByKey.json<{ choices: { message: { content: string } }[] }>(
      "POST",
      "/v1/chat/completions",
      { model: "by-link", messages: [{ role: "user", content: "Hello?" }] },
    );
    expect(completion.choices[0]?.message.content).toBe("Found me");
    expect((await visitorByKey.request("GET", "/v1/models/by-link")).status).toBe(200);
    const poe = await visitorByKey.request("POST", "/bot/by-link", queryBody("Hello?"));
    expect([poe.status, await poe.text()]).toEqual([200, expect.stringContaining("Found me")]);
  });

  it("stays the owner's to edit, and can be made unlisted by a change too", async () => {
    expect((await visitor.request("PATCH", "/api/bots/by-link", { description: "x" })).status).toBe(
      404,
    );
    await registerBot(owner, scripted, { handle: "was-public" });
    const changed = await owner.json("PATCH", "/api/bots/was-public", { visibility: "unlisted" });
    expect(changed).toMatchObject({ bot: { visibility: "unlisted" } });
    expect(await listedHandles(visitor)).not.toContain("was-public");
    const refused = await owner.request("PATCH", "/api/bots/was-public", { visibility: "secret" });
    expect(refused.status).toBe(400);
  });
});
