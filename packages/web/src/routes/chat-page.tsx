/** `/` and `/c/:conversationId`: placeholder until the chat is built. */
export function ChatPage() {
  return <div className="p-6 text-sm text-muted">Pick a bot to chat with.</div>;
}
