import type { Platform } from "@parlor/server";

/** How a reply ended, as the generation log's final event says. */
export interface ReplyOutcome {
  status: "complete" | "incomplete" | "error";
  error: string | null;
  suggestedReplies: string[];
}

/** Where a reply is written: the terminal in the CLI, a buffer in tests. */
export interface ReplyOutput {
  write(text: string): void;
}

const textOf = (data: unknown): string =>
  typeof data === "object" && data !== null && "text" in data ? String(data.text) : "";

/**
 * Prints a running reply as it streams, by following the generation log (the same events the
 * HTTP stream relays), and resolves with how it ended. `replace_response` starts a new line,
 * since a terminal cannot take back what it printed.
 */
export function streamReply(
  log: Platform["log"],
  messageId: string,
  output: ReplyOutput,
): Promise<ReplyOutcome> {
  return new Promise((resolve) => {
    const suggestedReplies: string[] = [];
    let printed = false;
    const subscribed = log.subscribe(messageId, 0, (event) => {
      switch (event.event) {
        case "text":
          output.write(textOf(event.data));
          printed = true;
          break;
        case "replace_response":
          output.write(`${printed ? "\n" : ""}${textOf(event.data)}`);
          printed = true;
          break;
        case "suggested_reply":
          suggestedReplies.push(textOf(event.data));
          break;
        case "file": {
          const file = event.data as { name?: string; url?: string };
          output.write(`\n[file: ${file.name ?? "unnamed"} ${file.url ?? ""}]\n`);
          break;
        }
        case "done": {
          const done = event.data as { status: ReplyOutcome["status"]; error: string | null };
          if (printed) output.write("\n");
          resolve({ status: done.status, error: done.error, suggestedReplies });
        }
      }
    });
    // The log answers asynchronously (it may be shared through Redis); nothing to follow here
    // means the reply is not known to it.
    void subscribed.then((following) => {
      if (!following) {
        resolve({ status: "error", error: "The reply could not be followed", suggestedReplies });
      }
    });
  });
}
