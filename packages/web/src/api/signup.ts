import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import { retryUnlessMissing } from "./missing-route.js";
import type { AdminUser } from "./admin.js";

/** Who may sign up (docs/api.md, "POST /api/auth/signup"). */
export type SignupPolicy = "open" | "approval" | "invite" | "closed";

/** The policy in force and where it comes from: `environment` means the admin cannot change it. */
export interface SignupSettings {
  signup_policy: SignupPolicy;
  signup_policy_source: "environment" | "admin" | "default";
}

/** An invite as listed; its link was shown once, when it was made. */
export interface Invite {
  id: string;
  expires_at: number;
  created_at: number;
  used_at: number | null;
  email: string | null;
}

/** Query keys of the sign-up pages. */
export const signupKeys = {
  policy: ["signup-policy"] as const,
  settings: ["admin", "settings"] as const,
  invites: ["admin", "invites"] as const,
  pending: ["admin", "users", "pending"] as const,
};

/** The sign-up policy, for the sign-up page (no session needed). */
export function useSignupPolicy() {
  return useQuery({
    queryKey: signupKeys.policy,
    queryFn: async () =>
      (await apiFetch<{ signup_policy: SignupPolicy }>("/api/auth/signup-policy")).signup_policy,
  });
}

/** The sign-up settings, for the admin page. */
export function useSignupSettings() {
  return useQuery({
    queryKey: signupKeys.settings,
    queryFn: async () =>
      (await apiFetch<{ settings: SignupSettings }>("/api/admin/settings")).settings,
    retry: retryUnlessMissing,
  });
}

/** Chooses the sign-up policy (refused while `PARLOR_SIGNUP` pins it). */
export const setSignupPolicy = async (policy: SignupPolicy) =>
  (
    await apiFetch<{ settings: SignupSettings }>("/api/admin/settings", {
      method: "PATCH",
      json: { signup_policy: policy },
    })
  ).settings;

/** Accounts that wait for an admin's approval, newest first (the first hundred). */
export function usePendingUsers() {
  return useQuery({
    queryKey: signupKeys.pending,
    queryFn: async () =>
      (await apiFetch<{ users: AdminUser[] }>("/api/admin/users?status=pending&limit=100")).users,
    retry: retryUnlessMissing,
  });
}

/** Lets an account that waits for approval sign in. */
export const approveUser = (id: string) =>
  apiFetch<{ user: AdminUser }>(`/api/admin/users/${encodeURIComponent(id)}`, {
    method: "PATCH",
    json: { approved: true },
  });

/** Every invite, newest first. */
export function useInvites() {
  return useQuery({
    queryKey: signupKeys.invites,
    queryFn: async () => (await apiFetch<{ invites: Invite[] }>("/api/admin/invites")).invites,
    retry: retryUnlessMissing,
  });
}

/** Makes an invite; its `url` is shown this once. */
export const createInvite = async (options: { expiresInHours: number; email?: string }) =>
  (
    await apiFetch<{ invite: Invite & { url: string } }>("/api/admin/invites", {
      method: "POST",
      json: {
        expires_in_hours: options.expiresInHours,
        ...(options.email ? { email: options.email } : {}),
      },
    })
  ).invite;

/** Revokes an invite: its link stops working. */
export const revokeInvite = (id: string) =>
  apiFetch<{ ok: true }>(`/api/admin/invites/${encodeURIComponent(id)}`, { method: "DELETE" });
