import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import type { User } from "./types.js";

/** A live session of the signed-in person, as the account page lists it. */
export interface AccountSession {
  id: string;
  created_at: number;
  last_seen_at: number | null;
  expires_at: number;
  user_agent: string | null;
  client_address: string | null;
  /** The session of this browser. */
  current: boolean;
}

/** The query key of the signed-in person's sessions. */
export const sessionsKey = ["account", "sessions"] as const;

/** The signed-in person's live sessions, most recently opened first. */
export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: async () =>
      (await apiFetch<{ sessions: AccountSession[] }>("/api/account/sessions")).sessions,
  });
}

/** Ends one session: that browser is signed out. */
export const endSession = (id: string) =>
  apiFetch<{ ok: true }>(`/api/account/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });

/** Ends every session but this browser's. */
export const endOtherSessions = () =>
  apiFetch<{ ok: true; ended: number }>("/api/account/sessions/end-others", { method: "POST" });

/** Changes the password; every other session ends, this one stays. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  apiFetch<{ ok: true }>("/api/account/password", {
    method: "POST",
    json: { current_password: currentPassword, new_password: newPassword },
  });

/** Sets the display name (null or blank clears it); answers the user as /me shows them. */
export const updateDisplayName = async (displayName: string | null) =>
  (
    await apiFetch<{ user: User }>("/api/account", {
      method: "PATCH",
      json: { display_name: displayName },
    })
  ).user;

/** Stores a new avatar (PNG, JPEG, WebP or GIF, up to 2 MB). */
export const uploadUserAvatar = async (file: File) => {
  const form = new FormData();
  form.append("file", file);
  return (await apiFetch<{ user: User }>("/api/account/avatar", { method: "POST", body: form }))
    .user;
};

/** Removes the avatar; the initial shows again. */
export const deleteUserAvatar = async () =>
  (await apiFetch<{ user: User }>("/api/account/avatar", { method: "DELETE" })).user;

/** Deletes the account and everything of it: confirmed by the password, or without one the email. */
export const deleteAccount = (confirmation: { password: string } | { confirm: string }) =>
  apiFetch<{ ok: true }>("/api/account", { method: "DELETE", json: confirmation });
