import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import type { Bot } from "./types.js";

/** The query key of the bots one may chat with. */
export const botsKey = ["bots"] as const;

/** Public bots and the user's own, by handle (read-only; the bot pages own editing). */
export const botsQuery = queryOptions({
  queryKey: botsKey,
  queryFn: async () => (await apiFetch<{ bots: Bot[] }>("/api/bots")).bots,
  staleTime: 60_000,
});

/** The bots one may chat with, for components. */
export const useBots = () => useQuery(botsQuery);

/** One bot by handle, from the list when it is there, else from the platform. */
export function useBot(handle: string | undefined) {
  return useQuery({
    queryKey: ["bot", handle],
    enabled: handle !== undefined,
    queryFn: async () =>
      (await apiFetch<{ bot: Bot }>(`/api/bots/${encodeURIComponent(handle!)}`)).bot,
    staleTime: 60_000,
  });
}
