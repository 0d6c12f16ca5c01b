import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";

/** An API key as its owner sees it later: never the key itself. */
export interface ApiKey {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** The query key of the user's API keys. */
export const keysKey = ["keys"] as const;

/** The user's API keys, newest first, revoked ones included. */
export function useApiKeys() {
  return useQuery({
    queryKey: keysKey,
    queryFn: async () => (await apiFetch<{ keys: ApiKey[] }>("/api/keys")).keys,
  });
}

/** Creates a key; the answer is the only time `key` is shown. */
export const createApiKey = (name: string) =>
  apiFetch<{ id: string; key: string; prefix: string }>("/api/keys", {
    method: "POST",
    json: { name },
  });

/** Revokes a key: refused everywhere at once. */
export const revokeApiKey = (id: string) =>
  apiFetch<{ ok: true }>(`/api/keys/${encodeURIComponent(id)}`, { method: "DELETE" });
