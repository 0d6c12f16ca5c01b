import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import { retryUnlessMissing } from "./missing-route.js";

/** `GET /api/admin/status`: the settings that decide what bot URLs may reach. */
export interface AdminStatus {
  environment: "development" | "production";
  host: string;
  allow_loopback_bots: boolean;
  allowed_bot_hosts: string[];
  allowed_bot_ports: string | null;
  development_switches: string[];
}

/** The platform's environment and outbound settings, for the admin page. */
export function useAdminStatus() {
  return useQuery({
    queryKey: ["admin", "status"],
    queryFn: () => apiFetch<AdminStatus>("/api/admin/status"),
    retry: retryUnlessMissing,
  });
}
