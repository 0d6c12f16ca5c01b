// A real SDK bot process for the web app's end-to-end tests. What it does is chosen by the
// user's last message, so a test scripts it by what it types:
//   anything        streams back "You said: …" with the earlier user messages, and two suggestions
//   /long           streams 80 numbered words over about 8 s (reload, second tab, stop)
//   /slow           waits 3.5 s before its first event (the "waiting" indicator)
//   /error          ends with its own error text, allowing a retry; /fatal without a retry
//   /files          uploads an image and a text file to the platform and attaches both
//   /markdown       a reply with a heading, a list, a table, code and math
//   /xss            streams every payload of XSS_PAYLOADS_FILE (a JSON array), in pieces
//   /attachments    lists the attachments of the user's message
//   /parameters     says the parameter values the user's message carried, as JSON
import { readFileSync } from "node:fs";
import { defineBot, errorResponse, file, meta, suggestedReply, uploadFile } from "@parlor/sdk";
import { serve } from "@parlor/sdk/node";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const platformUrl = process.env.PARLOR_URL ?? "http://127.0.0.1:8080";
const accessKey = process.env.POE_ACCESS_KEY;

/** A 2×2 red PNG, so an image reply needs no file on disk. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8DAwMDAwMAAABQAAf+W4NAAAAAASUVORK5CYII=",
  "base64",
);

const MARKDOWN = [
  "# A heading",
  "",
  "Some **bold** and `inline code`, then a list:",
  "",
  "- one",
  "- two",
  "",
  "| name | value |",
  "| ---- | ----- |",
  "| a    | 1     |",
  "",
  "```js",
  "const answer = 42;",
  "```",
  "",
  "And math: $e^{i\\pi} + 1 = 0$",
].join("\n");

async function* streamWords(words, delayMs) {
  for (const word of words) {
    await sleep(delayMs);
    yield `${word} `;
  }
}

const bot = defineBot({
  async *onQuery(request) {
    const users = request.query.filter((message) => message.role === "user");
    const last = users.at(-1);
    const content = (last?.content ?? "").trim();
    if (content === "/slow") {
      await sleep(3500);
      yield "Sorry for the wait. Here I am.";
      return;
    }
    yield meta({ suggestedReplies: false });
    if (content === "/long") {
      yield* streamWords(
        Array.from({ length: 80 }, (_, index) => `word${index + 1}`),
        100,
      );
      return;
    }
    if (content === "/error") {
      yield errorResponse("The scripted bot failed on purpose.", { allowRetry: true });
      return;
    }
    if (content === "/fatal") {
      yield errorResponse("The scripted bot cannot do that.", { allowRetry: false });
      return;
    }
    if (content === "/markdown") {
      yield* streamWords(MARKDOWN.split(" "), 20);
      return;
    }
    if (content === "/xss") {
      const payloads = JSON.parse(readFileSync(process.env.XSS_PAYLOADS_FILE, "utf8"));
      for (const payload of payloads) {
        yield payload.slice(0, Math.ceil(payload.length / 2));
        yield `${payload.slice(Math.ceil(payload.length / 2))}\n\n`;
      }
      yield "XSS corpus done.";
      return;
    }
    if (content === "/attachments") {
      const names = (last?.attachments ?? []).map((attachment) => attachment.name);
      yield `Attachments: ${names.join(", ") || "none"}`;
      return;
    }
    if (content === "/parameters") {
      yield `Parameters: ${JSON.stringify(last?.parameters ?? {})}`;
      return;
    }
    if (content === "/files") {
      const options = { apiKey: accessKey, baseUrl: `${platformUrl}/bot/` };
      const image = await uploadFile({ ...options, file: PNG, fileName: "red.png" });
      const notes = await uploadFile({
        ...options,
        file: Buffer.from("Some notes.\n"),
        fileName: "notes.txt",
      });
      yield "Here are two files.";
      yield file({ url: image.url, contentType: image.contentType, name: image.name });
      yield file({ url: notes.url, contentType: notes.contentType, name: notes.name });
      return;
    }
    const earlier = users.slice(0, -1).map((message) => message.content);
    const reply =
      `You said: ${content}.` + (earlier.length ? ` Before that: ${earlier.join(" | ")}.` : "");
    yield* streamWords(reply.split(" "), 30);
    yield suggestedReply("Tell me more");
    yield suggestedReply("Say something else");
  },
  settings: {
    introduction_message: "Hello! I am a scripted test bot.",
    allow_attachments: true,
    parameter_controls: {
      api_version: "2",
      sections: [
        {
          name: "Style",
          controls: [
            {
              control: "drop_down",
              label: "Tone",
              parameter_name: "tone",
              default_value: "plain",
              options: [
                { value: "plain", name: "Plain" },
                { value: "cheerful", name: "Cheerful" },
              ],
            },
            {
              control: "toggle_switch",
              label: "Shout",
              parameter_name: "shout",
              default_value: false,
            },
            {
              control: "condition",
              condition: {
                comparator: "eq",
                left: { parameter_name: "shout" },
                right: { literal: true },
              },
              controls: [
                {
                  control: "slider",
                  label: "Volume",
                  parameter_name: "volume",
                  default_value: 5,
                  min_value: 1,
                  max_value: 10,
                  step: 1,
                },
              ],
            },
          ],
        },
      ],
    },
  },
});

const server = await serve(bot, { host: "127.0.0.1", port: 0 });
console.log(`Scripted bot listening on ${server.url}`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
