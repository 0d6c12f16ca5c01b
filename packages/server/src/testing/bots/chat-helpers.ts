import { decodeSse } from "@parlor/protocol";
import { readEvents, type TestClient, type TestPlatform } from "../test-platform.js";
import { startScriptedBot, type QueryScript, type ScriptedBot } from "./scripted-bot-server.js";

/** An event as an attached client receives it. */
export interface StreamedEvent {
  id: string | undefined;
  event: string;
  data: Record<string, unknown>;
}

/** A message as the API shows it. */
export interface ApiMessage {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: "user" | "bot";
  content: string;
  status: "complete" | "streaming" | "incomplete" | "error";
  error: string | null;
  allow_retry: boolean | null;
  suggested_replies: string[];
  feedback: string | null;
  reaction: string | null;
  context_id: string;
}

export { clientAt } from "../test-platform.js";

/** Registers a server bot through the API, with the bot's own access key. */
export async function registerBot(
  client: TestClient,
  bot: { url: string; accessKey: string },
  fields: {
    handle: string;
    visibility?: "public" | "unlisted" | "private";
    memory_last_n?: number;
  },
): Promise<void> {
  await client.json("POST", "/api/bots", {
    ...fields,
    server_url: bot.url,
    access_key: bot.accessKey,
  });
}

/** Uploads a file as the client (POST /api/files); returns its id. */
export async function upload(
  client: TestClient,
  platform: Pick<TestPlatform, "url">,
  name: string,
  body: string,
  type: string,
): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([body], { type }), name);
  const response = await fetch(`${platform.url}/api/files`, {
    method: "POST",
    headers: { cookie: client.cookie },
    body: form,
  });
  if (response.status !== 201) throw new Error(`upload of ${name} → ${response.status}`);
  return ((await response.json()) as { file: { id: string } }).file.id;
}

/** Starts a conversation with a bot; returns its id. */
export async function startConversation(client: TestClient, handle: string): Promise<string> {
  const { conversation } = await client.json<{ conversation: { id: string } }>(
    "POST",
    "/api/conversations",
    { bot: handle },
  );
  return conversation.id;
}

/** Sends a user message; returns the ids of it and of the reply it started. */
export async function sendMessage(
  client: TestClient,
  conversationId: string,
  content: string,
): Promise<{ userMessageId: string; botMessageId: string }> {
  const sent = await client.json<{ user_message: { id: string }; bot_message: { id: string } }>(
    "POST",
    `/api/conversations/${conversationId}/messages`,
    { content },
  );
  return { userMessageId: sent.user_message.id, botMessageId: sent.bot_message.id };
}

/**
 * Starts a bot running `script`, registers it as `handle` and sends it one message; the caller
 * closes the bot.
 */
export async function sendToScriptedBot(
  client: TestClient,
  script: QueryScript,
  handle: string,
): Promise<{ bot: ScriptedBot; botMessageId: string }> {
  const bot = await startScriptedBot(script);
  await registerBot(client, bot, { handle });
  const conversationId = await startConversation(client, handle);
  const { botMessageId } = await sendMessage(client, conversationId, "Tell me a story");
  return { bot, botMessageId };
}

/** Attaches to a reply and reads it to its `done` event. */
export async function readReply(
  client: TestClient,
  messageId: string,
  lastEventId?: string,
): Promise<StreamedEvent[]> {
  const headers: Record<string, string> = lastEventId ? { "last-event-id": lastEventId } : {};
  const response = await client.request(
    "GET",
    `/api/messages/${messageId}/stream`,
    undefined,
    headers,
  );
  if (!response.ok) throw new Error(`stream ${messageId} → ${response.status}`);
  return readEvents(response);
}

/** The text a client shows after these events: `text` appends, `replace_response` replaces. */
export function visibleText(events: readonly StreamedEvent[], initial = ""): string {
  let text = initial;
  for (const { event, data } of events) {
    if (event === "text") text += String(data.text);
    if (event === "replace_response") text = String(data.text);
  }
  return text;
}

/** The stored message, as the API shows it. */
export async function getMessage(client: TestClient, id: string): Promise<ApiMessage> {
  const { message } = await client.json<{ message: ApiMessage }>("GET", `/api/messages/${id}`);
  return message;
}

/** Polls the stored message until its reply has ended (stop and shutdown finish asynchronously). */
export async function settledMessage(client: TestClient, id: string): Promise<ApiMessage> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const message = await getMessage(client, id);
    if (message.status !== "streaming") return message;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Reply ${id} is still streaming`);
}

/** A reply stream read one event at a time; `close` disconnects like a closed browser tab. */
export interface LiveStream {
  next(): Promise<StreamedEvent>;
  close(): Promise<void>;
}

/** Attaches to a reply without reading it to the end. */
export async function openStream(
  client: TestClient,
  messageId: string,
  lastEventId?: string,
): Promise<LiveStream> {
  const headers: Record<string, string> = lastEventId ? { "last-event-id": lastEventId } : {};
  const stream = await client.request(
    "GET",
    `/api/messages/${messageId}/stream`,
    undefined,
    headers,
  );
  if (!stream.ok) throw new Error(`stream ${messageId} → ${stream.status}`);
  return liveStream(stream);
}

/** Reads an SSE response (a reply stream) one event at a time. */
export function liveStream(stream: Response): LiveStream {
  if (!stream.body) throw new Error("The response has no body");
  const iterator = decodeSse(stream.body)[Symbol.asyncIterator]();
  return {
    async next() {
      const result = await iterator.next();
      if (result.done) throw new Error("The stream ended");
      const message = result.value;
      return {
        id: message.id,
        event: message.event,
        data: JSON.parse(message.data) as Record<string, unknown>,
      };
    },
    async close() {
      // Ending the iteration cancels the body, which closes the connection.
      await iterator.return?.(undefined).catch(() => {});
      if (!stream.body!.locked) await stream.body!.cancel().catch(() => {});
    },
  };
}

/** Reads a live stream until its `done` event (included). */
export async function readToDone(stream: LiveStream): Promise<StreamedEvent[]> {
  const events: StreamedEvent[] = [];
  for (;;) {
    const event = await stream.next();
    events.push(event);
    if (event.event === "done") return events;
  }
}
