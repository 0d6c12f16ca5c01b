import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-error.js";
import { apiFetch } from "./http.js";
import type { User } from "./types.js";

/** The query key of the signed-in user; cleared on logout so every page forgets them. */
export const meKey = ["me"] as const;

/** The signed-in user, or null when nobody is (a 401 is an answer, not an error). */
export async function fetchMe(): Promise<User | null> {
  try {
    return (await apiFetch<{ user: User }>("/api/auth/me")).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in user for components; `undefined` while loading. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** Creates an account (it does not sign in); `invite` is the token of an invite link. */
export const signUp = (email: string, password: string, invite?: string) =>
  apiFetch<{ user: User & { status: "active" | "pending" | "disabled" } }>("/api/auth/signup", {
    method: "POST",
    json: { email, password, ...(invite ? { invite } : {}) },
  });

/** Opens a session: the platform sets its HTTP-only cookie. */
export const logIn = (email: string, password: string) =>
  apiFetch<{ user: User }>("/api/auth/login", { method: "POST", json: { email, password } });

/** Ends the session and forgets everything cached for it. */
export function useLogOut() {
  const client = useQueryClient();
  return async () => {
    await apiFetch("/api/auth/logout", { method: "POST" });
    client.clear();
    client.setQueryData(meKey, null);
  };
}

/** How people may sign in besides a password: the single sign-on provider, if any. */
export interface SignInProviders {
  oidc: { name: string } | null;
}

/** The sign-in providers for the login page; a failure shows no button rather than an error. */
export function useSignInProviders() {
  return useQuery({
    queryKey: ["sign-in-providers"],
    queryFn: () => apiFetch<SignInProviders>("/api/auth/providers"),
    staleTime: 5 * 60_000,
  });
}
