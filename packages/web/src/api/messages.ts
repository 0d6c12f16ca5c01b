import { apiFetch } from "./http.js";

/** Stops a running reply; it is kept as `incomplete`. */
export const stopReply = (messageId: string) =>
  apiFetch<{ stopped: boolean }>(`/api/messages/${messageId}/stop`, { method: "POST" });

/** Likes or dislikes a bot reply (the bot hears of it as `report_feedback`). */
export const sendFeedback = (messageId: string, type: "like" | "dislike") =>
  apiFetch<{ ok: true }>(`/api/messages/${messageId}/feedback`, {
    method: "POST",
    json: { type },
  });

/** Sets the user's reaction to a reply, replacing the previous one. */
export const sendReaction = (messageId: string, reaction: string) =>
  apiFetch<{ ok: true }>(`/api/messages/${messageId}/reaction`, {
    method: "POST",
    json: { reaction },
  });
