import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { botKeys, deleteBot } from "../api/bots.js";
import { Button } from "../ui/button.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { Section } from "../ui/section.js";
import { useToast } from "../ui/toast.js";

/** Deleting the bot, apart from the rest of the form and behind a confirmation. */
export function DangerZone({ handle }: { handle: string }) {
  const [confirming, setConfirming] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const remove = async () => {
    await deleteBot(handle);
    client.removeQueries({ queryKey: botKeys.one(handle) });
    await client.invalidateQueries({ queryKey: botKeys.all });
    toast(`@${handle} was deleted.`);
    await navigate({ to: "/explore" });
  };
  return (
    <Section title="Danger zone" tone="danger">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted">
          Deleting the bot also deletes every conversation anyone had with it, and its call log.
        </p>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete bot
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete @${handle}?`}
        description="This deletes the bot, every conversation with it and its call log. It cannot be undone."
        confirmLabel="Delete bot"
        onConfirm={remove}
      />
    </Section>
  );
}
