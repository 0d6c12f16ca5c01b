import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { botKeys, rotateAccessKey, useAccessKey } from "../api/bots.js";
import { Button } from "../ui/button.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { CopyButton } from "../ui/copy-button.js";
import { ErrorNotice } from "../ui/notice.js";
import { Spinner } from "../ui/spinner.js";
import { useToast } from "../ui/toast.js";

/** The bot's access key, which its server checks on every request: copy it, or rotate it. */
export function AccessKeyField({ handle }: { handle: string }) {
  const id = useId();
  const accessKey = useAccessKey(handle);
  const client = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const rotate = async () => {
    const key = await rotateAccessKey(handle);
    client.setQueryData(botKeys.accessKey(handle), key);
    toast("New access key made. Restart your bot with it.");
  };
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        Access key
      </label>
      {accessKey.isPending && <Spinner label="Loading the access key" />}
      {accessKey.isError && <ErrorNotice error={accessKey.error} />}
      {accessKey.isSuccess && (
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={id}
            readOnly
            value={accessKey.data ?? ""}
            aria-describedby={`${id}-hint`}
            className="h-10 w-full min-w-0 rounded-lg border border-line bg-sunken px-3 font-mono text-sm sm:w-auto sm:flex-1"
          />
          <CopyButton text={accessKey.data ?? ""} label="Copy access key" />
          <Button size="sm" onClick={() => setConfirming(true)}>
            Rotate
          </Button>
        </div>
      )}
      <p id={`${id}-hint`} className="text-xs text-muted">
        Give this key to your bot (POE_ACCESS_KEY); Parlor sends it with every request.
      </p>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Rotate the access key?"
        description="The current key stops working at once: your bot refuses Parlor's requests until it runs with the new key."
        confirmLabel="Rotate key"
        onConfirm={rotate}
      />
    </div>
  );
}
