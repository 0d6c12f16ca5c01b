import type { Context } from "hono";
import { developmentSwitches } from "../../config/development-switches.js";
import { formatPortRanges } from "../../config/parse-port-ranges.js";
import type { AppEnv } from "../app-env.js";

/**
 * `GET /api/admin/status`: the settings that decide what bots may reach, so an admin sees on
 * the admin page when a development switch is on. Behind the admin routes' own check.
 */
export function handleAdminStatus(context: Context<AppEnv>): Response {
  const { config } = context.var.platform;
  return context.json({
    environment: config.environment,
    host: config.host,
    allow_loopback_bots: config.allowLoopbackBots,
    allowed_bot_hosts: config.allowedBotHosts,
    allowed_bot_ports: config.allowedBotPorts ? formatPortRanges(config.allowedBotPorts) : null,
    development_switches: developmentSwitches(config),
  });
}
