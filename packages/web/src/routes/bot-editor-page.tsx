import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { describeError } from "../api/api-error.js";
import { botKeys, createBot, deleteAvatar, updateBot, uploadAvatar, useBot } from "../api/bots.js";
import type { Bot } from "../api/types.js";
import { BotForm } from "../bot-editor/bot-form.js";
import { inputOf } from "../bot-editor/bot-form-values.js";
import { DangerZone } from "../bot-editor/danger-zone.js";
import { ErrorNotice } from "../ui/notice.js";
import { Page } from "../ui/page.js";
import { Spinner } from "../ui/spinner.js";
import { useToast } from "../ui/toast.js";

/**
 * `/bots/new`: makes a prompt bot or registers a server bot, uploads its avatar, then opens
 * the bot's page (a prompt bot is ready) or its editor (a server bot needs its access key).
 */
export function NewBotPage() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [avatar, setAvatar] = useState<File | null>(null);
  return (
    <Page
      title="Create a bot"
      lead="Write a prompt over a model, or connect your own server; you can change everything but the handle and kind later."
    >
      <BotForm
        submitLabel="Create bot"
        avatar={{
          pending: avatar,
          busy: false,
          onPick: setAvatar,
          onRemove: avatar ? () => setAvatar(null) : undefined,
        }}
        onSubmit={async (values) => {
          const { bot } = await createBot({
            ...inputOf(values),
            kind: values.kind,
            handle: values.handle.trim(),
          });
          let avatarFailure: unknown;
          if (avatar) {
            await uploadAvatar(bot.handle, avatar).catch(
              (error: unknown) => (avatarFailure = error),
            );
          }
          await client.invalidateQueries({ queryKey: botKeys.all });
          const next =
            bot.kind === "prompt" ? "Start a chat with it." : "Give your bot its access key.";
          toast(
            avatarFailure === undefined
              ? `@${bot.handle} is created. ${next}`
              : `@${bot.handle} is created, but its avatar was not saved: ${describeError(avatarFailure)}`,
            avatarFailure === undefined ? "info" : "error",
          );
          await navigate({
            to: bot.kind === "prompt" ? "/bots/$handle" : "/bots/$handle/edit",
            params: { handle: bot.handle },
          });
        }}
      />
    </Page>
  );
}

/** `/bots/:handle/edit`: the same form for a saved bot, with its key, tools and danger zone. */
export function EditBotPage() {
  const { handle } = useParams({ from: "/app/bots/$handle/edit" });
  const bot = useBot(handle);
  if (bot.isPending) {
    return (
      <div className="p-6">
        <Spinner label="Loading the bot" />
      </div>
    );
  }
  if (bot.isError) {
    return (
      <Page title="Bot not available">
        <ErrorNotice error={bot.error} />
      </Page>
    );
  }
  // Keyed by the bot's id so a different bot starts a fresh form.
  return <EditBotForm key={bot.data.id} bot={bot.data} />;
}

function EditBotForm({ bot }: { bot: Bot }) {
  const client = useQueryClient();
  const toast = useToast();
  const [avatarBusy, setAvatarBusy] = useState(false);
  const [avatarError, setAvatarError] = useState<string>();
  const storeBot = (updated: Bot) => {
    client.setQueryData(botKeys.one(updated.handle), updated);
    void client.invalidateQueries({ queryKey: botKeys.all, exact: true });
  };
  const changeAvatar = async (change: () => Promise<Bot | undefined>, done: string) => {
    setAvatarBusy(true);
    setAvatarError(undefined);
    try {
      const updated = await change();
      if (updated) storeBot(updated);
      else await client.invalidateQueries({ queryKey: botKeys.one(bot.handle) });
      toast(done);
    } catch (error) {
      setAvatarError(describeError(error));
    } finally {
      setAvatarBusy(false);
    }
  };
  return (
    <Page
      title={`Edit ${bot.display_name}`}
      lead={
        <>
          @{bot.handle} ·{" "}
          <Link
            to="/bots/$handle"
            params={{ handle: bot.handle }}
            className="text-accent underline"
          >
            View the bot's page
          </Link>{" "}
          ·{" "}
          <Link
            to="/bots/$handle/calls"
            params={{ handle: bot.handle }}
            className="text-accent underline"
          >
            Call log
          </Link>
        </>
      }
    >
      <BotForm
        bot={bot}
        submitLabel="Save changes"
        avatar={{
          pending: null,
          busy: avatarBusy,
          error: avatarError,
          onPick: (file) =>
            void changeAvatar(() => uploadAvatar(bot.handle, file), "Avatar saved."),
          onRemove: bot.avatar_url
            ? () =>
                void changeAvatar(
                  async () => (await deleteAvatar(bot.handle))?.bot,
                  "Avatar removed.",
                )
            : undefined,
        }}
        onSubmit={async (values) => {
          storeBot(await updateBot(bot.handle, inputOf(values)));
          toast("Changes saved.");
        }}
      />
      <DangerZone handle={bot.handle} />
    </Page>
  );
}
