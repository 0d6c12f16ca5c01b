const names: Record<string, string> = { query: "Chat", bot_query: "Bot query", replay: "Replay" };

/** How a call came about, in words: a chat reply, a bot query (`/bot`, `/v1`), a replay. */
export const callTypeName = (requestType: string) => names[requestType] ?? requestType;
