/** @parlor/server — the Parlor platform. */
export { loadConfig, ConfigError, type Config } from "./config/config.js";
export { findDataDir, sqliteFilePath } from "./config/find-data-dir.js";
export { createPlatform, type Platform, type PlatformOverrides } from "./platform.js";
export { createApp, type App } from "./http/app.js";
export { startServer, type RunningPlatform } from "./start-server.js";
export { migrateDatabase } from "./store/migrate-database.js";
export { PlatformError } from "./errors.js";
export type { Actor } from "./auth/accounts.js";
export {
  runConformanceCheck,
  type ConformanceCheck,
  type ConformanceReport,
} from "./bots/conformance-check.js";
// For `parlor bot test`, which checks a bot on this machine without opening a database.
export { createOutboundClient } from "./outbound/index.js";
export { ListenError } from "./http/listen-on-port.js";
export { developmentSwitches } from "./config/development-switches.js";
