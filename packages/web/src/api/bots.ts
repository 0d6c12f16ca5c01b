import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import { retryUnlessMissing } from "./missing-route.js";
import type { Bot, Visibility } from "./types.js";

/** Query keys for bots, so a save refreshes every page that shows one. */
export const botKeys = {
  all: ["bots"] as const,
  one: (handle: string) => ["bots", handle] as const,
  accessKey: (handle: string) => ["bots", handle, "access-key"] as const,
  calls: (handle: string) => ["bots", handle, "calls"] as const,
  call: (handle: string, id: string) => ["bots", handle, "calls", id] as const,
};

/** What the creator form sends; the handle only on creation. */
export interface BotInput {
  display_name?: string;
  description?: string;
  greeting?: string | null;
  visibility?: Visibility;
  server_url?: string;
  memory_last_n?: number | null;
  /** Prompt bots: the handle of the bot it calls, its prompt and how it calls it. */
  base_bot?: string;
  prompt?: string;
  temperature?: number | null;
  suggest_replies?: boolean;
}

/** The bots this user may use: public ones and their own. */
export function useBots() {
  return useQuery({
    queryKey: botKeys.all,
    queryFn: async () => (await apiFetch<{ bots: Bot[] }>("/api/bots")).bots,
  });
}

/** One bot by handle. */
export function useBot(handle: string) {
  return useQuery({
    queryKey: botKeys.one(handle),
    queryFn: async () => (await apiFetch<{ bot: Bot }>(`/api/bots/${path(handle)}`)).bot,
    retry: retryUnlessMissing,
  });
}

/** Registers a server bot; the platform generates its access key. */
export const createBot = (input: BotInput & { handle: string; kind: "server" | "prompt" }) =>
  apiFetch<{ bot: Bot; access_key: string | null }>("/api/bots", { method: "POST", json: input });

/** Changes a bot's fields (owner or admin). */
export const updateBot = async (handle: string, input: BotInput) =>
  (await apiFetch<{ bot: Bot }>(`/api/bots/${path(handle)}`, { method: "PATCH", json: input })).bot;

/** Deletes a bot with every conversation anyone had with it. */
export const deleteBot = (handle: string) =>
  apiFetch<{ ok: true }>(`/api/bots/${path(handle)}`, { method: "DELETE" });

/** The bot's access key, for its owner; null for built-in bots. An empty handle asks nothing. */
export function useAccessKey(handle: string) {
  return useQuery({
    queryKey: botKeys.accessKey(handle),
    enabled: handle !== "",
    queryFn: async () =>
      (await apiFetch<{ access_key: string | null }>(`/api/bots/${path(handle)}/access-key`))
        .access_key,
  });
}

/** Replaces the access key; the old one stops working at once. */
export const rotateAccessKey = async (handle: string) =>
  (
    await apiFetch<{ access_key: string }>(`/api/bots/${path(handle)}/access-key/rotate`, {
      method: "POST",
    })
  ).access_key;

/** Asks the bot for its settings again and stores them. */
export const syncSettings = async (handle: string) =>
  (await apiFetch<{ bot: Bot }>(`/api/bots/${path(handle)}/sync`, { method: "POST" })).bot;

/** Stores a new avatar (PNG, JPEG, WebP or GIF, up to 2 MB). */
export const uploadAvatar = async (handle: string, file: File) => {
  const form = new FormData();
  form.append("file", file);
  return (
    await apiFetch<{ bot: Bot }>(`/api/bots/${path(handle)}/avatar`, {
      method: "POST",
      body: form,
    })
  ).bot;
};

/** Removes the avatar; the bot shows its initial again. */
export const deleteAvatar = (handle: string) =>
  apiFetch<{ bot?: Bot }>(`/api/bots/${path(handle)}/avatar`, { method: "DELETE" });

/** Why a connection test failed, as the platform classifies it. */
export type ConnectionErrorKind =
  "dns" | "refused" | "tls" | "unauthorized" | "timeout" | "http" | "malformed" | "blocked";

/** The answer of a connection test: a settings request sent to the bot. */
export type ConnectionResult =
  | { ok: true; duration_ms: number; http_status: number; settings: Record<string, unknown> }
  | {
      ok: false;
      duration_ms: number;
      http_status: number | null;
      error: { kind: ConnectionErrorKind; message: string };
    };

/** Sends a settings request to `url` with `access_key` and reports what happened. */
export const testConnection = (input: { url: string; access_key?: string }) =>
  apiFetch<ConnectionResult>("/api/bots/test-connection", { method: "POST", json: input });

/** Tests a saved bot's connection with its saved URL and access key. */
export const testSavedBotConnection = (handle: string) =>
  apiFetch<ConnectionResult>(`/api/bots/${encodeURIComponent(handle)}/test-connection`, {
    method: "POST",
  });

/** One check of the conformance report. */
export interface ConformanceCheck {
  name: string;
  passed: boolean;
  detail: string;
  warning?: boolean;
  skipped?: boolean;
}

/** Runs the conformance check a real platform would against a bot server. */
export const checkBot = (input: { url: string; access_key?: string }) =>
  apiFetch<{ checks: ConformanceCheck[]; passed: boolean }>("/api/bots/check", {
    method: "POST",
    json: input,
  });

/** One attempt to call a bot, as the call log keeps it. */
export interface BotCall {
  id: string;
  bot_id: string;
  message_id: string | null;
  user_id: string | null;
  /** `query` (a chat reply), `bot_query` (`/bot/<name>`, `/v1`) or `replay` (an owner's). */
  request_type: string;
  started_at: number;
  /** `ok`, `error`, or `running` for a call in progress. */
  status: string;
  http_status: number | null;
  first_event_ms: number | null;
  duration_ms: number | null;
  event_count: number;
  malformed_count?: number;
  timed_out?: boolean;
  error: string | null;
}

/** One event of a call as the bot sent it: its name, its data undecoded, when it came. */
export interface CallEvent {
  /** Milliseconds since the request started. */
  ms: number;
  event: string;
  data: string;
}

/** A call with what was sent and what came back (so far, for a running call). */
export interface BotCallDetail {
  call: BotCall;
  /** The request body's JSON text; null for calls logged before requests were kept. */
  request: string | null;
  events: CallEvent[];
  /** The `raw_response` of the bot's error event: for the owner, never shown in chat. */
  raw_response: string | null;
  truncated: boolean;
  request_truncated?: boolean;
  events_truncated?: boolean;
}

/** The bot's last calls, newest first, the running ones on top; polled while the page is open. */
export function useBotCalls(handle: string) {
  return useQuery({
    queryKey: botKeys.calls(handle),
    queryFn: async () =>
      (await apiFetch<{ calls: BotCall[] }>(`/api/bots/${path(handle)}/calls`)).calls,
    // Quicker while a call runs, so its event count grows as one watches.
    refetchInterval: (query) =>
      query.state.data?.some((call) => call.status === "running") ? 1000 : 5000,
  });
}

/** Sends a logged call's request to the bot again; resolves with the new call's id. */
export const replayCall = async (handle: string, id: string) =>
  (
    await apiFetch<{ call_id: string }>(
      `/api/bots/${path(handle)}/calls/${encodeURIComponent(id)}/replay`,
      { method: "POST" },
    )
  ).call_id;

/** One call's request and events; `id` null means nothing is selected. */
export function useBotCall(handle: string, id: string | null) {
  return useQuery({
    queryKey: botKeys.call(handle, id ?? ""),
    queryFn: () =>
      apiFetch<BotCallDetail>(`/api/bots/${path(handle)}/calls/${encodeURIComponent(id!)}`),
    enabled: id !== null,
    retry: retryUnlessMissing,
  });
}

const path = encodeURIComponent;
