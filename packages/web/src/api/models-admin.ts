import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import { retryUnlessMissing } from "./missing-route.js";

/** A model provider as admins see it: whether a key is set, never the key. */
export interface ModelProviderView {
  id: string;
  kind: "openai" | "anthropic" | "gemini" | "openai_compatible";
  name: string;
  source: "vendor" | "environment" | "admin" | "autodiscovered";
  base_url: string | null;
  api_key: "set" | "not set";
  key_source: "environment" | "admin" | null;
  enabled: boolean;
  status: "ok" | "key_wrong" | "unreachable" | "not_configured" | "disabled" | "checking";
  status_message: string | null;
  checked_at: number | null;
  models_count: number;
  editable: boolean;
  removable: boolean;
  bots: {
    handle: string;
    display_name: string;
    model_id: string | null;
    hidden: boolean;
    listed: boolean;
  }[];
}

/** Query key of the providers list. */
export const modelProvidersKey = ["admin", "model-providers"] as const;

/** Every model provider with its status and model bots. */
export function useModelProviders() {
  return useQuery({
    queryKey: modelProvidersKey,
    queryFn: () =>
      apiFetch<{ providers: ModelProviderView[] }>("/api/admin/models/providers").then(
        (answer) => answer.providers,
      ),
    retry: retryUnlessMissing,
  });
}

const providerPath = (id: string) => `/api/admin/models/providers/${encodeURIComponent(id)}`;

/** Adds an OpenAI-compatible server; its models are read before the answer. */
export const addModelServer = (server: { name: string; base_url: string; api_key?: string }) =>
  apiFetch<{ provider: ModelProviderView }>("/api/admin/models/providers", {
    method: "POST",
    json: server,
  });

/** Sets (a string) or clears (null) a key, changes the base URL, or switches a provider. */
export const updateModelProvider = (
  id: string,
  change: { api_key?: string | null; base_url?: string | null; enabled?: boolean },
) => apiFetch<{ provider: ModelProviderView }>(providerPath(id), { method: "PATCH", json: change });

/** Removes a server an admin added, or a vendor's saved key and settings. */
export const removeModelProvider = (id: string) =>
  apiFetch<{ ok: true }>(providerPath(id), { method: "DELETE" });

/** Reads every provider's models again. */
export const refreshModels = () =>
  apiFetch<{ providers: ModelProviderView[] }>("/api/admin/models/refresh", { method: "POST" });
