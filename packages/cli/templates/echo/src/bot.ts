import { defineBot, suggestedReply } from "@parlor/sdk";

/** Says back the user's last message, then offers one suggested reply. */
export const bot = defineBot({
  async *onQuery(request) {
    const last = request.query.findLast((message) => message.role === "user")?.content ?? "";
    yield `You said: ${last}`;
    yield suggestedReply("Say it again");
  },
  settings: {
    introduction_message: "Hi! Send me anything and I will say it back.",
  },
});
