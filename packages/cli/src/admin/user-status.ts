import type { AdminUser } from "./admin-schemas.js";

/** Whether an account can sign in: from the platform's `status`, else from `disabled_at`. */
export function userStatus(user: AdminUser): "active" | "pending" | "disabled" {
  return user.status ?? (user.disabled_at === null ? "active" : "disabled");
}
