import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { botKeys, syncSettings, useAccessKey } from "../api/bots.js";
import type { Bot } from "../api/types.js";
import { Button } from "../ui/button.js";
import { formatTime } from "../ui/format.js";
import { ErrorNotice } from "../ui/notice.js";
import { TextField } from "../ui/text-field.js";
import { useToast } from "../ui/toast.js";
import { AccessKeyField } from "./access-key-field.js";
import { ConformanceCheckButton } from "./conformance-check.js";
import { ConnectionTest } from "./connection-test.js";

/**
 * What only a server bot has: its webhook address, its access key and the tools to see whether
 * it answers. Before the bot exists there is no key yet: the platform makes one on creation.
 */
export function ServerBotFields({
  bot,
  serverUrl,
  error,
  onChange,
}: {
  bot?: Bot;
  serverUrl: string;
  error?: string;
  onChange: (serverUrl: string) => void;
}) {
  const saved = bot !== undefined && serverUrl.trim() === bot.server_url;
  return (
    <div className="flex flex-col gap-4">
      <TextField
        label="Webhook URL"
        type="url"
        required
        inputMode="url"
        placeholder="https://my-bot.example.com/"
        value={serverUrl}
        error={error}
        hint="Where your bot's server listens. Parlor POSTs every request here."
        onChange={(event) => onChange(event.target.value)}
      />
      {bot ? (
        <AccessKeyField handle={bot.handle} />
      ) : (
        <p className="text-sm text-muted">
          Parlor makes the bot's access key when you create it; you will find it here then.
        </p>
      )}
      <BotTools bot={bot} serverUrl={serverUrl} saved={saved} />
    </div>
  );
}

function BotTools({ bot, serverUrl, saved }: { bot?: Bot; serverUrl: string; saved: boolean }) {
  const accessKey = useAccessKeyIfAny(bot?.handle);
  return (
    <div className="flex flex-col gap-4 rounded-xl bg-surface p-3">
      <ConnectionTest
        url={serverUrl}
        accessKey={accessKey}
        handle={saved ? bot?.handle : undefined}
      />
      <ConformanceCheckButton url={serverUrl} accessKey={accessKey} />
      {bot && <SyncSettings bot={bot} />}
    </div>
  );
}

function SyncSettings({ bot }: { bot: Bot }) {
  const client = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const sync = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const updated = await syncSettings(bot.handle);
      client.setQueryData(botKeys.one(bot.handle), updated);
      toast("Settings synced from your bot.");
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={busy} onClick={() => void sync()}>
          {busy ? "Syncing…" : "Sync settings"}
        </Button>
        <span className="text-xs text-muted">
          {bot.settings_fetched_at
            ? `Last synced ${formatTime(bot.settings_fetched_at)}`
            : "Never synced: the bot had not answered yet."}
        </span>
      </div>
      {failure !== undefined && <ErrorNotice error={failure} />}
    </div>
  );
}

/** The saved bot's access key, for tests of an address that is not saved yet. */
function useAccessKeyIfAny(handle: string | undefined): string | undefined {
  const accessKey = useAccessKey(handle ?? "");
  return handle ? (accessKey.data ?? undefined) : undefined;
}
