import { useParams, useSearch } from "@tanstack/react-router";
import { BotPicker } from "../chat/bot-picker.js";
import { ChatView } from "../chat/chat-view.js";

/** `/` (a new chat: pick a bot, or `?bot=<handle>`) and `/c/:conversationId`. */
export function ChatPage() {
  const { conversationId } = useParams({ strict: false });
  const { bot } = useSearch({ strict: false });
  if (conversationId) return <ChatView key={conversationId} conversationId={conversationId} />;
  if (bot) return <ChatView key={`new:${bot}`} botHandle={bot} />;
  return <BotPicker />;
}
