import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import { retryUnlessMissing } from "./missing-route.js";
import type { Bot, User } from "./types.js";

/** A user as the admin pages list them. */
export interface AdminUser extends User {
  created_at: number;
  disabled_at: number | null;
  status: "active" | "pending" | "disabled";
}

/** A bot with its owner's email, for the admin pages. */
export type AdminBot = Bot & { owner_email: string | null };

/** Query keys of the admin lists. */
export const adminKeys = {
  users: (query: string) => ["admin", "users", query] as const,
  bots: (query: string) => ["admin", "bots", query] as const,
};

const PAGE_SIZE = 50;

/** Users matching `query`, a page at a time. */
export function useAdminUsers(query: string) {
  return useInfiniteQuery({
    queryKey: adminKeys.users(query),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiFetch<{ users: AdminUser[]; next_cursor: string | null }>(
        `/api/admin/users?${listParams(query, pageParam)}`,
      ),
    getNextPageParam: (page) => page.next_cursor,
    retry: retryUnlessMissing,
  });
}

/** Bots matching `query`, a page at a time. */
export function useAdminBots(query: string) {
  return useInfiniteQuery({
    queryKey: adminKeys.bots(query),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiFetch<{ bots: AdminBot[]; next_cursor: string | null }>(
        `/api/admin/bots?${listParams(query, pageParam)}`,
      ),
    getNextPageParam: (page) => page.next_cursor,
    retry: retryUnlessMissing,
  });
}

/** Disables or enables a user, or changes their role. Disabling signs them out. */
export const updateAdminUser = (id: string, change: { disabled?: boolean; role?: User["role"] }) =>
  apiFetch<{ user: AdminUser }>(`/api/admin/users/${encodeURIComponent(id)}`, {
    method: "PATCH",
    json: change,
  });

/** Deletes an account and everything of it (its bots, conversations, files, keys). */
export const deleteAdminUser = (id: string) =>
  apiFetch<{ ok: true }>(`/api/admin/users/${encodeURIComponent(id)}`, { method: "DELETE" });

/** Hides a bot from everyone but its owner, or shows it again. */
export const setBotHidden = (handle: string, hidden: boolean) =>
  apiFetch<{ bot: AdminBot }>(`/api/admin/bots/${encodeURIComponent(handle)}`, {
    method: "PATCH",
    json: { hidden },
  });

function listParams(query: string, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (query) params.set("q", query);
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}
