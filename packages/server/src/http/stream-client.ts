import type { Context } from "hono";
import type { StreamClient } from "../poe-api/event-stream-response.js";
import type { AppEnv } from "./app-env.js";
import { nodeBindings } from "./node-bindings.js";

/** The client of a streamed reply: the Node response when there is one, else the web request. */
export function streamClient(context: Context<AppEnv>): StreamClient {
  const { outgoing } = nodeBindings(context);
  return {
    ...(outgoing ? { outgoing } : {}),
    // Read lazily: building the web Request behind it costs microseconds under Node.
    requestSignal: () => context.req.raw.signal,
  };
}
