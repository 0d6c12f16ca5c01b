import { createPlatform, loadConfig, type Platform } from "@parlor/server";

/**
 * Opens the platform's services (the same ones the HTTP API uses) for one command and closes
 * them afterwards. The platform's JSON log is for servers: a command stays quiet unless
 * LOG_LEVEL asks otherwise, and speaks to the user in plain text instead.
 */
export async function withPlatform<T>(run: (platform: Platform) => Promise<T>): Promise<T> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...process.env });
  const platform = await createPlatform(config);
  try {
    return await run(platform);
  } finally {
    await platform.close();
    platform.outbound.close();
  }
}
