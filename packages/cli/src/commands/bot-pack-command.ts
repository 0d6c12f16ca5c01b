import type { Command } from "commander";
import { packSdk } from "../bot/pack-sdk.js";

/** `parlor bot pack`: the SDK's tarballs, for bot projects outside this checkout. */
export function registerBotPackCommand(bot: Command): void {
  bot
    .command("pack [folder]")
    .description("Build @parlor/protocol and @parlor/sdk and write their npm tarballs")
    .action(async (folder: string | undefined) => {
      const tarballs = await packSdk(folder ?? "dist/pack");
      for (const tarball of tarballs) console.log(tarball);
    });
}
