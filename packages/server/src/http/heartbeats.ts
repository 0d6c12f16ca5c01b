import { encodeSseComment } from "@parlor/protocol";

/** How often an open event stream gets a comment, so proxies do not close it as idle. */
const HEARTBEAT_MS = 15_000;

const KEEP_ALIVE = encodeSseComment("keep-alive");

/** An open event stream, as the heartbeat sees it. */
export interface KeptAlive {
  write(text: string): void;
}

const streams = new Set<KeptAlive>();
let timer: NodeJS.Timeout | undefined;

/**
 * Sends `stream` a keep-alive comment every 15 s until {@link stopKeepAlive}: one timer for
 * every open stream, because a timer per stream would cost memory on each idle connection.
 */
export function startKeepAlive(stream: KeptAlive): void {
  streams.add(stream);
  timer ??= setInterval(() => {
    for (const open of streams) open.write(KEEP_ALIVE);
  }, HEARTBEAT_MS).unref();
}

export function stopKeepAlive(stream: KeptAlive): void {
  streams.delete(stream);
  if (streams.size > 0) return;
  clearInterval(timer);
  timer = undefined;
}
