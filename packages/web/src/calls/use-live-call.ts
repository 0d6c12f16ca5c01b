import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { botKeys, type BotCallDetail } from "../api/bots.js";
import { followCall } from "../api/call-stream.js";

/**
 * While the call shown is running, follows it live: each event the bot sends is added to the
 * call's cached details as it arrives, and at its end the details are loaded again from the log
 * (with the list, whose row changes too).
 */
export function useLiveCall(handle: string, id: string, running: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!running) return;
    const key = botKeys.call(handle, id);
    const controller = new AbortController();
    const known = queryClient.getQueryData<BotCallDetail>(key)?.events.length ?? 0;
    void followCall(
      handle,
      id,
      known - 1,
      {
        onEvent: (event, index) =>
          queryClient.setQueryData<BotCallDetail>(key, (detail) =>
            detail && index === detail.events.length
              ? {
                  ...detail,
                  events: [...detail.events, event],
                  call: {
                    ...detail.call,
                    event_count: index + 1,
                    first_event_ms: detail.call.first_event_ms ?? event.ms,
                  },
                }
              : detail,
          ),
        onEnd: (call) => {
          queryClient.setQueryData<BotCallDetail>(key, (detail) => detail && { ...detail, call });
          void queryClient.invalidateQueries({ queryKey: key, exact: true });
          void queryClient.invalidateQueries({ queryKey: botKeys.calls(handle), exact: true });
        },
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [handle, id, running, queryClient]);
}
