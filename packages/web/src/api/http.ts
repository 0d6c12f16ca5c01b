import { ApiError } from "./api-error.js";

/**
 * Calls the platform's API on this origin with the session cookie (never a token in storage),
 * and turns its `{error: {code, message}}` answers into ApiError.
 */
export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set("content-type", "application/json");
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers,
      credentials: "same-origin",
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiError(0, "offline", "Parlor cannot be reached.");
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The ApiError a failed response stands for. */
export async function errorOf(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get("retry-after") ?? Number.NaN);
  const body = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string; field?: string } } | undefined;
  return new ApiError(
    response.status,
    body?.error?.code ?? `http_${response.status}`,
    body?.error?.message ?? `The platform answered HTTP ${response.status}.`,
    Number.isFinite(retryAfter) ? retryAfter : undefined,
    body?.error?.field,
  );
}
