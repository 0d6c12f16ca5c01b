import type { Command } from "commander";
import { withAdminClient, withAdminOptions, type AdminOptions } from "../admin/admin-session.js";
import { formatTime, printJson, printTable } from "../print-output.js";

interface KeysOptions extends AdminOptions {
  email?: string;
}

const EMAIL_HELP =
  "whose keys (default: the API key's owner with --url, else the first admin); on this machine only";

/** Keys are private even to admins: each command acts as their owner (see `withAdminClient`). */
const asOwner = (options: KeysOptions) => ({ admin: false, email: options.email });

/**
 * `parlor keys list|create|revoke`: user API keys for the HTTP, Poe-compatible and
 * OpenAI-compatible APIs (and for `parlor --url`). A key is shown once; only its hash is kept.
 */
export function registerKeysCommands(keys: Command): void {
  withAdminOptions(
    keys
      .command("list")
      .description("List a user's API keys")
      .option("--email <email>", EMAIL_HELP),
  ).action((options: KeysOptions) =>
    withAdminClient(
      options,
      async (client) => {
        const listed = await client.listKeys();
        if (options.json) return printJson({ keys: listed });
        printTable(
          ["ID", "NAME", "PREFIX", "CREATED", "LAST USED", "REVOKED"],
          listed.map((key) => [
            key.id,
            key.name,
            `${key.prefix}…`,
            formatTime(key.created_at),
            formatTime(key.last_used_at),
            formatTime(key.revoked_at),
          ]),
          "No API keys.",
        );
      },
      asOwner(options),
    ),
  );

  withAdminOptions(
    keys
      .command("create")
      .description("Create an API key and print it once; only its hash is kept")
      .option("--email <email>", EMAIL_HELP)
      .option("--name <name>", "a label to tell keys apart", "CLI key"),
  ).action((options: KeysOptions & { name: string }) =>
    withAdminClient(
      options,
      async (client) => {
        const owner = await client.me();
        const created = await client.createKey(options.name);
        if (options.json) return printJson({ ...created, name: options.name, email: owner.email });
        console.log(
          `API key "${options.name}" for ${owner.email}; store it now, it is not shown again:`,
        );
        console.log(created.key);
      },
      asOwner(options),
    ),
  );

  withAdminOptions(
    keys
      .command("revoke <id>")
      .description("Revoke an API key (see `parlor keys list` for ids); it stops working at once")
      .option("--email <email>", EMAIL_HELP),
  ).action((id: string, options: KeysOptions) =>
    withAdminClient(
      options,
      async (client) => {
        await client.revokeKey(id);
        if (options.json) return printJson({ ok: true, id });
        console.log(`Revoked API key ${id}`);
      },
      asOwner(options),
    ),
  );
}
