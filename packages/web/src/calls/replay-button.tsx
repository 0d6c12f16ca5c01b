import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { botKeys, replayCall, type BotCallDetail } from "../api/bots.js";
import { Button } from "../ui/button.js";
import { ErrorNotice } from "../ui/notice.js";

/**
 * "Replay this request": sends the call's request body to the bot again, as a new call, and
 * opens that call (live). Not offered for a request the log cut short: it would not be the same.
 */
export function ReplayButton({
  handle,
  detail,
  onReplay,
}: {
  handle: string;
  detail: BotCallDetail;
  onReplay: (callId: string) => void;
}) {
  const queryClient = useQueryClient();
  const hint = useId();
  const replay = useMutation({
    mutationFn: () => replayCall(handle, detail.call.id),
    onSuccess: (callId) => {
      void queryClient.invalidateQueries({ queryKey: botKeys.calls(handle), exact: true });
      onReplay(callId);
    },
  });
  if (detail.request === null || detail.request_truncated) return null;
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <Button
        variant="primary"
        size="sm"
        disabled={replay.isPending}
        aria-describedby={hint}
        onClick={() => replay.mutate()}
      >
        {replay.isPending ? "Replaying…" : "Replay this request"}
      </Button>
      <p id={hint} className="text-xs text-muted">
        Sends the same body to the bot again, as a new call.
      </p>
      {replay.isError && <ErrorNotice error={replay.error} />}
    </div>
  );
}
