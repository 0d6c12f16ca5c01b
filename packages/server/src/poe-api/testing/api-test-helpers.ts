import {
  readEvents,
  startTestPlatform,
  type TestClient,
  type TestPlatform,
} from "../../testing/test-platform.js";

/** A test platform with one signed-up user and an API key of theirs. */
export interface ApiTestContext {
  platform: TestPlatform;
  user: TestClient;
  apiKey: string;
  /** The base URL fastapi_poe and the SDK take: `<platform>/bot/`. */
  botBaseUrl: string;
}

/** Starts a platform on SQLite with a user `alice@example.com` and her API key. */
export async function startApiTest(
  options: Parameters<typeof startTestPlatform>[1] = {},
): Promise<ApiTestContext> {
  const platform = await startTestPlatform("sqlite", options);
  const user = await platform.signUp("alice@example.com");
  const { key } = await user.json<{ key: string }>("POST", "/api/keys", { name: "tests" });
  return { platform, user, apiKey: key, botBaseUrl: `${platform.url}/bot/` };
}

/** Registers a server bot running at `serverUrl` under `handle`, with its access key. */
export async function registerServerBot(
  user: TestClient,
  bot: { handle: string; serverUrl: string; accessKey: string },
): Promise<void> {
  await user.json("POST", "/api/bots", {
    handle: bot.handle,
    server_url: bot.serverUrl,
    access_key: bot.accessKey,
  });
}

/** Sends a user message to a bot in a new conversation; returns the finished reply's text. */
export async function chatWith(user: TestClient, handle: string, content: string) {
  const { conversation } = await user.json<{ conversation: { id: string } }>(
    "POST",
    "/api/conversations",
    { bot: handle },
  );
  const sent = await user.json<{ stream_url: string; bot_message: { id: string } }>(
    "POST",
    `/api/conversations/${conversation.id}/messages`,
    { content },
  );
  const events = await readEvents(await user.request("GET", sent.stream_url));
  const done = events.at(-1);
  return {
    conversationId: conversation.id,
    messageId: sent.bot_message.id,
    text: typeof done?.data.text === "string" ? done.data.text : "",
    status: typeof done?.data.status === "string" ? done.data.status : "",
  };
}

/** A minimal `query` body, as fastapi_poe's `get_bot_response` sends it. */
export function queryBody(content: string, fields: Record<string, unknown> = {}) {
  return {
    version: "1.2",
    type: "query",
    query: [{ role: "user", content, content_type: "text/markdown" }],
    user_id: "",
    conversation_id: "",
    message_id: "",
    ...fields,
  };
}
