import { defineBot, meta, suggestedReply } from "@parlor/sdk";

/** Splits text into about `parts` pieces, so the reply visibly streams. */
function chunks(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

/** Streams back the last user message in a few chunks and offers one suggested reply. */
export const echoBot = defineBot({
  async *onQuery(request) {
    yield meta({ suggestedReplies: false });
    const last = request.query.findLast((message) => message.role === "user")?.content ?? "";
    for (const piece of chunks(last, 3)) yield piece;
    yield suggestedReply("Say it again");
  },
  settings: {
    introduction_message: "Hi, I am an echo bot. Send me anything and I will say it back.",
  },
});
